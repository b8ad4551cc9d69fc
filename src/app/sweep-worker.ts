/**
 * A sweep worker thread: trains the runs the pool sends, one at a time, each as a run session,
 * and posts each result back as its results line and its record without the weights. The data
 * sets arrive once, in shared memory, in the first message (the worker may start before they are
 * read); the WebAssembly instances of one run's model and optimizer are reused by the next.
 */
import { parentPort } from 'node:worker_threads';
import { WasmKernelsPool } from '../core/kernels-wasm.js';
import type { KerasWeights } from '../core/model.js';
import type { Dataset } from '../training/dataset.js';
import { runRecord, sweepRecord, testResult, toJson, type SweepRecord, type TestResult } from '../training/record.js';
import { evaluateAt, type RunConfig } from '../training/run.js';
import { runSession } from './session.js';
import type { WorkerData, WorkerJob, WorkerReply, WorkerSetup } from './sweep-pool.js';

const port = parentPort!;
const pool = new WasmKernelsPool();
/** The sweep's data, from the first message. */
let setup: WorkerData | null = null;
let clock = (): number => 0;

port.on('message', async (message: WorkerSetup | WorkerJob) => {
  if ('kind' in message) {
    setup = message;
    if (message.timings) clock = () => performance.now() / 1000;
    return;
  }
  const job = message;
  const { datasets, tests, weights, timings, record: context } = setup!;
  let reply: WorkerReply;
  try {
    const data: Dataset = datasets[job.data];
    const initial: KerasWeights | null = job.weights === null ? null : weights[job.weights];
    // A sweep stops a run at its first invalid loss, as Keras's TerminateOnNaN.
    const { result, timings: measured, invalidLoss } = await runSession(data, job.run, initial, { onNan: 'stop', clock, pool });
    // The held-out test part at the final weights, as train evaluates it (model.evaluate).
    const testPart = tests[job.data];
    const test = testPart === null ? null : testOf(testPart, job.run, result.weights.final);
    const run = runRecord({ version: context.version, spec: job.spec, data, result, timings: timings ? measured : null, invalidLoss, experiment: context.experiment, test });
    const record: SweepRecord = { ...sweepRecord(run, job, context.experiment), ...context.stamp };
    const { weights: _weights, ...summary } = record;
    reply = { kind: 'done', task: job.task, line: toJson(record, 0), record: summary };
  } catch (error) {
    reply = { kind: 'failed', task: job.task, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

function testOf(test: Dataset, run: RunConfig, weights: KerasWeights): TestResult {
  const { loss, metrics } = evaluateAt(test, run.layers, run.loss, weights, run.metrics ?? []);
  return testResult(loss, metrics, test.samples);
}
