/**
 * Prose wrapped at word boundaries to a width in terminal columns (Hangul counts two), so that
 * no word is cut in half at the terminal's edge. Continuation lines take `indent`; a word wider
 * than the line stays whole on a line of its own.
 */
import { displayWidth } from './width.js';

export function wrapWords(text: string, columns: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const lead = /^ */.exec(paragraph)![0];
    const words = paragraph.trim().split(/ +/).filter((w) => w !== '');
    let line = lead;
    let empty = true;
    for (const word of words) {
      const candidate = empty ? line + word : `${line} ${word}`;
      if (!empty && displayWidth(candidate) > columns) {
        lines.push(line);
        line = lead + indent + word;
      } else line = candidate;
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}
