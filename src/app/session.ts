/**
 * One run session: what every run shares while it trains, whoever starts it (`train`, each run of
 * `compare`, a sweep worker). The standard subscribers (the invalid-loss watcher, the timer and,
 * in the main thread, the interrupt watcher) are attached here, after the views the caller
 * brings (the Keras log, the learner's views); the pacer lets Ctrl-C be heard. Also the clocks and
 * the exit code of a signal.
 */
import type { WasmKernelsPool } from '../core/kernels-wasm.js';
import type { KerasWeights } from '../core/model.js';
import type { Translator } from '../i18n/message.js';
import type { Dataset } from '../training/dataset.js';
import type { FitCallback, FitControl, Pacer } from '../training/fit.js';
import { invalidLossWatcher, type InvalidLoss, type OnNan } from '../training/invalid-loss.js';
import { timedPacer, trainRun, type RunConfig, type RunResult } from '../training/run.js';
import { timer, type Timings } from '../training/timer.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import type { TrainConfig } from './run-spec.js';

export function exitCodeOf(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/**
 * Stops training after the current step on Ctrl-C or SIGTERM and remembers which came (`onFirst`
 * hears it too: a sweep stops its workers). A second one exits at once: `beforeExit` gets to leave
 * the terminal clean first (end a live line, show the cursor), then the process ends with 130 or
 * 143 and nothing more is written.
 */
export interface InterruptWatcher extends FitCallback {
  readonly signal: InterruptSignal | null;
  dispose(): void;
}

export interface SecondSignal {
  /** Heard with the first signal (a sweep stops its workers). */
  readonly onFirst?: () => void;
  /** The line a second signal prints; by default, that nothing is kept. */
  readonly again?: (signal: InterruptSignal) => string;
}

export function interruptWatcher(io: CliIo, beforeExit: (() => void) | undefined, t: Translator, options: SecondSignal = {}): InterruptWatcher {
  let control: FitControl | null = null;
  let signal: InterruptSignal | null = null;
  const dispose = io.onInterrupt((received) => {
    if (signal !== null) {
      beforeExit?.();
      io.stderr.write(`${options.again ? options.again(received) : t('train.interruptedAgain', { signal: received })}\n`);
      io.exit(exitCodeOf(received));
      return;
    }
    signal = received;
    control?.requestStop('interrupt');
    options.onFirst?.();
  });
  return {
    get signal() {
      return signal;
    },
    dispose,
    onTrainBegin(_info, c) {
      control = c;
      if (signal !== null) c.requestStop('interrupt');
    },
  };
}

/**
 * The clock that decides when training gives the event loop a turn (to hear Ctrl-C). It is the
 * machine's real clock, never io.clock: when to pause must not move the clock the log shows
 * (stopped with --no-timings, fake in tests), and pausing changes no result. Monotonic seconds
 * from process.uptime(), which needs none of the modules the global `performance` loads.
 */
export const pacingClock = (): number => process.uptime();

/**
 * The pacer of a run whose interrupts the session hears: an event-loop turn about every 20 ms, and
 * long steps run under the io's guard, so that a Ctrl-C during one cuts it short.
 */
export function sessionPacer(io: CliIo): Pacer {
  return timedPacer(pacingClock, io.pause, undefined, io.stepGuard);
}

/** The clock a command uses: the real one, or a stopped one with --no-timings. */
export function clockOf(config: Pick<TrainConfig, 'timings'>, io: CliIo): () => number {
  return config.timings ? io.clock : () => 0;
}

export interface SessionParts {
  /** Subscribers that come first: the Keras log, the learner's views. */
  readonly views?: readonly FitCallback[];
  /** What a NaN or infinite loss does: stop (TerminateOnNaN) or train on. */
  readonly onNan: OnNan;
  /** Told once, at the first NaN or infinite loss. */
  readonly onInvalidLoss?: (at: InvalidLoss) => void;
  /** The clock the timings read: stopped with --no-timings. */
  readonly clock: () => number;
  /** Ctrl-C and SIGTERM, where the session can hear them (not in a worker thread). */
  readonly interrupt?: InterruptWatcher | null;
  readonly pacer?: Pacer;
  /** WebAssembly instances reused from run to run (a sweep worker's); fresh ones without. */
  readonly pool?: WasmKernelsPool;
}

export interface SessionOutcome {
  readonly result: RunResult;
  readonly timings: Timings;
  /** The first NaN or infinite loss, or null. */
  readonly invalidLoss: InvalidLoss | null;
}

/** Trains one run with the caller's views and the standard subscribers. */
export async function runSession(data: Dataset, run: RunConfig, weights: KerasWeights | null, parts: SessionParts): Promise<SessionOutcome> {
  const invalidLoss = invalidLossWatcher(parts.onNan, parts.onInvalidLoss);
  const clock = timer(parts.clock);
  const callbacks = [...(parts.views ?? []), invalidLoss, clock, ...(parts.interrupt ? [parts.interrupt] : [])];
  const result = await trainRun(data, run, weights, callbacks, parts.pacer, parts.pool);
  return { result, timings: clock.timings, invalidLoss: invalidLoss.first };
}

/**
 * A Ctrl-C or SIGTERM that came while a merge read, checked and drew its files stops it before it
 * writes any output: nothing is printed or written, one line says so, and the exit code is the
 * signal's. One that comes later finds every output built: they are written in one go (each file
 * whole, through a temporary file), and the exit code is still the signal's.
 */
export async function interruptedBeforeOutput(io: CliIo, t: Translator): Promise<number | null> {
  await io.hearSignals?.();
  const signal = io.unheardInterrupt?.() ?? null;
  if (signal === null) return null;
  io.stderr.write(`${t('merge.interrupted', { signal })}\n`);
  return exitCodeOf(signal);
}
