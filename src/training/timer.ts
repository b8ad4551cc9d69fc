/**
 * Records wall-clock timings of a fit through an injected clock (seconds), so that tests can use
 * a fake one and results stay deterministic apart from these figures.
 */
import type { FitCallback } from './fit.js';

export interface Timings {
  /** Seconds from the start of training to its end. */
  totalSeconds: number;
  /** Seconds each epoch took. */
  epochSeconds: number[];
  /**
   * Mean seconds per optimizer step over the epochs (validation and end-loss passes included, as
   * in each epoch's time), so that per step × steps per epoch = per epoch.
   */
  secondsPerStep: number;
  /** Training samples processed per second of those epochs. */
  samplesPerSecond: number;
}

export function timer(clock: () => number): FitCallback & { readonly timings: Timings } {
  let start = 0;
  let epochStart = 0;
  let seen = 0;
  const timings: Timings = { totalSeconds: 0, epochSeconds: [], secondsPerStep: 0, samplesPerSecond: 0 };
  return {
    timings,
    onTrainBegin() {
      start = clock();
    },
    onEpochBegin() {
      epochStart = clock();
    },
    onBatchEnd(logs) {
      seen += logs.size;
    },
    onEpochEnd() {
      timings.epochSeconds.push(clock() - epochStart);
    },
    onTrainEnd(result) {
      timings.totalSeconds = clock() - start;
      // Over the epochs only: the set-up before the first epoch is not a step's time.
      const inEpochs = timings.epochSeconds.reduce((sum, seconds) => sum + seconds, 0);
      timings.secondsPerStep = result.updates > 0 ? inEpochs / result.updates : 0;
      timings.samplesPerSecond = inEpochs > 0 ? seen / inEpochs : 0;
    },
  };
}
