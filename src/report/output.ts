/** The one output seam: everything batchsim prints goes through a Writer. */
export interface Writer {
  write(text: string): unknown;
  /** True when the writer is an interactive terminal: redraws and colour are allowed. */
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when the writer is one (Node's `stream.columns`). */
  readonly columns?: number;
}

/**
 * Where a progress line goes. On a terminal `draw` redraws the current line in place; elsewhere
 * it does nothing, and only whole lines (`line`, `end`) are written.
 */
export interface LineSink {
  /** Redraws the live line (terminal only). */
  draw(line: string): void;
  /** Ends the live line with its final text and a newline. */
  end(line: string): void;
  /** Writes a whole line (ending a live line first if one is being drawn). */
  line(text: string): void;
  /**
   * Leaves the terminal clean when output stops midway (an error, a second Ctrl-C): ends a live
   * line as it was last drawn and shows the cursor again. Does nothing when no line is live.
   */
  abandon?(): void;
}

/** A sink for pipes, files and CI logs: no carriage returns, only whole lines. */
export function plainSink(out: Writer): LineSink {
  return {
    draw() {},
    end(line) {
      out.write(`${line}\n`);
    },
    line(text) {
      out.write(`${text}\n`);
    },
    abandon() {},
  };
}
