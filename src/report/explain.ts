/**
 * `--explain`: the arithmetic of a run in words and numbers, printed before it trains.
 * Pure: facts in, lines out, in the translator's language.
 */
import type { Translator } from '../i18n/message.js';
import { batchSizes, stepsPerEpoch } from '../training/batcher.js';
import { batchSizesText } from './batch-sizes.js';
import { formatValue } from './format.js';
import { displayWidth } from './width.js';
import { wrapWords } from './wrap.js';

export interface RunFacts {
  readonly totalSamples: number;
  readonly trainSamples: number;
  readonly validationSamples: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly loss: string;
  /** Whether end_loss is reported too (--loss-report end). */
  readonly endLoss: boolean;
}

/** The lines, each wrapped at word boundaries to `columns` when given. */
export function explainLines(t: Translator, facts: RunFacts, columns?: number): string[] {
  const n = facts.trainSamples;
  const b = facts.batchSize;
  const steps = stepsPerEpoch(n, b);
  const sizes = batchSizes(n, b);
  const lines = [
    t('explain.title'),
    t('explain.samples', { total: facts.totalSamples, train: n, validation: facts.validationSamples }),
    t('explain.batchSize', { batchSize: b }),
    t('explain.steps', { n, b, steps }),
  ];
  if (b > n) lines.push(t('explain.batchTooLarge', { b, n }));
  else if (steps === 1) lines.push(t('explain.fullBatch'));
  else lines.push(t('explain.batches', { sizes: batchSizesText(sizes), short: sizes[sizes.length - 1] < sizes[0] }));
  lines.push(t('explain.updates', { steps, epochs: facts.epochs, updates: steps * facts.epochs }));
  lines.push(t('explain.loss', { loss: facts.loss }));
  if (steps === 1) lines.push(t('explain.lossOneStep'));
  lines.push(facts.shuffle ? t('explain.shuffleOn', { seed: facts.seed }) : t('explain.shuffleOff'));
  if (facts.validationSamples > 0) lines.push(t('explain.validation', { count: facts.validationSamples }));
  if (facts.endLoss) lines.push(t('explain.endLoss'));
  const indented = [lines[0], ...lines.slice(1).map((line) => `  ${line}`)];
  return columns === undefined ? indented : indented.flatMap((line) => wrapWords(line, columns, '  '));
}

/** How many batches and indices per batch `--show-batches` writes out before eliding. */
export const SHOW_BATCHES_LIMITS = { batches: 8, indices: 12 } as const;

/** What `--show-batches` shows beside each batch's indices once the epoch has run. */
export interface BatchDetail {
  /** Each shown batch's loss, taken before its update. */
  readonly losses: ArrayLike<number>;
  /** The running mean after each shown batch, weighted by batch size: Keras's logged `loss`. */
  readonly means: ArrayLike<number>;
  /** The epoch's logged loss. */
  readonly loss: number;
  /** The inputs of sample i (small data only), e.g. `4`. */
  readonly x?: (index: number) => string;
}

/**
 * `--show-batches`: the sample indices (0-based, as Keras and NumPy count) of each batch of an
 * epoch, e.g. `[3 5 0 1] [4 2]`, with long batches and long epochs elided; with `detail`, each
 * batch's x values, its loss before its update and the running mean, ending at the logged loss.
 */
export function batchListing(t: Translator, epoch: number, order: ArrayLike<number>, batchSize: number, shuffled: boolean, detail?: BatchDetail): string[] {
  const n = order.length;
  const steps = stepsPerEpoch(n, batchSize);
  const lines = [t('batches.epoch', { epoch: epoch + 1, shuffled })];
  const shown = Math.min(steps, SHOW_BATCHES_LIMITS.batches);
  const rows: string[][] = [];
  for (let step = 0; step < shown; step++) {
    const start = step * batchSize;
    const end = Math.min(start + batchSize, n);
    const indices: number[] = [];
    for (let i = start; i < Math.min(end, start + SHOW_BATCHES_LIMITS.indices); i++) indices.push(order[i]);
    const more = end - start - indices.length;
    const elided = more > 0 ? ` … +${more}` : '';
    const row = [`  ${step + 1}: [${indices.join(' ')}${elided}]`];
    if (detail !== undefined) {
      if (detail.x !== undefined) row.push(`x [${indices.map(detail.x).join(' ')}${elided}]`);
      row.push(t('batches.loss', { loss: formatValue(detail.losses[step]), mean: formatValue(detail.means[step]) }));
    }
    rows.push(row);
  }
  // Columns lined up: each cell padded to the widest in its column.
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => displayWidth(row[c])))) ?? [];
  for (const row of rows) lines.push(row.map((cell, c) => (c < row.length - 1 ? cell + ' '.repeat(widths[c] - displayWidth(cell)) : cell)).join('  '));
  if (steps > shown) lines.push(`  ${t('batches.more', { count: steps - shown })}`);
  if (detail !== undefined) lines.push(`  ${t('batches.mean', { loss: formatValue(detail.loss) })}`);
  return lines;
}
