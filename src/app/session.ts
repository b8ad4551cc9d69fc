/**
 * What every run shares while it trains: hearing Ctrl-C and SIGTERM, the clocks, the exit code.
 */
import { english, type Translator } from '../i18n/message.js';
import type { FitCallback, FitControl } from '../training/fit.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import type { TrainConfig } from './run-spec.js';

export function exitCodeOf(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/**
 * Stops training after the current step on Ctrl-C or SIGTERM and remembers which came. A second
 * one exits at once: `beforeExit` gets to leave the terminal clean first (end a live line, show
 * the cursor), then the process ends with 130 or 143 and nothing more is written.
 */
export function interruptWatcher(
  io: CliIo,
  beforeExit?: () => void,
  t: Translator = english,
): FitCallback & { readonly signal: InterruptSignal | null; dispose(): void } {
  let control: FitControl | null = null;
  let signal: InterruptSignal | null = null;
  const dispose = io.onInterrupt((received) => {
    if (signal !== null) {
      beforeExit?.();
      io.stderr.write(`${t('train.interruptedAgain', { signal: received })}\n`);
      io.exit(exitCodeOf(received));
      return;
    }
    signal = received;
    control?.requestStop('interrupt');
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
 * (stopped with --no-timings, fake in tests), and pausing changes no result.
 */
export const pacingClock = (): number => performance.now() / 1000;

/** The clock a command uses: the real one, or a stopped one with --no-timings. */
export function clockOf(config: Pick<TrainConfig, 'timings'>, io: CliIo): () => number {
  return config.timings ? io.clock : () => 0;
}


