/**
 * The sentences that close a comparison: the lesson in one sentence (the smallest batch size
 * against the largest: updates made and where each ended), and a note when the data is too small
 * for the time columns to mean anything.
 */
import { english, type Translator } from '../i18n/message.js';
import type { XAxis } from './axes.js';
import type { CompareSummary } from './summary.js';
import { formatValue } from './format.js';

/**
 * Multiply-adds per epoch (samples × weights) below which a step's fixed cost (calls, loops,
 * the optimizer's bookkeeping) outweighs its arithmetic, so timings compare overhead.
 */
export const OVERHEAD_WORK = 100_000;

/** The note, or null when there is enough work per epoch to time. */
export function overheadNote(trainSamples: number, parameters: number, t: Translator = english): string | null {
  return trainSamples * parameters < OVERHEAD_WORK ? t('compare.overhead', { samples: trainSamples, parameters }) : null;
}

/**
 * `In 10 epochs, batch 1 made 60 updates to batch 6's 10 and ended at loss …`, from the first
 * summary of the smallest and of the largest batch size; null with a single batch size or when a
 * run has no finished epoch.
 */
export function lessonLine(summary: readonly CompareSummary[], x: XAxis, t: Translator = english): string | null {
  if (summary.length < 2) return null;
  let small = summary[0];
  let large = summary[0];
  for (const row of summary) {
    if (row.batchSize < small.batchSize) small = row;
    if (row.batchSize > large.batchSize) large = row;
  }
  if (small.batchSize === large.batchSize || small.epochs === 0 || large.epochs === 0) return null;
  const smallLoss = small.finalLoss.mean;
  const largeLoss = large.finalLoss.mean;
  if (!Number.isFinite(smallLoss) || !Number.isFinite(largeLoss)) return null;
  return t('compare.lesson', {
    small: small.batchSize,
    smallUpdates: small.updates,
    large: large.batchSize,
    largeUpdates: large.updates,
    epochs: Math.min(small.epochs, large.epochs),
    smallLoss: formatValue(smallLoss),
    largeLoss: formatValue(largeLoss),
    lower: smallLoss < largeLoss,
    suggestX: x !== 'update',
  });
}
