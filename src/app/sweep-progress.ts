/**
 * A sweep's progress on stdout: a bar over runs on a terminal, with finished runs scrolling above
 * it; plain lines elsewhere. Line wrapping stays on (the bar never turns it off, so nothing is lost
 * if the output stops midway); instead the bar line is fitted to the terminal's width at each
 * redraw, by display width, so it never wraps.
 */
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { Translator } from '../i18n/message.js';
import type { Writer } from '../report/output.js';
import { displayWidth, truncateColumns } from '../report/width.js';

/**
 * cli-progress, loaded on first use: only a terminal shows the bar, and loading it took several
 * milliseconds of every sweep's start-up, output to a file or pipe included.
 */
let loaded: typeof CliProgress | null = null;
function cliProgress(): typeof CliProgress {
  loaded ??= createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  return loaded;
}

/** The widest the bar gets. */
const BAR_WIDTH = 30;

/**
 * The progress line for a terminal `params.maxWidth` wide: the bar takes what the rest leaves,
 * up to BAR_WIDTH, and the line stops short of the last column (filling it would leave the cursor
 * waiting to wrap).
 */
export function fittedProgress(template: string): CliProgress.GenericFormatter {
  return (options, params, payload) => {
    const render = (barsize: number): string => cliProgress().Format.Formatter({ ...options, format: template, barsize }, params, payload);
    const room = Math.max(1, params.maxWidth - 1);
    const rest = displayWidth(render(0));
    return truncateColumns(render(Math.max(0, Math.min(BAR_WIDTH, room - rest))), room);
  };
}

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
  const bars = new (cliProgress().MultiBar)({
    stream: out as NodeJS.WritableStream,
    format: fittedProgress(t('sweep.progress')),
    barsize: BAR_WIDTH,
    hideCursor: true,
    linewrap: true,
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

