/**
 * A live progress line on a terminal, redrawn in place: carriage return, the line, erase to the
 * end. The live line is cut to the terminal's width, so a redraw never wraps onto a second row
 * it could not return to; the cursor is hidden while it draws. Finished lines (`end`, `line`) are
 * written whole and left to the terminal to wrap, like Keras's, so no text is ever lost. Line
 * wrapping is never switched off. Throttling is the Progbar's job: every `draw` here is drawn.
 */
import type { LineSink, Writer } from './output.js';
import { truncateColumns } from './width.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const ERASE_TO_END = '\x1b[K';

/** Columns a live line may take: one less than the terminal's, so the cursor never wraps. */
function liveWidth(stream: Writer): number {
  const columns = stream.columns;
  return columns !== undefined && columns > 1 ? columns - 1 : 79;
}

export function terminalSink(stream: Writer): LineSink {
  let live = false;
  let drawn = '';
  const finish = (text: string): void => {
    stream.write(`\r${text}${ERASE_TO_END}${SHOW_CURSOR}\n`);
    live = false;
  };
  return {
    draw(text) {
      const head = live ? '' : HIDE_CURSOR;
      stream.write(`${head}\r${truncateColumns(text, liveWidth(stream))}${ERASE_TO_END}`);
      drawn = text;
      live = true;
    },
    end: finish,
    line(text) {
      if (live) finish(drawn);
      stream.write(`${text}\n`);
    },
    abandon() {
      // Ends the live line as it was last drawn, in full, and shows the cursor again.
      if (live) finish(drawn);
    },
  };
}
