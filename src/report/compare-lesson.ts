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
 * Per update, how far apart the loss curves of two summaries are: each epoch's loss sits where
 * the chart puts it (after the epoch's last update), both curves are read, linearly between their
 * points, at every such update count both reached, and the largest difference is given as a
 * fraction of the whole loss range of the two curves, with the update where it occurs.
 */
export interface UpdateGap {
  /** The last update count both runs reached (the comparison covers updates up to it). */
  readonly updates: number;
  /** The largest difference at equal update counts, divided by the loss range of both curves. */
  readonly gap: number;
  /** Where the largest difference is, and each curve's loss there. */
  readonly at: number;
  readonly first: number;
  readonly second: number;
}

/**
 * Curves whose largest per-update difference is at most this share of the loss range "nearly
 * coincide": on the terminal chart, about one of its twelve rows.
 */
export const COINCIDE = 0.1;

function pointsOf(row: CompareSummary): Array<readonly [number, number]> {
  const points: Array<readonly [number, number]> = [];
  for (let e = 0; e < row.curve.length; e++) {
    const loss = row.curve[e].mean;
    if (!Number.isFinite(loss)) break;
    points.push([(e + 1) * row.stepsPerEpoch, loss]);
  }
  return points;
}

/** The curve at update `x`, linear between its points; `x` lies within its first and last point. */
function valueAt(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  let i = 0;
  while (i < points.length - 1 && points[i + 1][0] < x) i++;
  const [x0, y0] = points[i];
  if (x === x0 || i === points.length - 1) return y0;
  const [x1, y1] = points[i + 1];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** The per-update gap between two curves, or null when they share no update count. */
export function updateGap(first: CompareSummary, second: CompareSummary): UpdateGap | null {
  const a = pointsOf(first);
  const b = pointsOf(second);
  if (a.length === 0 || b.length === 0) return null;
  const from = Math.max(a[0][0], b[0][0]);
  const to = Math.min(a[a.length - 1][0], b[b.length - 1][0]);
  if (from > to) return null;
  const losses = [...a, ...b].map(([, y]) => y);
  const range = Math.max(...losses) - Math.min(...losses);
  let worst: UpdateGap = { updates: to, gap: 0, at: from, first: valueAt(a, from), second: valueAt(b, from) };
  for (const [x] of [...a, ...b]) {
    if (x < from || x > to) continue;
    const ya = valueAt(a, x);
    const yb = valueAt(b, x);
    const gap = range > 0 ? Math.abs(ya - yb) / range : 0;
    if (gap > worst.gap || (gap === worst.gap && x < worst.at && worst.gap > 0)) worst = { updates: to, gap, at: x, first: ya, second: yb };
  }
  return worst;
}

/**
 * `In 10 epochs, batch 1 made 60 updates to batch 6's 10 and ended at loss …`, from the first
 * summary of the smallest and of the largest batch size, then whether their curves nearly
 * coincide per update (measured by updateGap, not assumed) or where they differ most; null with a single batch size or when a
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
  const gap = updateGap(small, large);
  return t('compare.lesson', {
    small: small.batchSize,
    smallUpdates: small.updates,
    large: large.batchSize,
    largeUpdates: large.updates,
    epochs: Math.min(small.epochs, large.epochs),
    smallLoss: formatValue(smallLoss),
    largeLoss: formatValue(largeLoss),
    lower: smallLoss < largeLoss,
    perUpdate:
      gap === null
        ? null
        : {
            coincide: gap.gap <= COINCIDE,
            updates: gap.updates,
            percent: Math.max(1, Math.ceil(gap.gap * 100)),
            at: gap.at,
            smallLoss: formatValue(gap.first),
            largeLoss: formatValue(gap.second),
          },
    suggestX: x !== 'update',
  });
}
