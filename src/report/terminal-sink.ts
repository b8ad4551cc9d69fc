/**
 * A live progress line on a terminal, redrawn in place by cli-progress (cursor hidden while
 * drawing, line wrapping off so a long line never scrolls). Throttling is the Progbar's job:
 * every `draw` here is drawn.
 */
import cliProgress from 'cli-progress';
import type { LineSink, Writer } from './output.js';

export function terminalSink(stream: Writer): LineSink {
  let bar: cliProgress.SingleBar | null = null;
  let drawn = '';
  const open = (text: string): cliProgress.SingleBar => {
    const created = new cliProgress.SingleBar({
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
    created.start(1, 0, { line: text });
    drawn = text;
    return created;
  };
  const close = (text: string): void => {
    if (bar === null) bar = open(text);
    bar.update(1, { line: text });
    bar.stop();
    bar = null;
  };
  return {
    draw(text) {
      if (bar === null) {
        bar = open(text);
        return;
      }
      bar.update(0, { line: text });
      bar.render();
      drawn = text;
    },
    end: close,
    line(text) {
      if (bar !== null) close(drawn);
      stream.write(`${text}\n`);
    },
    abandon() {
      // stop() redraws the last line, shows the cursor, turns line wrapping back on and ends the line.
      bar?.stop();
      bar = null;
    },
  };
}
