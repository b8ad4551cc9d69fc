/**
 * A sweep worker thread: trains the runs the pool sends, one at a time, each as a run session,
 * and posts each result back. The data sets arrive once, in shared memory, through `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { KerasWeights } from '../core/model.js';
import type { Dataset } from '../training/dataset.js';
import { runSession } from './session.js';
import type { WorkerData, WorkerJob, WorkerReply } from './sweep-pool.js';

const { datasets, weights, timings } = workerData as WorkerData;
const port = parentPort!;
const clock = timings ? () => performance.now() / 1000 : () => 0;

port.on('message', async (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    const data: Dataset = datasets[job.data];
    const initial: KerasWeights | null = job.weights === null ? null : weights[job.weights];
    // A sweep stops a run at its first invalid loss, as Keras's TerminateOnNaN.
    const { result, timings: measured, invalidLoss } = await runSession(data, job.run, initial, { onNan: 'stop', clock });
    reply = { kind: 'done', task: job.task, result, timings: measured, invalidLoss };
  } catch (error) {
    reply = { kind: 'failed', task: job.task, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
