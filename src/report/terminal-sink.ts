/**
 * A live progress line on a terminal, redrawn in place by cli-progress (cursor hidden while
 * drawing, line wrapping off so a long line never scrolls). Throttling is the Progbar's job:
 * every `draw` here is drawn.
 */
import type cliProgressTypes from 'cli-progress';
import { createRequire } from 'node:module';
import type { LineSink, Writer } from './output.js';

type CliProgress = typeof cliProgressTypes;
let loaded: CliProgress | null = null;

/** cli-progress, loaded when the first terminal sink is made: plain runs start faster without it. */
function cliProgressModule(): CliProgress {
  loaded ??= createRequire(import.meta.url)('cli-progress') as CliProgress;
  return loaded;
}

export function terminalSink(stream: Writer): LineSink {
  const cliProgress = cliProgressModule();
  // One bar, made here and restarted for every live line: making one costs a few milliseconds,
  // which would otherwise land inside the first step of every epoch.
  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: (_options, _params, payload: { line: string }) => payload.line,
    hideCursor: true,
    linewrap: false,
    clearOnComplete: false,
    gracefulExit: false,
    synchronousUpdate: false,
    // Redraws are driven by the caller; the bar's own timer is pushed out of the way.
    fps: 1e-6,
  });
  let live = false;
  let drawn = '';
  const open = (text: string): void => {
    bar.start(1, 0, { line: text });
    drawn = text;
    live = true;
  };
  const close = (text: string): void => {
    if (!live) open(text);
    bar.update(1, { line: text });
    bar.stop();
    live = false;
  };
  return {
    draw(text) {
      if (!live) {
        open(text);
        return;
      }
      bar.update(0, { line: text });
      bar.render();
      drawn = text;
    },
    end: close,
    line(text) {
      if (live) close(drawn);
      stream.write(`${text}\n`);
    },
    abandon() {
      // stop() redraws the last line, shows the cursor, turns line wrapping back on and ends the line.
      if (live) bar.stop();
      live = false;
    },
  };
}
