/**
 * `train datasets`: the embedded data sets as a table that fits the terminal. Numbers are
 * right-aligned; when the table is too wide the source column, then the licence column, are cut
 * to the room left (ending in "…"), and left out when even that is too wide, so a row never wraps.
 */
import { displayWidth, padStartColumns, truncateColumns } from './width.js';

export interface DatasetRow {
  readonly name: string;
  readonly rows: number;
  readonly features: number;
  readonly task: string;
  readonly target: string;
  readonly source: string;
  readonly licence: string;
}

/** Below this many columns a cut column is no longer worth showing in part. */
const MIN_CUT = 8;

export function datasetsTable(rows: readonly DatasetRow[], header: readonly string[], columns: number): string[] {
  const cells = [header, ...rows.map((r) => [r.name, String(r.rows), String(r.features), r.task, r.target, r.source, r.licence])];
  const numeric = [false, true, true, false, false, false, false];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => displayWidth(row[c]))));
  const total = (): number => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  // Cut the source, then the licence, to fit.
  for (const c of [5, 6]) {
    const over = total() - columns;
    if (over > 0) widths[c] = Math.max(MIN_CUT, widths[c] - over);
  }
  // Still too wide: leave out the source, then the licence.
  const shown = [0, 1, 2, 3, 4, 5, 6];
  for (const c of [5, 6]) {
    if (total() <= columns) break;
    shown.splice(shown.indexOf(c), 1);
    widths[c] = -2; // its column and the two spaces before it
  }
  const cell = (text: string, c: number): string => {
    const fitted = displayWidth(text) > widths[c] ? `${truncateColumns(text, widths[c] - 1)}…` : text;
    return numeric[c] ? padStartColumns(fitted, widths[c]) : fitted + ' '.repeat(widths[c] - displayWidth(fitted));
  };
  return cells.map((row) => shown.map((c) => cell(row[c], c)).join('  ').trimEnd());
}
