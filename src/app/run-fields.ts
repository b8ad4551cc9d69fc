/**
 * The fields of a run record that `--assert` expressions can test, with their types and meaning
 * (shown in help and messages).
 */
import type { RunRecord } from '../training/record.js';

export type FieldType = 'number' | 'boolean';

/** The fields a run offers, with their types and meaning (for help and messages). */
export const RUN_FIELDS = {
  finalLoss: { type: 'number', help: "Keras's logged loss of the last epoch" },
  bestLoss: { type: 'number', help: 'the lowest epoch loss' },
  endLoss: { type: 'number', help: 'loss on all training samples at the final weights' },
  finalValLoss: { type: 'number', help: 'val_loss of the last epoch (NaN without validationSplit)' },
  accuracy: { type: 'number', help: 'accuracy of the last epoch (NaN without --metrics accuracy)' },
  valAccuracy: { type: 'number', help: 'val_accuracy of the last epoch (NaN without --metrics accuracy and validationSplit)' },
  bestValAccuracy: { type: 'number', help: 'the highest epoch val_accuracy (NaN without it)' },
  updates: { type: 'number', help: 'optimizer updates applied' },
  stepsPerEpoch: { type: 'number', help: 'ceil(train samples / batch size)' },
  batchSize: { type: 'number', help: 'batch size' },
  learningRate: { type: 'number', help: 'learning rate' },
  seed: { type: 'number', help: 'seed' },
  epochs: { type: 'number', help: 'epochs asked for' },
  epochsRun: { type: 'number', help: 'epochs completed' },
  validationSplit: { type: 'number', help: 'validation fraction' },
  trainSamples: { type: 'number', help: 'training samples' },
  seconds: { type: 'number', help: 'training time (NaN with --no-timings)' },
  diverged: { type: 'boolean', help: 'the loss became NaN or infinite' },
  shuffle: { type: 'boolean', help: 'samples were shuffled every epoch' },
} as const satisfies Record<string, { readonly type: FieldType; readonly help: string }>;

export type RunFieldName = keyof typeof RUN_FIELDS;

function last(values: readonly number[] | undefined): number {
  return values === undefined || values.length === 0 ? NaN : values[values.length - 1];
}

function highest(values: readonly number[] | undefined): number {
  const finite = (values ?? []).filter(Number.isFinite);
  return finite.length > 0 ? Math.max(...finite) : NaN;
}

/** The numbers and flags of a run that `--assert` expressions and reports can use. */
export function runFields(record: Omit<RunRecord, 'weights'>): Record<RunFieldName, number | boolean> {
  const { config, history } = record;
  const finite = history.loss.filter(Number.isFinite);
  return {
    finalLoss: last(history.loss),
    bestLoss: finite.length > 0 ? Math.min(...finite) : NaN,
    endLoss: record.endLoss,
    finalValLoss: last(history.val_loss),
    accuracy: last(history.accuracy),
    valAccuracy: last(history.val_accuracy),
    bestValAccuracy: highest(history.val_accuracy),
    updates: record.updates,
    stepsPerEpoch: record.stepsPerEpoch,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    epochs: config.epochs,
    epochsRun: history.loss.length,
    validationSplit: config.validationSplit,
    trainSamples: record.samples.train,
    seconds: record.timings?.totalSeconds ?? NaN,
    diverged: record.stopped === 'nan' || !history.loss.every(Number.isFinite) || !Number.isFinite(record.endLoss),
    shuffle: config.shuffle,
  };
}
