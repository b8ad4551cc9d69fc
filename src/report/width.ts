/**
 * How many terminal columns text takes: East Asian wide characters (Hangul, CJK ideographs,
 * full-width forms) take two, everything else one. Tables, chart axes and help text pad and wrap
 * by this, so Korean headings line up like English ones.
 */

/** Code point ranges (inclusive) that terminals draw two columns wide. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo (leading consonants)
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // Kana, Hangul compatibility Jamo, CJK symbols
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK ideographs
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

function isWide(code: number): boolean {
  for (const [low, high] of WIDE) if (code >= low && code <= high) return true;
  return false;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** `text` with spaces in front up to `width` columns (String.padStart, counting columns). */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/y;

/**
 * The longest start of `text` that takes at most `width` columns. ANSI escape codes take no
 * columns and are all kept, so colours opened before the cut are still closed after it.
 */
export function truncateColumns(text: string, width: number): string {
  if (displayWidth(text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')) <= width) return text;
  let out = '';
  let used = 0;
  let i = 0;
  while (i < text.length) {
    ANSI.lastIndex = i;
    const code = ANSI.exec(text);
    if (code !== null) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const w = displayWidth(char);
    if (used + w <= width) {
      out += char;
      used += w;
    }
    i += char.length;
  }
  return out;
}

/**
 * The width to fit tables and charts in: the terminal's own when writing to one, else COLUMNS
 * when set (as shells export it), else 80.
 */
export function terminalColumns(out: { readonly isTTY?: boolean; readonly columns?: number }, env: Readonly<Record<string, string | undefined>>): number {
  if (out.isTTY === true && out.columns !== undefined && out.columns > 0) return out.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}
