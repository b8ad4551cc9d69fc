/** The real CliIo: process streams, environment, clock and signals. */
import { setImmediate } from 'node:timers/promises';
import type { CliIo, InterruptSignal } from '../app/io.js';
import { sigintGuard } from './sigint-guard.js';

/**
 * A reader that went away (`train | head -1`) closes the pipe: what is still to be printed is
 * dropped quietly, as other Unix tools do, and the command goes on to write its files and
 * return its exit code, instead of dying with an EPIPE stack trace.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream, onFailure: (error: NodeJS.ErrnoException) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') onFailure(error);
  });
}

/**
 * Ctrl-C and SIGTERM from the very start, not only once training listens: a signal that comes
 * while batchsim starts (reading a large data file) is kept and told to the first listener, so
 * the run stops before its first step with the result it promises instead of dying with nothing.
 * A second one before anyone listens ends the process at once with 130 or 143.
 */
interface SignalHub {
  subscribe(handler: (signal: InterruptSignal) => void): () => void;
  unheard(): InterruptSignal | null;
  /** Tells a signal as if its handler had run: a SIGINT that cut a guarded step short. */
  deliver(signal: InterruptSignal): void;
}

function signalHub(): SignalHub {
  const handlers = new Set<(signal: InterruptSignal) => void>();
  let pending: InterruptSignal | null = null;
  const deliver = (signal: InterruptSignal): void => {
    if (handlers.size > 0) {
      for (const handler of [...handlers]) handler(signal);
    } else if (pending === null) {
      pending = signal;
    } else {
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => deliver(signal));
  return {
    deliver,
    subscribe(handler) {
      handlers.add(handler);
      if (pending !== null) {
        const signal = pending;
        pending = null;
        handler(signal);
      }
      return () => handlers.delete(handler);
    },
    unheard: () => pending,
  };
}

/** Signals are read in the loop's poll phase; two check phases have a poll phase between them. */
async function hearSignals(): Promise<void> {
  await setImmediate();
  await setImmediate();
}

export function nodeIo(): CliIo {
  const signals = signalHub();
  // Any other failure (a full disk behind `> out.txt`) ends the output too; `run` reports it in one line.
  let outputError: NodeJS.ErrnoException | null = null;
  quietOnClosedPipe(process.stdout, (error) => (outputError ??= error));
  quietOnClosedPipe(process.stderr, () => {});
  return {
    outputError: () => outputError,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    clock: () => performance.now() / 1000,
    pause: () => setImmediate(),
    onInterrupt: (handler) => signals.subscribe(handler),
    unheardInterrupt: () => signals.unheard(),
    hearSignals,
    stepGuard: sigintGuard(() => signals.deliver('SIGINT'), hearSignals),
    exit: (code) => process.exit(code),
    sweepRunWritten: killAfter(process.env.BATCHSIM_SWEEP_KILL_AFTER),
  };
}

/**
 * BATCHSIM_SWEEP_KILL_AFTER=k: the process kills itself with SIGKILL right after writing its
 * k-th sweep run, as a crash or an OOM kill would. Only the tests of a sweep's resumption set it,
 * so that "killed after k runs" is exact and not a race with the clock.
 */
function killAfter(value: string | undefined): ((count: number) => void) | undefined {
  const k = value === undefined ? NaN : Number(value);
  if (!(Number.isInteger(k) && k >= 1)) return undefined;
  return (count) => {
    if (count >= k) process.kill(process.pid, 'SIGKILL');
  };
}
