/**
 * Which shard of a sweep this job is: `--shard i/n` (1-based), or `--shard auto`, which reads the
 * parallel-job variables that CI systems set: BATCHSIM_SHARD=i/n (any CI, e.g. from a GitHub
 * Actions matrix), GitLab's CI_NODE_INDEX/CI_NODE_TOTAL (1-based, from `parallel:`) and CircleCI's
 * CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (0-based, from `parallelism:`) and Kubernetes Indexed Jobs'
 * JOB_COMPLETION_INDEX (0-based), whose total the pod does not see: it comes from `--shard auto/N`
 * or BATCHSIM_SHARD_TOTAL (the Job's `completions`).
 */
import { msg, type Message } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import type { Shard } from './grid.js';

/** `--shard auto/N`: read the index from the environment, with N shards in all. */
export interface AutoShard {
  readonly autoTotal: number;
}

export type ShardOption = Shard | 'auto' | AutoShard;

const AUTO_TOTAL = /^\s*auto\s*\/\s*(\d+)\s*$/i;

/** `auto/N` → {autoTotal: N}, what is wrong with N, or null when the text is not `auto/…`. */
export function autoShardOf(text: string): AutoShard | Message | null {
  const match = AUTO_TOTAL.exec(text);
  if (!match) return null;
  const total = Number(match[1]);
  if (total < 1 || total > MAX_SHARDS) return msg('shard.total', { total, max: MAX_SHARDS });
  return { autoTotal: total };
}

const SHARD = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const MAX_SHARDS = 10000;

/** `i/n` → {index, total}, or what is wrong with it. */
export function shardOf(text: string): Shard | Message {
  const match = SHARD.exec(text);
  if (!match) return msg('shard.notIOfN', { text });
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > MAX_SHARDS) return msg('shard.total', { total, max: MAX_SHARDS });
  if (index < 1 || index > total) return msg('shard.index', { index, total });
  return { index, total };
}

export const isShard = (value: Shard | Message): value is Shard => 'index' in value;

type Env = Readonly<Record<string, string | undefined>>;

function whole(env: Env, name: string): number {
  const text = env[name]?.trim() ?? '';
  if (!/^\d+$/.test(text)) throw new InputError(msg('shard.notWhole', { name, value: String(JSON.stringify(env[name])) }));
  return Number(text);
}

function checked(index: number, total: number, source: string): Shard {
  if (total < 1 || total > MAX_SHARDS) throw new InputError(msg('shard.autoTotal', { source, total, max: MAX_SHARDS }));
  if (index < 1 || index > total) throw new InputError(msg('shard.autoIndex', { source, index, total }));
  return { index, total };
}

const set = (env: Env, name: string): boolean => env[name] !== undefined && env[name] !== '';

/** Refuses one of a CI's pair of variables without the other (named, not shown as "undefined"). */
function bothSet(env: Env, index: string, total: string): void {
  if (!set(env, index)) throw new InputError(msg('shard.missingVariable', { set: total, missing: index }));
  if (!set(env, total)) throw new InputError(msg('shard.missingVariable', { set: index, missing: total }));
}

/**
 * The shard the CI job is, from its environment; null when no CI says (then the whole grid
 * runs). BATCHSIM_SHARD wins over the CI's own variables. `total` is the N of `--shard auto/N`:
 * the total where the environment gives none (Kubernetes), and a check where it gives one.
 */
export function shardFromEnv(env: Env, total?: number): { shard: Shard; source: string } | null {
  const found = fromEnv(env, total);
  if (found !== null && total !== undefined && found.shard.total !== total) {
    throw new InputError(msg('shard.autoTotalDiffers', { source: found.source, total: found.shard.total, given: total }));
  }
  return found;
}

function fromEnv(env: Env, total: number | undefined): { shard: Shard; source: string } | null {
  if (set(env, 'BATCHSIM_SHARD')) {
    const shard = shardOf(env.BATCHSIM_SHARD!);
    if (!isShard(shard)) throw new InputError(msg('shard.autoVariable', { problem: shard }));
    return { shard, source: 'BATCHSIM_SHARD' };
  }
  if (set(env, 'CI_NODE_INDEX') || set(env, 'CI_NODE_TOTAL')) {
    const source = 'CI_NODE_INDEX/CI_NODE_TOTAL';
    bothSet(env, 'CI_NODE_INDEX', 'CI_NODE_TOTAL');
    return { shard: checked(whole(env, 'CI_NODE_INDEX'), whole(env, 'CI_NODE_TOTAL'), source), source };
  }
  if (set(env, 'CIRCLE_NODE_INDEX') || set(env, 'CIRCLE_NODE_TOTAL')) {
    const source = 'CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL';
    bothSet(env, 'CIRCLE_NODE_INDEX', 'CIRCLE_NODE_TOTAL');
    return { shard: checked(whole(env, 'CIRCLE_NODE_INDEX') + 1, whole(env, 'CIRCLE_NODE_TOTAL'), source), source };
  }
  if (set(env, 'JOB_COMPLETION_INDEX')) {
    const index = whole(env, 'JOB_COMPLETION_INDEX');
    if (total !== undefined) return { shard: checked(index + 1, total, 'JOB_COMPLETION_INDEX'), source: 'JOB_COMPLETION_INDEX' };
    if (!set(env, 'BATCHSIM_SHARD_TOTAL')) throw new InputError(msg('shard.kubernetesTotal', { index }));
    const source = 'JOB_COMPLETION_INDEX/BATCHSIM_SHARD_TOTAL';
    return { shard: checked(index + 1, whole(env, 'BATCHSIM_SHARD_TOTAL'), source), source };
  }
  return null;
}

export function resolveShard(option: ShardOption | undefined, env: Env): { shard: Shard | null; note: Message | null } {
  if (option === undefined) return { shard: null, note: null };
  if (option !== 'auto' && !('autoTotal' in option)) return { shard: option, note: null };
  const found = shardFromEnv(env, option === 'auto' ? undefined : option.autoTotal);
  if (found === null) return { shard: null, note: msg('sweep.noShardVariables') };
  return { shard: found.shard, note: msg('sweep.shardFrom', { index: found.shard.index, total: found.shard.total, source: found.source }) };
}

