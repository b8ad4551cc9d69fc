/**
 * The learner views as fit subscribers: the batches of each epoch with their losses, the Keras CSV log
 * (rewritten whole, atomically, at most once a second and at the end) and the noise-scale line.
 */
import type { NoiseScale } from '../core/noise-scale.js';
import type { Translator } from '../i18n/message.js';
import { writeFileAtomic } from '../io/files.js';
import { csvLogText } from '../report/csv-log.js';
import { batchListing, SHOW_BATCHES_LIMITS } from '../report/explain.js';
import { nonFinite } from '../report/format.js';
import type { LineSink } from '../report/output.js';
import type { Dataset } from '../training/dataset.js';
import type { FitCallback, History } from '../training/fit.js';

/**
 * Each epoch's batches, written once the epoch has run: their sample indices, the x values when
 * `x` is given (small data), each batch's loss before its update and the running mean that
 * becomes the logged `loss:`.
 */
export function showBatches(sink: LineSink, t: Translator, batchSize: number, x?: (index: number) => string): FitCallback {
  const shown = SHOW_BATCHES_LIMITS.batches;
  const losses = new Float64Array(shown);
  const means = new Float64Array(shown);
  let inOrder: Uint32Array | null = null;
  let order: Uint32Array | null = null;
  let shuffled = false;
  return {
    onTrainBegin(info) {
      inOrder = Uint32Array.from({ length: info.trainSamples }, (_, i) => i);
    },
    onEpochPlan(_epoch, plan) {
      order = plan === null ? inOrder : Uint32Array.from(plan);
      shuffled = plan !== null;
      losses.fill(NaN);
      means.fill(NaN);
    },
    onBatchEnd(logs) {
      if (logs.batch < shown) {
        losses[logs.batch] = logs.batchLoss;
        means[logs.batch] = logs.loss;
      }
    },
    onEpochEnd(epoch, logs) {
      if (order === null || order.length === 0) return;
      const detail = { losses, means, loss: logs.loss, ...(x !== undefined ? { x } : {}) };
      for (const line of batchListing(t, epoch, order, batchSize, shuffled, detail)) sink.line(line);
    },
  };
}

/** Data small enough to show each batch's x values: a few samples of one or two features. */
const SMALL_DATA = { samples: 50, features: 2 } as const;

/** The x values of sample i as text (`4`, or `4,0.5`), or undefined when the data is not small. */
export function smallDataX(data: Dataset): ((index: number) => string) | undefined {
  if (data.samples > SMALL_DATA.samples || data.features > SMALL_DATA.features) return undefined;
  const text = (v: number): string => String(Number(v.toPrecision(6)));
  return (i) => Array.from(data.x.subarray(i * data.features, (i + 1) * data.features), text).join(',');
}

/** Writes the CSV log after each epoch (at most once a second) and when training ends. */
export function csvLogger(path: string, clock: () => number): FitCallback {
  // Every epoch log key but `steps` (loss, metrics, val_loss, ...), as CSVLogger keeps them;
  // `loss` from the start, so a run stopped before its first epoch still leaves `epoch,loss`.
  const history: Record<string, number[]> = { epoch: [], loss: [] };
  let lastWrite = -Infinity;
  const write = (): void => {
    writeFileAtomic(path, csvLogText(history as unknown as History));
    lastWrite = clock();
  };
  return {
    onEpochEnd(epoch, logs) {
      history.epoch.push(epoch);
      for (const [key, value] of Object.entries(logs)) if (key !== 'steps' && value !== undefined) (history[key] ??= []).push(value);
      if (clock() - lastWrite >= 1) write();
    },
    onTrainEnd() {
      write();
    },
  };
}

/** A noise-scale figure with three significant digits: `12.3`, `0.0371`, `1.23e-9`, `inf`. */
export function noiseFigure(value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/**
 * The gradient noise scale on its own line: before the first epoch at the initial weights, then
 * after each epoch's Keras line (this view follows the Keras log in the callbacks).
 */
export function noiseScaleView(sink: LineSink, t: Translator): FitCallback {
  const figures = (n: NoiseScale) => ({ bSimple: noiseFigure(n.bSimple), traceSigma: noiseFigure(n.traceSigma), gradNormSquared: noiseFigure(n.gradNormSquared) });
  return {
    onNoiseScale(epochsDone, scale) {
      sink.line(t(epochsDone === 0 ? 'train.noiseScaleInitial' : 'train.noiseScale', figures(scale)));
    },
  };
}
