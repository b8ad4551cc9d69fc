/**
 * The sentences around a comparison: the arithmetic printed before each batch size trains,
 * the warnings, and the names of runs and series.
 */
import { english, type Translator } from '../i18n/message.js';
import { batchSizesText } from './batch-sizes.js';
import { MIN_UPDATES, type CompareWarning, type PlannedRun } from '../training/compare.js';

/** `(4 + 2)` or `(3 × 32 + 4)` when the last batch is short; '' when all batches are equal. */
function batchBreakdown(batches: readonly number[]): string {
  if (batches.length < 2 || batches[batches.length - 1] === batches[0]) return '';
  return ` (${batchSizesText(batches, 2)})`;
}

/**
 * `batch 3: ceil(6 / 3) = 2 steps per epoch → 20 updates in 10 epochs`, with the short last
 * batch when there is one: `batch 4: ceil(6 / 4) = 2 steps (4 + 2) per epoch → …`.
 */
export function arithmeticLine(
  run: Pick<PlannedRun, 'batchSize' | 'stepsPerEpoch' | 'batches' | 'updates'>,
  trainSamples: number,
  epochs: number,
  t: Translator = english,
): string {
  return t('compare.arithmetic', {
    batchSize: run.batchSize,
    samples: trainSamples,
    steps: run.stepsPerEpoch,
    ofAll: run.batchSize > trainSamples,
    breakdown: batchBreakdown(run.batches),
    updates: run.updates,
    epochs,
  });
}

/** One line per warning, without a prefix. JSON documents keep them in English. */
export function warningText(warning: CompareWarning, t: Translator = english): string {
  switch (warning.kind) {
    case 'duplicate':
      return t('compare.duplicate', { batchSize: warning.batchSize, times: warning.times });
    case 'larger-than-data':
      return t('compare.largerThanData', { batchSize: warning.batchSize, samples: warning.samples });
    case 'few-updates':
      return t('compare.fewUpdates', {
        batchSize: warning.batchSize,
        updates: warning.updates,
        epochs: warning.epochs,
        suggested: Math.ceil(MIN_UPDATES / warning.stepsPerEpoch),
      });
  }
}

/** A learning rate as typed, e.g. 0.001 (no float noise, no exponent below 1e-6). */
export function formatRate(rate: number): string {
  return String(Number(rate.toPrecision(12)));
}

/**
 * The name of a series: `batch 3`, or `batch 3, lr 0.01` when learning rates are compared too,
 * with `(k seeds)` appended when the series is a mean.
 */
export function seriesLabel(batchSize: number, learningRate: number, options: { withRate: boolean; seeds: number }, t: Translator = english): string {
  return t('compare.series', { batchSize, rate: options.withRate ? formatRate(learningRate) : null, seeds: options.seeds });
}
