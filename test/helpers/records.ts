/** Run records of a comparison's runs, as `train compare` makes them, for tests of the views. */
import type { CompareRun } from '../../src/training/compare.js';
import type { Dataset } from '../../src/training/dataset.js';
import { runRecord, type RunRecord } from '../../src/training/record.js';

export function recordsOf(runs: readonly CompareRun[], data: Dataset): RunRecord[] {
  return runs.map((run) => {
    const { config } = run;
    const spec = {
      batchSize: config.batchSize,
      epochs: config.epochs,
      learningRate: config.optimizer.learningRate,
      optimizer: config.optimizer,
      loss: config.loss,
      layers: config.layers,
      data: 'sample',
      target: null,
      seed: config.seed,
      shuffle: config.shuffle,
      validationSplit: config.validationSplit,
      weights: null,
    };
    return runRecord({ version: 'test', spec, data, result: run.result, timings: run.timings, invalidLoss: null });
  });
}
