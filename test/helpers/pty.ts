/**
 * The built executable at a real pseudo-terminal of a given width (util-linux `script`, with
 * `stty cols`), and a small screen model that replays what it wrote: carriage return, newline,
 * erase in the line and below, cursor to a column and up or down, auto-wrap at the right margin (unless turned off with ESC[?7l,
 * after which text past the margin is lost, as on a real terminal). Colour and cursor codes take
 * no room.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { displayWidth } from '../../src/report/width.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface PtyRun {
  /** Everything written to the terminal, escape codes included, with the tty's \r\n as \n. */
  readonly raw: string;
  readonly status: number | null;
}

/** The test's environment without colour settings (Node warns when both are set, even empty), then `env`. */
function ptyEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8' };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  return { ...base, ...env };
}

/**
 * Runs `train args…` at a terminal `columns` wide; stdout and stderr both go to it. With
 * `interruptAfter` (seconds), SIGINT reaches the process that long after it started, as Ctrl-C
 * would (the shell's pid becomes the process's by exec).
 */
export function runInPty(args: readonly string[], columns: number, env: Record<string, string> = {}, interruptAfter?: number): PtyRun {
  const interrupt = interruptAfter === undefined ? '' : `(sleep ${interruptAfter}; kill -INT $$) & `;
  const command = `stty cols ${columns} rows 60; ${interrupt}exec ${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')}`;
  const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    encoding: 'utf8',
    env: ptyEnv(env),
  });
  if (result.error) throw result.error;
  return { raw: result.stdout.replace(/\r\n/g, '\n'), status: result.status };
}

/** The rows a terminal `columns` wide shows after `raw`, trailing spaces trimmed. */
export function screen(raw: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  let wrap = true;
  let pendingWrap = false;
  for (let i = 0; i < raw.length; ) {
    const code = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(raw.slice(i, i + 16));
    if (code !== null) {
      if (code[1] === '?7' && code[2] === 'l') wrap = false;
      if (code[1] === '?7' && code[2] === 'h') wrap = true;
      const n = code[1] === '' ? 1 : Number(code[1]);
      if (code[2] === 'K') {
        if (code[1] === '2') rows[row] = [];
        else rows[row].length = Math.min(rows[row].length, col);
      }
      if (code[2] === 'J') rows.length = row + 1;
      if (code[2] === 'J') rows[row].length = Math.min(rows[row].length, col);
      if (code[2] === 'G') col = Math.max(0, n - 1);
      if (code[2] === 'A') row = Math.max(0, row - n);
      if (code[2] === 'B') {
        row += n;
        for (let r = 0; r <= row; r++) rows[r] ??= [];
      }
      if ('GAB'.includes(code[2]) || code[2] === 'K') pendingWrap = false;
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(raw.codePointAt(i)!);
    i += char.length;
    if (char === '\r') {
      col = 0;
      pendingWrap = false;
    } else if (char === '\n') {
      row++;
      col = 0;
      pendingWrap = false;
      rows[row] ??= [];
    } else {
      const width = displayWidth(char);
      if (pendingWrap || col + width > columns) {
        if (wrap) {
          row++;
          col = 0;
          rows[row] ??= [];
        } else {
          col = columns - width; // without wrapping, each further character overwrites the last column
        }
        pendingWrap = false;
      }
      rows[row][col] = char;
      if (width === 2) rows[row][col + 1] = '';
      col += width;
      if (col >= columns) pendingWrap = true;
    }
  }
  return rows.map((cells) => Array.from(cells, (c) => c ?? ' ').join('').trimEnd());
}

/** The screen's rows joined back into the lines they wrapped from (a row exactly `columns` wide continues). */
export function screenText(raw: string, columns: number): string {
  return screen(raw, columns).join('\n');
}
