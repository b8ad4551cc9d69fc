/**
 * Keras's ProgbarLogger: turns fit events into Progbar lines and sends them to a LineSink.
 * verbose 1: `Epoch k/N` (only when N > 1), a live bar on a terminal, the final line per epoch;
 * verbose 2: the header and one summary line per epoch.
 */
import type { BatchLogs, FitCallback } from '../training/fit.js';
import type { LineSink } from './output.js';
import type { Paint } from './paint.js';
import { epochHeader, Progbar, type ProgbarStyle } from './progbar.js';

export interface ProgressLoggerOptions {
  readonly verbose: 1 | 2;
  readonly sink: LineSink;
  /** Seconds, monotonic. */
  readonly clock: () => number;
  readonly paint?: Paint;
  /**
   * Keras 2's line (the default) or Keras 3's. Keras's own text is never repainted: the Keras 2
   * line has no colour, as Keras 2's Progbar has none, and the Keras 3 line carries exactly
   * Keras 3's escape codes, when `paint` is enabled.
   */
  readonly style?: ProgbarStyle;
}

/**
 * Reading the clock costs about as much as a whole batch-1 training step, and a redraw is due
 * only every 50 ms. So when batches take under FAST_BATCH seconds, the logger reads the clock
 * between batch 1 and the epoch's last batch only every `stride` batches, the stride adapted
 * after each reading so that readings come about every READ_INTERVAL seconds; the batches in
 * between are recorded without a reading. Each redraw can then come up to a millisecond late,
 * and nothing else changes: step 1 and the last batch always read the clock, so the
 * first line, Keras's step timing (which leaves out step 1) and the final line are as before.
 * Slower batches, and a test's fake clock that advances FAST_BATCH or more per reading, read the
 * clock on every batch, as Keras does.
 */
const FAST_BATCH = 1e-5;
const READ_INTERVAL = 1e-3;
const MAX_STRIDE = 1 << 16;

export function progressLogger(options: ProgressLoggerOptions): FitCallback {
  const { verbose, sink, clock, paint, style = 'keras2' } = options;
  const averages = style === 'keras3';
  let epochs = 0;
  let steps = 0;
  let progbar: Progbar | null = null;
  // Reused for every batch so that logging allocates nothing per step: the loss and each metric,
  // in the line's order, with `slots[k]` the index in BatchLogs.metrics of entry k (−1: the loss).
  let running: Array<[string, number]> = [['loss', 0]];
  let slots: number[] = [-1];
  let metricNames: readonly string[] = [];
  let stride = 1;
  let untilRead = 0;
  let lastRead = 0;
  let lastReadBatch = 0;
  const logger: FitCallback = {
    onTrainBegin(info) {
      epochs = info.epochs;
      steps = info.stepsPerEpoch;
      metricNames = info.metricNames;
      const names = lineOrder(['loss', ...metricNames], style);
      running = names.map((name) => [name, 0]);
      slots = names.map((name) => metricNames.indexOf(name));
      progbar = new Progbar({ target: info.stepsPerEpoch, verbose, style, ansi: style === 'keras3' && paint?.enabled === true });
    },
    onEpochBegin(epoch) {
      if (epochs > 1) sink.line(epochHeader(epoch + 1, epochs));
      progbar!.start(clock());
      untilRead = 1; // step 1 reads the clock
    },
    onEpochEnd(_epoch, logs, control) {
      const names = ['loss', ...metricNames];
      if (logs.val_loss !== undefined) names.push('val_loss', ...metricNames.map((name) => `val_${name}`));
      const values: Array<[string, number]> = lineOrder(names, style).map((name) => [name, logs[name]!]);
      if (logs.end_loss !== undefined) values.push(['end_loss', logs.end_loss]);
      // An epoch cut short by Ctrl-C ends at the step it reached, timed over the steps it took.
      // (TerminateOnNaN keeps Keras's line, which shows the whole epoch.)
      const reached = control.stopReason === 'interrupt' ? (logs.steps ?? steps) : steps;
      const line = progbar!.update(reached, values, clock(), true);
      if (line !== null) sink.end(line);
    },
  };
  if (verbose !== 1) return logger;
  // Only verbose 1 follows the batches; verbose 2 is not called for them at all. The path of a
  // batch between clock readings is kept tiny, so that the fit loop can inline it.
  const record = (logs: BatchLogs): void => {
    // Only Keras 3's averages need the value of a batch that is not drawn; storing it boxes it.
    fill(logs);
    progbar!.record(logs.batch + 1, running);
  };
  const fill = (logs: BatchLogs): void => {
    for (let k = 0; k < running.length; k++) running[k][1] = slots[k] < 0 ? logs.loss : logs.metrics[slots[k]];
  };
  const read = (logs: BatchLogs): void => {
    fill(logs);
    const current = logs.batch + 1;
    const now = clock();
    if (current > lastReadBatch) {
      const perBatch = (now - lastRead) / (current - lastReadBatch);
      stride = perBatch < FAST_BATCH ? Math.min(MAX_STRIDE, Math.floor(READ_INTERVAL / Math.max(perBatch, 1e-9))) : 1;
    }
    lastRead = now;
    lastReadBatch = current;
    // The next reading comes after `stride` batches, or at the epoch's last batch if sooner.
    untilRead = Math.min(stride, Math.max(1, steps - current));
    const line = progbar!.update(current, running, now, false);
    if (line !== null) sink.draw(line);
  };
  logger.onBatchEnd = (logs) => {
    if (--untilRead > 0) {
      if (averages) record(logs);
    } else {
      read(logs);
    }
  };
  return logger;
}

/**
 * The order of the values on the line: Keras 2 shows the loss, then the metrics in compile's
 * order, then the same for validation; Keras 3's logs come out of a tf.function with their keys
 * sorted (`accuracy - loss - val_accuracy - val_loss`).
 */
function lineOrder(names: string[], style: ProgbarStyle): string[] {
  return style === 'keras3' ? [...names].sort() : names;
}
