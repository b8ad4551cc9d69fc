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
  /** Samples held out as the test part before the rest (--test-split); absent or 0 without one. */
  readonly testSamples?: number;
}

/** The lines, each wrapped at word boundaries to `columns` when given. */
export function explainLines(t: Translator, facts: RunFacts, columns?: number): string[] {
  return explained(t, facts, [facts.batchSize], columns);
}

/**
 * `train compare --explain`: the same explanation for several batch sizes, the arithmetic of
 * each batch size once (in the order given, duplicates once) and what they share once.
 */
export function compareExplainLines(t: Translator, facts: Omit<RunFacts, 'batchSize'>, sizes: readonly number[], columns?: number): string[] {
  return explained(t, { ...facts, batchSize: sizes[0] }, [...new Set(sizes)], columns);
}

/** Lines of one batch size: what a batch is, steps per epoch, the batches, the updates. */
function batchArithmetic(t: Translator, n: number, b: number, epochs: number): string[] {
  const steps = stepsPerEpoch(n, b);
  const sizes = batchSizes(n, b);
  const lines = [t('explain.batchSize', { batchSize: b }), t('explain.steps', { n, b, steps })];
  if (b > n) lines.push(t('explain.batchTooLarge', { b, n }));
  else if (steps === 1) lines.push(t('explain.fullBatch'));
  else lines.push(t('explain.batches', { sizes: batchSizesText(sizes), short: sizes[sizes.length - 1] < sizes[0] }));
  lines.push(t('explain.updates', { steps, epochs, updates: steps * epochs }));
  return lines;
}

function explained(t: Translator, facts: RunFacts, sizes: readonly number[], columns?: number): string[] {
  const n = facts.trainSamples;
  const lines = [t('explain.title'), t('explain.samples', { total: facts.totalSamples, train: n, validation: facts.validationSamples })];
  if (sizes.length === 1) lines.push(...batchArithmetic(t, n, sizes[0], facts.epochs).map((line) => `  ${line}`));
  else for (const b of sizes) lines.push(...batchArithmetic(t, n, b, facts.epochs).map((line, i) => (i === 0 ? `  ${line}` : `    ${line}`)));
  const rest = [t('explain.loss', { loss: facts.loss })];
  if (sizes.some((b) => stepsPerEpoch(n, b) === 1)) rest.push(t('explain.lossOneStep'));
  rest.push(facts.shuffle ? t('explain.shuffleOn', { seed: facts.seed }) : t('explain.shuffleOff'));
  if (facts.validationSamples > 0) rest.push(t('explain.validation', { count: facts.validationSamples }));
  if (facts.endLoss) rest.push(t('explain.endLoss'));
  if (facts.testSamples !== undefined && facts.testSamples > 0) {
    rest.push(t('explain.test', { count: facts.testSamples, total: facts.totalSamples + facts.testSamples }));
  }
  lines.push(...rest.map((line) => `  ${line}`));
  const indented = [lines[0], lines[1].startsWith('  ') ? lines[1] : `  ${lines[1]}`, ...lines.slice(2)];
  if (columns === undefined) return indented;
  return indented.flatMap((line) => wrapWords(line, columns, '  '));
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
