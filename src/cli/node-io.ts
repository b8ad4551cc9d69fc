/** The real CliIo: process streams, environment, clock and signals. */
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { CliIo, InterruptSignal } from '../app/io.js';
import type { Writer } from '../report/output.js';
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
 * Standard output or error as a Writer. A pipe (a FIFO or, from Node's child_process, a socket),
 * a file or /dev/null is written with synchronous writes, as Node writes to them too (a file through
 * fs.writeSync, pipes synchronously on Linux); that spares creating process.stdout, which loads
 * Node's stream and socket modules on every start. A terminal (or anything else) is Node's own
 * stream. `onError` hears the first failure; after a failure nothing more is written.
 */
function output(fd: 1 | 2, onError: (error: NodeJS.ErrnoException) => void): Writer {
  let plain = false;
  try {
    const stat = fstatSync(fd);
    plain = stat.isFIFO() || stat.isSocket() || stat.isFile() || (stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev);
  } catch {
    plain = false;
  }
  if (!plain) {
    const stream = fd === 1 ? process.stdout : process.stderr;
    quietOnClosedPipe(stream, onError);
    return stream;
  }
  let failed = false;
  return {
    write(text: string): boolean {
      if (failed) return false;
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A pipe another process made non-blocking is full: wait a millisecond for its reader.
          if (code === 'EAGAIN') {
            Atomics.wait((pauseCell ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
            continue;
          }
          failed = true;
          if (code !== 'EPIPE') onError(error as NodeJS.ErrnoException);
          return false;
        }
      }
      return true;
    },
  };
}

let pauseCell: Int32Array | undefined;

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
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

export function nodeIo(): CliIo {
  const signals = signalHub();
  // Any other failure (a full disk behind `> out.txt`) ends the output too; `run` reports it in one line.
  let outputError: NodeJS.ErrnoException | null = null;
  return {
    outputError: () => outputError,
    stdout: output(1, (error) => (outputError ??= error)),
    stderr: output(2, () => {}),
    env: process.env,
    cwd: process.cwd(),
    // Monotonic seconds; unlike performance.now(), process.uptime() loads no module.
    clock: () => process.uptime(),
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
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
