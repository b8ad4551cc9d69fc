/**
 * `--shard i/n` (1-based) and `--shard auto`, which reads the parallel-job variables that CI
 * systems set: BATCHSIM_SHARD=i/n (any CI, e.g. from a GitHub Actions matrix), GitLab's
 * CI_NODE_INDEX/CI_NODE_TOTAL (1-based, from `parallel:`) and CircleCI's
 * CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (0-based, from `parallelism:`).
 */
import { InvalidArgumentError } from 'commander';
import { InputError } from '../io/errors.js';
import type { Shard } from '../training/grid.js';

export type ShardOption = Shard | 'auto';

const SHARD = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const MAX_SHARDS = 10000;

/** `i/n` → {index, total}, or null with the reason. */
function shardOf(text: string): Shard | string {
  const match = SHARD.exec(text);
  if (!match) return `"${text}" is not i/n, e.g. 2/3 for the second of three shards`;
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > MAX_SHARDS) return `${total} shards: give 1 to ${MAX_SHARDS}`;
  if (index < 1 || index > total) return `shard ${index} of ${total}: the index counts from 1 to ${total}`;
  return { index, total };
}

/** The commander parser of `--shard`. */
export function parseShard(text: string): ShardOption {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const shard = shardOf(text);
  if (typeof shard === 'string') throw new InvalidArgumentError(`${shard}; or give auto to read the CI's variables.`);
  return shard;
}

type Env = Readonly<Record<string, string | undefined>>;

function whole(env: Env, name: string): number {
  const text = env[name]?.trim() ?? '';
  if (!/^\d+$/.test(text)) throw new InputError(`--shard auto: ${name}=${JSON.stringify(env[name])} is not a whole number`);
  return Number(text);
}

function checked(index: number, total: number, source: string): Shard {
  if (total < 1 || total > MAX_SHARDS) throw new InputError(`--shard auto: ${source} gives ${total} shards; expected 1 to ${MAX_SHARDS}`);
  if (index < 1 || index > total) throw new InputError(`--shard auto: ${source} gives shard ${index} of ${total}, outside 1..${total}`);
  return { index, total };
}

const set = (env: Env, name: string): boolean => env[name] !== undefined && env[name] !== '';

/**
 * The shard the CI job is, from its environment; null when no CI says (then the whole grid
 * runs). BATCHSIM_SHARD wins over the CI's own variables.
 */
export function shardFromEnv(env: Env): { shard: Shard; source: string } | null {
  if (set(env, 'BATCHSIM_SHARD')) {
    const shard = shardOf(env.BATCHSIM_SHARD!);
    if (typeof shard === 'string') throw new InputError(`--shard auto: BATCHSIM_SHARD: ${shard}`);
    return { shard, source: 'BATCHSIM_SHARD' };
  }
  if (set(env, 'CI_NODE_INDEX') || set(env, 'CI_NODE_TOTAL')) {
    const source = 'CI_NODE_INDEX/CI_NODE_TOTAL';
    return { shard: checked(whole(env, 'CI_NODE_INDEX'), whole(env, 'CI_NODE_TOTAL'), source), source };
  }
  if (set(env, 'CIRCLE_NODE_INDEX') || set(env, 'CIRCLE_NODE_TOTAL')) {
    const source = 'CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL';
    return { shard: checked(whole(env, 'CIRCLE_NODE_INDEX') + 1, whole(env, 'CIRCLE_NODE_TOTAL'), source), source };
  }
  return null;
}
