/**
 * Everything the CLI needs from the outside world, passed in so that the whole CLI runs
 * in-process in tests with fake streams, a fake clock and fake signals.
 */
import type { Writer } from '../report/output.js';
import type { StepGuard } from '../training/fit.js';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  /** Monotonic time in seconds. */
  clock(): number;
  /** Gives the event loop a turn, so that signals are heard during long training. */
  pause(): Promise<void>;
  /**
   * Runs long training steps so that Ctrl-C can cut them short (StepGuard in training/fit.ts),
   * telling that Ctrl-C to the onInterrupt listeners. Without one, a Ctrl-C is heard between steps.
   */
  readonly stepGuard?: StepGuard;
  /** Subscribes to Ctrl-C / SIGTERM; returns the unsubscribe function. */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
  /**
   * Ends the process at once with this exit code (a second Ctrl-C). The real one never returns;
   * a test's fake records the code and returns.
   */
  exit(code: number): void;
  /**
   * Told after each sweep run is written to the results file, with how many this invocation has
   * written. A pause point for tests, so that they can interrupt or kill a sweep after exactly k
   * runs instead of racing its clock; the real one does nothing unless BATCHSIM_SWEEP_KILL_AFTER
   * is set (see node-io.ts).
   */
  sweepRunWritten?(count: number): void;
  /**
   * The error that stopped stdout taking the output (ENOSPC, EIO), or null. A closed pipe (EPIPE)
   * is no error: the reader has gone, as with `| head -1`.
   */
  outputError?(): NodeJS.ErrnoException | null;
  /**
   * Resolves once a signal that has already arrived has been told to the listeners: a whole turn
   * of the event loop. Called once training listens, so that a Ctrl-C during start-up stops the
   * run before its first step.
   */
  hearSignals?(): Promise<void>;
  /** A Ctrl-C or SIGTERM that came while nothing listened (the command never trained), or null. */
  unheardInterrupt?(): InterruptSignal | null;
}

export const EXIT = {
  ok: 0,
  /** The work ran but found a problem (e.g. missing runs when merging). */
  failure: 1,
  /** Bad input: a flag, a data file, a weights file, an experiment file. */
  usage: 2,
  /** Training diverged (NaN/inf loss) or an --assert failed. */
  training: 3,
  sigint: 130,
  sigterm: 143,
} as const;
