/**
 * A live progress line on a terminal written the way Keras 3's `Progbar` writes it, byte for
 * byte: each redraw is as many backspaces as the previous line was wide, a carriage return, the
 * line, and spaces to cover what is left of a longer previous line; the final line ends with a
 * newline. No cursor hiding and no other escape codes than the ones in the line itself.
 * (keras/src/utils/progbar.py, `update` with `_dynamic_display`.)
 */
import type { LineSink, Writer } from './output.js';

const ANSI = /\x1b\[[0-9;]*m/g;

/** Width as Keras counts it: Python's len() of the text without its escape codes. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(ANSI, '')) width++;
  return width;
}

export function keras3TerminalSink(out: Writer): LineSink {
  let previousWidth = 0;
  let live = false;
  let drawn = '';
  const redraw = (text: string, final: boolean): void => {
    const width = visibleWidth(text);
    const pad = previousWidth > width ? ' '.repeat(previousWidth - width) : '';
    out.write(`${'\b'.repeat(previousWidth)}\r${text}${pad}${final ? '\n' : ''}`);
    previousWidth = final ? 0 : width;
    live = !final;
    drawn = text;
  };
  return {
    draw: (text) => redraw(text, false),
    end: (text) => redraw(text, true),
    line(text) {
      if (live) redraw(drawn, true);
      out.write(`${text}\n`);
    },
    abandon() {
      if (live) redraw(drawn, true);
    },
  };
}
