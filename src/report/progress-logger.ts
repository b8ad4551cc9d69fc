/**
 * Keras's ProgbarLogger: turns fit events into Progbar lines and sends them to a LineSink.
 * verbose 1: `Epoch k/N` (only when N > 1), a live bar on a terminal, the final line per epoch;
 * verbose 2: the header and one summary line per epoch.
 */
import type { FitCallback } from '../training/fit.js';
import type { LineSink } from './output.js';
import type { Paint } from './paint.js';
import { epochHeader, Progbar, type ProgbarStyle } from './progbar.js';

export interface ProgressLoggerOptions {
  readonly verbose: 1 | 2;
  readonly sink: LineSink;
  /** Seconds, monotonic. */
  readonly clock: () => number;
  readonly paint?: Paint;
  /** Keras 2's line (the default) or Keras 3's. */
  readonly style?: ProgbarStyle;
}

export function progressLogger(options: ProgressLoggerOptions): FitCallback {
  const { verbose, sink, clock, paint, style = 'keras2' } = options;
  const header = paint ? paint.header : (text: string) => text;
  const progress = paint ? paint.progress : (text: string) => text;
  let epochs = 0;
  let steps = 0;
  let progbar: Progbar | null = null;
  // Reused for every batch so that logging allocates nothing per step.
  const running: Array<[string, number]> = [['loss', 0]];
  return {
    onTrainBegin(info) {
      epochs = info.epochs;
      steps = info.stepsPerEpoch;
      progbar = new Progbar({ target: info.stepsPerEpoch, verbose, style, ansi: style === 'keras3' && paint?.enabled === true });
    },
    onEpochBegin(epoch) {
      if (epochs > 1) sink.line(header(epochHeader(epoch + 1, epochs)));
      progbar!.start(clock());
    },
    onBatchEnd(logs) {
      if (verbose !== 1) return;
      running[0][1] = logs.loss;
      const line = progbar!.update(logs.batch + 1, running, clock(), false);
      if (line !== null) sink.draw(progress(line));
    },
    onEpochEnd(_epoch, logs) {
      const values: Array<[string, number]> = [['loss', logs.loss]];
      if (logs.val_loss !== undefined) values.push(['val_loss', logs.val_loss]);
      if (logs.end_loss !== undefined) values.push(['end_loss', logs.end_loss]);
      const line = progbar!.update(steps, values, clock(), true);
      if (line !== null) sink.end(progress(line));
    },
  };
}
