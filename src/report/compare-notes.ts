/**
 * The sentences around a comparison: the arithmetic printed before each batch size trains,
 * the warnings, and the names of runs and series.
 */
import { MIN_UPDATES, type CompareWarning, type PlannedRun } from '../training/compare.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `(4 + 2)` or `(3 × 32 + 4)` when the last batch is short; '' when all batches are equal. */
function batchBreakdown(batches: readonly number[]): string {
  const last = batches[batches.length - 1];
  if (batches.length < 2 || last === batches[0]) return '';
  const full = batches.length - 1;
  return full === 1 ? ` (${batches[0]} + ${last})` : ` (${full} × ${batches[0]} + ${last})`;
}

/**
 * `batch 3: ceil(6 / 3) = 2 steps per epoch → 20 updates in 10 epochs`, with the short last
 * batch when there is one: `batch 4: ceil(6 / 4) = 2 steps (4 + 2) per epoch → …`.
 */
export function arithmeticLine(run: Pick<PlannedRun, 'batchSize' | 'stepsPerEpoch' | 'batches' | 'updates'>, trainSamples: number, epochs: number): string {
  const steps = plural(run.stepsPerEpoch, 'step');
  const ofAll = run.batchSize > trainSamples ? ` of ${trainSamples}` : '';
  return (
    `batch ${run.batchSize}: ceil(${trainSamples} / ${run.batchSize}) = ${steps}${ofAll}${batchBreakdown(run.batches)} per epoch` +
    ` → ${plural(run.updates, 'update')} in ${plural(epochs, 'epoch')}`
  );
}

/** One line per warning, without a prefix. */
export function warningText(warning: CompareWarning): string {
  switch (warning.kind) {
    case 'duplicate':
      return `batch size ${warning.batchSize} is given ${warning.times} times: it runs once`;
    case 'larger-than-data':
      return `batch ${warning.batchSize} > ${warning.samples} samples: one step of ${warning.samples}`;
    case 'few-updates': {
      const epochs = Math.ceil(MIN_UPDATES / warning.stepsPerEpoch);
      return (
        `batch ${warning.batchSize}: only ${plural(warning.updates, 'update')} in ${plural(warning.epochs, 'epoch')}, ` +
        `too few updates to compare; try --epochs ${epochs} or more`
      );
    }
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
export function seriesLabel(batchSize: number, learningRate: number, options: { withRate: boolean; seeds: number }): string {
  const rate = options.withRate ? `, lr ${formatRate(learningRate)}` : '';
  const seeds = options.seeds > 1 ? ` (mean of ${options.seeds} seeds)` : '';
  return `batch ${batchSize}${rate}${seeds}`;
}
