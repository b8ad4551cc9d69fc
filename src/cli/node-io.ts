/** The real CliIo: process streams, environment, clock and signals. */
import { setImmediate } from 'node:timers/promises';
import type { CliIo, InterruptSignal } from '../app/io.js';

export function nodeIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    clock: () => performance.now() / 1000,
    pause: () => setImmediate(),
    onInterrupt(handler) {
      const listeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
        const listener = (): void => handler(signal as InterruptSignal);
        process.on(signal, listener);
        return [signal, listener] as const;
      });
      return () => listeners.forEach(([signal, listener]) => process.off(signal, listener));
    },
    exit: (code) => process.exit(code),
  };
}
