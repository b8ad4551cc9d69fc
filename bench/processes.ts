/**
 * Figures measured on whole processes of the built executable (dist/bin.js): start-up, the cost
 * of the progress log on a terminal, peak memory, CSV loading, and how time and memory grow.
 * Every timing is the best of several runs, so that other work on the machine counts as little
 * as possible.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
export const BIN = here('../dist/bin.js');
const RSS_PROBE = here('./rss-probe.mjs');
const TFJS_SCRIPT = here('./tfjs-train.mjs');
const LOAD_CSV = here('./load-csv.mjs');

export interface Check {
  readonly what: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

interface Timed {
  readonly seconds: number;
  readonly stdout: string;
}

function wall(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const start = performance.now();
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

export interface Startup {
  readonly runs: number;
  /** Best and median wall seconds of each command. */
  readonly batchsim: { best: number; median: number };
  readonly tfjs: { best: number; median: number };
  readonly bareNode: { best: number; median: number };
  readonly tfjsOverBatchsim: number;
  readonly batchsimOverBareNode: number;
}

/** `train --batch-size 3 --epochs 10`, the same with TF.js, and `node -e 0`, runs interleaved. */
export function startup(runs: number): Startup {
  const commands = {
    batchsim: [BIN, '--batch-size', '3', '--epochs', '10'],
    tfjs: [TFJS_SCRIPT],
    bareNode: ['-e', '0'],
  };
  const times: Record<keyof typeof commands, number[]> = { batchsim: [], tfjs: [], bareNode: [] };
  const env = { ...process.env, NO_COLOR: '1' };
  for (let i = 0; i < runs; i++) {
    for (const key of Object.keys(commands) as Array<keyof typeof commands>) times[key].push(wall(process.execPath, commands[key], env).seconds);
  }
  const summary = (values: number[]) => ({ best: Math.min(...values), median: median(values) });
  const batchsim = summary(times.batchsim);
  const tfjs = summary(times.tfjs);
  const bareNode = summary(times.bareNode);
  return { runs, batchsim, tfjs, bareNode, tfjsOverBatchsim: tfjs.best / batchsim.best, batchsimOverBareNode: batchsim.best / bareNode.best };
}

export interface LoggerCost {
  readonly runs: number;
  readonly terminal: string;
  /** Best training seconds (the run's own timer) with --verbose 0 and --verbose 1. */
  readonly verbose0: number;
  readonly verbose1: number;
  /** verbose1 / verbose0 − 1, from the best runs. */
  readonly slowdownOfBest: number;
  /**
   * The median over the pairs of runs (one of each, back to back) of v1 / v0 − 1: when other
   * work on the machine comes and goes, it moves both runs of a pair alike.
   */
  readonly slowdown: number;
}

/**
 * Training time of `--synthetic linear --samples 1000000 --batch-size 1` with --verbose 1 against
 * --verbose 0, the log going to a pseudo-terminal made by `script` (util-linux) so that the live
 * bar is drawn. The times are the run's own (from --json, written to a file), so data generation
 * and start-up are left out. Null when `script` is missing.
 */
export function loggerCost(runs: number, samples: number): LoggerCost | null {
  const probe = spawnSync('script', ['-qc', 'true', '/dev/null']);
  if (probe.error !== undefined || probe.status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-pty-'));
  try {
    const seconds = (verbose: 0 | 1, i: number): number => {
      const out = join(dir, `v${verbose}-${i}.json`);
      const args = [BIN, '--synthetic', 'linear', '--samples', String(samples), '--batch-size', '1', '--verbose', String(verbose), '--json'];
      const command = `${[process.execPath, ...args].map(quote).join(' ')} > ${quote(out)}`;
      execFileSync('script', ['-qc', command, '/dev/null'], { stdio: 'ignore', env: { ...process.env, TERM: process.env.TERM || 'xterm' } });
      return (JSON.parse(readFileSync(out, 'utf8')) as { timings: { totalSeconds: number } }).timings.totalSeconds;
    };
    const v0: number[] = [];
    const v1: number[] = [];
    for (let i = 0; i < runs; i++) {
      v0.push(seconds(0, i));
      v1.push(seconds(1, i));
    }
    const verbose0 = Math.min(...v0);
    const verbose1 = Math.min(...v1);
    const paired = median(v1.map((t, i) => t / v0[i] - 1));
    return { runs, terminal: 'script (util-linux)', verbose0, verbose1, slowdownOfBest: verbose1 / verbose0 - 1, slowdown: paired };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface Measured {
  /** Whole-process wall seconds. */
  readonly wallSeconds: number;
  /** Training seconds, from the run's --json. */
  readonly trainSeconds: number;
  readonly peakMB: number;
}

/** Runs the executable with --json and the RSS probe; the best of `runs` by training time. */
export function measureTrain(args: readonly string[], runs: number): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-rss-'));
  try {
    let bestRun = null as Measured | null;
    for (let i = 0; i < runs; i++) {
      const rssFile = join(dir, `rss-${i}`);
      const timed = wall(process.execPath, ['--import', RSS_PROBE, BIN, ...args, '--verbose', '0', '--json'], { ...process.env, BENCH_RSS_FILE: rssFile });
      const doc = JSON.parse(timed.stdout) as { timings: { totalSeconds: number } };
      const run = { wallSeconds: timed.seconds, trainSeconds: doc.timings.totalSeconds, peakMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
      if (bestRun === null || run.trainSeconds < bestRun.trainSeconds) bestRun = { ...run, peakMB: Math.max(run.peakMB, bestRun?.peakMB ?? 0) };
      else bestRun = { ...bestRun, peakMB: Math.max(bestRun.peakMB, run.peakMB) };
    }
    return bestRun!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CsvLoad {
  readonly rows: number;
  readonly columns: number;
  readonly megabytes: number;
  readonly seconds: number;
  readonly peakMB: number;
}

/** Writes a numeric CSV of `rows` rows (x1, x2, x3, y; six decimals) and loads it in a fresh process. */
export function csvLoad(rows: number, runs: number): CsvLoad {
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-csv-'));
  try {
    const file = join(dir, 'data.csv');
    const lines = ['x1,x2,x3,y'];
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state / 2 ** 32) * 2 - 1;
    };
    for (let i = 0; i < rows; i++) {
      const [a, b, c] = [next(), next(), next()];
      lines.push(`${a.toFixed(6)},${b.toFixed(6)},${c.toFixed(6)},${(2 * a - b + 0.5 * c).toFixed(6)}`);
    }
    const text = `${lines.join('\n')}\n`;
    writeFileSync(file, text);
    let bestRun = null as { rows: number; columns: number; seconds: number; peakMB: number } | null;
    for (let i = 0; i < runs; i++) {
      const run = JSON.parse(wall(process.execPath, [LOAD_CSV, file]).stdout) as { rows: number; columns: number; seconds: number; peakMB: number };
      if (bestRun === null || run.seconds < bestRun.seconds) bestRun = { ...run, peakMB: Math.max(run.peakMB, bestRun?.peakMB ?? 0) };
      else bestRun = { ...bestRun, peakMB: Math.max(bestRun.peakMB, run.peakMB) };
    }
    return { ...bestRun!, megabytes: Buffer.byteLength(text) / 1e6 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
