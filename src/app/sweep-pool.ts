/**
 * Runs training jobs on a pool of worker threads, each job on the next free worker. Data sets
 * are copied once into shared memory, so every worker reads the same bytes without a copy.
 *
 * Workers run the built `sweep-worker.js`; when this file itself runs as TypeScript (tests and
 * development under `node --import tsx`), the worker is `sweep-worker.ts` loaded through tsx,
 * since Node 20 does not pass `--import` hooks on to worker threads. The worker is named from the
 * `app` folder (`../app/`), which is this folder when this file runs unbundled and the right one
 * when it runs inside the bundled executable in dist/cli/.
 */
import { Worker } from 'node:worker_threads';
import type { KerasWeights } from '../core/model.js';
import type { Dataset } from '../training/dataset.js';
import type { GridPoint, RunSpec, SweepRecordSummary } from '../training/record.js';
import type { RunConfig } from '../training/run.js';

/** What every record of the sweep carries besides the run's own. */
export interface RecordContext {
  /** The tool's version. */
  readonly version: string;
  /** The experiment's name. */
  readonly experiment: string;
  /** Fields after the run's own (a lab's grid). */
  readonly stamp?: Readonly<Record<string, unknown>>;
}

export interface WorkerData {
  readonly datasets: readonly Dataset[];
  /** Each data set's held-out test part (--test-split), evaluated at a run's final weights; null for none. */
  readonly tests: readonly (Dataset | null)[];
  readonly weights: readonly KerasWeights[];
  readonly timings: boolean;
  readonly record: RecordContext;
}

export interface WorkerJob {
  /** The caller's number for this job. */
  readonly task: number;
  readonly run: RunConfig;
  /** Index into WorkerData.datasets. */
  readonly data: number;
  /** Index into WorkerData.weights, or null to draw the initial weights from the seed. */
  readonly weights: number | null;
  /** The run's configuration as its record keeps it, its id and its grid point. */
  readonly spec: RunSpec;
  readonly id: string;
  readonly point: GridPoint;
}

/**
 * A finished run comes back as its results line, written by the worker, and the record without
 * its weights: the worker's thread does the JSON, and this thread receives a string and a small
 * object rather than copying and writing out the thousands of numbers of a whole record.
 */
export type WorkerReply =
  | { readonly kind: 'done'; readonly task: number; readonly line: string; readonly record: SweepRecordSummary }
  | { readonly kind: 'failed'; readonly task: number; readonly message: string };

export interface PoolOptions {
  readonly workers: number;
  readonly datasets: readonly Dataset[];
  readonly tests: readonly (Dataset | null)[];
  readonly weights: readonly KerasWeights[];
  /** False: every time reads 0 (--no-timings), and records carry no timings. */
  readonly timings: boolean;
  readonly record: RecordContext;
  /** Told when a job starts on a worker. */
  onStart?(job: WorkerJob): void;
  /** Told of each finished job, in the order they finish: its results line and its record without the weights. */
  onResult(job: WorkerJob, line: string, record: SweepRecordSummary): void;
}

export interface Pool {
  /** Resolves when every job is done, or when `stop` was called; rejects if a job fails. */
  readonly done: Promise<void>;
  /** Ends the workers now; jobs still running are lost. */
  stop(): void;
}

function shared(values: Float32Array): Float32Array {
  const copy = new Float32Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}

/**
 * The first message a worker gets: the data sets, weights and record context of the sweep. It
 * comes as a message rather than as `workerData` so that a worker can start before the main
 * thread has read the experiment and its data.
 */
export interface WorkerSetup extends WorkerData {
  readonly kind: 'setup';
}

function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('../app/sweep-worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
    return new Worker(code, { eval: true });
  }
  return new Worker(new URL('../app/sweep-worker.js', here));
}

/**
 * Workers started ahead of their work, so that they load while this thread still reads the
 * experiment and its data; a pool takes over those it needs (`runPool`'s `started`) and sends
 * them their data and jobs. A worker that failed or exited while it waited is a failure of the
 * pool that takes it.
 */
export class StartedWorkers {
  private waiting: Worker[];
  private readonly failures = new Map<Worker, Error>();

  constructor(count: number) {
    this.waiting = Array.from({ length: count }, () => {
      const worker = startWorker();
      worker.on('error', (error) => this.failures.set(worker, error));
      worker.on('exit', (code) => {
        if (!this.failures.has(worker)) this.failures.set(worker, new Error(`a sweep worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  /** Up to `count` workers for a pool to take over; the others are ended. */
  take(count: number): Worker[] {
    const taken = this.waiting.slice(0, count);
    this.waiting = this.waiting.slice(count);
    this.stop();
    return taken;
  }

  /** What went wrong with a worker while it waited, if anything. */
  failureOf(worker: Worker): Error | undefined {
    return this.failures.get(worker);
  }

  /** Ends the workers no pool took over. */
  stop(): void {
    for (const worker of this.waiting) void worker.terminate();
    this.waiting = [];
  }
}

/** Runs `jobs` on `options.workers` workers, taking over those `started` ahead first. */
export function runPool(jobs: readonly WorkerJob[], options: PoolOptions, started?: StartedWorkers): Pool {
  const setup: WorkerSetup = {
    kind: 'setup',
    datasets: options.datasets.map((d) => ({ ...d, x: shared(d.x), y: shared(d.y) })),
    tests: options.tests.map((d) => (d === null ? null : { ...d, x: shared(d.x), y: shared(d.y) })),
    weights: options.weights,
    timings: options.timings,
    record: options.record,
  };
  const queue = [...jobs];
  const workers: Worker[] = [];
  /** Workers ended on purpose: their exit is no failure. */
  const retired = new Set<Worker>();
  let finished = false;
  let resolveDone!: () => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  let running = 0;
  /**
   * Jobs sent to each worker and not yet answered. A worker gets its next job before it has
   * answered the last, so it never waits for this thread to take a result and send more: with
   * runs of a few hundredths of a second, that wait cost about a tenth of the workers' time.
   */
  const inFlight = new Map<Worker, number>();

  const end = (error?: Error): void => {
    if (finished) return;
    finished = true;
    for (const worker of workers) retire(worker);
    if (error) rejectDone(error);
    else resolveDone();
  };

  const retire = (worker: Worker): void => {
    if (retired.has(worker)) return;
    retired.add(worker);
    void worker.terminate();
  };

  const feed = (worker: Worker): void => {
    if (finished) return; // stopped from within onResult: start nothing more
    const job = queue.shift();
    if (job === undefined) {
      if (inFlight.get(worker) === 0) retire(worker);
      if (running === 0) end();
      return;
    }
    running++;
    inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
    options.onStart?.(job);
    worker.postMessage(job);
  };

  const count = Math.max(1, Math.min(options.workers, jobs.length));
  if (jobs.length === 0) {
    started?.stop();
    end();
    return { done, stop: () => end() };
  }
  const byTask = new Map(jobs.map((job) => [job.task, job]));
  const ready = started?.take(count) ?? [];
  for (let i = 0; i < count; i++) {
    const worker = i < ready.length ? ready[i] : startWorker();
    workers.push(worker);
    worker.postMessage(setup);
    worker.on('message', (reply: WorkerReply) => {
      if (finished) return;
      running--;
      inFlight.set(worker, inFlight.get(worker)! - 1);
      if (reply.kind === 'failed') {
        end(new Error(`run ${reply.task + 1} failed: ${reply.message}`));
        return;
      }
      try {
        options.onResult(byTask.get(reply.task)!, reply.line, reply.record);
      } catch (error) {
        end(error as Error);
        return;
      }
      feed(worker);
    });
    worker.on('error', (error) => end(error));
    worker.on('exit', (code) => {
      if (!finished && !retired.has(worker) && code !== 0) end(new Error(`a sweep worker stopped with exit code ${code}`));
    });
    inFlight.set(worker, 0);
    feed(worker);
    // A worker started ahead that failed or exited while it waited.
    const failure = started?.failureOf(worker);
    if (failure !== undefined) end(failure);
  }
  // Then a second job each, once every worker has its first.
  for (const worker of workers) if (queue.length > 0) feed(worker);
  return { done, stop: () => end() };
}
