/**
 * A sweep worker thread: trains the runs the pool sends, one at a time, and posts each result
 * back. The data sets arrive once, in shared memory, through `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { KerasWeights } from '../core/model.js';
import type { Dataset } from '../training/dataset.js';
import { terminateOnNaN } from '../training/invalid-loss.js';
import { trainRun } from '../training/run.js';
import { timer } from '../training/timer.js';
import type { WorkerData, WorkerJob, WorkerReply } from './sweep-pool.js';

const { datasets, weights, timings } = workerData as WorkerData;
const port = parentPort!;
const clock = timings ? () => performance.now() / 1000 : () => 0;

port.on('message', async (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    const watch = timer(clock);
    const data: Dataset = datasets[job.data];
    const initial: KerasWeights | null = job.weights === null ? null : weights[job.weights];
    const invalidLoss = terminateOnNaN();
    const result = await trainRun(data, job.run, initial, [invalidLoss, watch]);
    reply = { kind: 'done', task: job.task, result, timings: watch.timings, invalidLoss: invalidLoss.first };
  } catch (error) {
    reply = { kind: 'failed', task: job.task, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
