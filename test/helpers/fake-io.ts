/**
 * A CliIo for in-process CLI tests: captured stdout/stderr, a fake clock that advances a fixed
 * step on every read, no real signals (tests raise them with `interrupt`), and an `exit` that
 * only records its code.
 */
import type { CliIo, InterruptSignal } from '../../src/app/io.js';
import { run } from '../../src/cli/program.js';
import type { StepGuard } from '../../src/training/fit.js';

export class CapturedWriter {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface FakeIo extends CliIo {
  readonly stdout: CapturedWriter;
  readonly stderr: CapturedWriter;
  /** Delivers a signal to the subscribed handlers, as the OS would. */
  interrupt(signal: InterruptSignal): void;
  /** Current fake time in seconds. */
  readonly time: number;
  /** The code passed to `exit`, or null when the CLI never asked to exit at once. */
  readonly exitCode: number | null;
}

export interface FakeIoOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly tty?: boolean;
  /** Seconds the fake clock advances on every read (default 0.001). */
  readonly tick?: number;
  /** Called on every pause (the event-loop turn during training): lets tests act mid-run. */
  readonly onPause?: (io: FakeIo) => void;
  /** Called after each sweep run is written, with the count so far: lets tests act after exactly k runs. */
  readonly onSweepRunWritten?: (count: number, io: FakeIo) => void;
  /**
   * A guard for every training step (fromWork 0): called with the 1-based count of guarded steps,
   * true cuts that step short as a Ctrl-C inside it would (the SIGINT is delivered to the handlers).
   */
  readonly cutStep?: (count: number) => boolean;
}

export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  let time = 0;
  const tick = options.tick ?? 0.001;
  const handlers = new Set<(signal: InterruptSignal) => void>();
  let exitCode: number | null = null;
  const io: FakeIo = {
    stdout: new CapturedWriter(options.tty ?? false),
    stderr: new CapturedWriter(options.tty ?? false),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    clock: () => (time += tick),
    pause: async () => {
      options.onPause?.(io);
    },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    exit(code) {
      exitCode ??= code;
    },
    ...(options.cutStep === undefined ? {} : { stepGuard: cuttingGuard(options.cutStep, () => io.interrupt('SIGINT')) }),
    sweepRunWritten(count) {
      options.onSweepRunWritten?.(count, io);
    },
    interrupt(signal) {
      for (const handler of [...handlers]) handler(signal);
    },
    get time() {
      return time;
    },
    get exitCode() {
      return exitCode;
    },
  };
  return io;
}

function cuttingGuard(cut: (count: number) => boolean, onSigint: () => void): StepGuard {
  let count = 0;
  return {
    fromWork: 0,
    run(work) {
      if (cut(++count)) {
        onSigint();
        return false;
      }
      work();
      return true;
    },
  };
}

/** Runs the CLI in-process; returns the exit code and what it wrote. */
export async function runCli(argv: string[], options: FakeIoOptions = {}): Promise<{ code: number; stdout: string; stderr: string; io: FakeIo }> {
  const io = fakeIo(options);
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, io };
}
