/**
 * A sweep's progress on stdout: a bar over runs on a terminal, with finished runs scrolling above
 * it; plain lines elsewhere.
 */
import cliProgress from 'cli-progress';
import type { Translator } from '../i18n/message.js';
import type { Writer } from '../report/output.js';

export interface SweepProgress {
  line(text: string): void;
  tick(text: string): void;
  stop(): void;
}

/** A progress bar over runs on a terminal, with finished runs scrolling above it; plain lines elsewhere. */
export function progressView(out: Writer, total: number, quiet: boolean, t: Translator): SweepProgress {
  if (out.isTTY !== true || total === 0) {
    return { line: (text) => out.write(`${text}\n`), tick: (text) => (quiet ? undefined : out.write(`${text}\n`)), stop() {} };
  }
  const bars = new cliProgress.MultiBar({
    stream: out as NodeJS.WritableStream,
    format: t('sweep.progress'),
    barsize: 30,
    hideCursor: true,
    linewrap: false,
    clearOnComplete: true,
    gracefulExit: false,
    etaBuffer: Math.max(2, Math.min(20, total)),
  });
  const bar = bars.create(total, 0);
  // cli-progress prints logged lines at its next redraw; redraw now so none is lost at the end.
  return {
    line(text) {
      bars.log(`${text}\n`);
      bars.update();
    },
    tick(text) {
      if (!quiet) bars.log(`${text}\n`);
      bar.increment();
      bars.update();
    },
    stop: () => bars.stop(),
  };
}

