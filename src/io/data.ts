/**
 * Loads a data set from a CSV file (header row, numeric cells) or a JSON file
 * `{"x": [...], "y": [...]}` straight into row-major Float32Arrays, without one JS object per row.
 */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { parseJson } from './json.js';
import { MAX_DATA_BYTES, readTextBounded, ReadRefused } from './safe-read.js';
import type { Dataset } from '../training/dataset.js';
import { msg } from '../i18n/message.js';
import { InputError } from './errors.js';
import { describeFsError } from './fs-errors.js';

export interface LoadOptions {
  /** Target column names (CSV). Default: the last column. */
  readonly target?: readonly string[];
  /** Leave out rows with a missing value (an empty cell, NA or NaN) instead of refusing the file. */
  readonly dropMissing?: boolean;
  /**
   * Whether a single target column may hold text class labels (a classification loss); without,
   * text there is refused as in any other column, with the fix named.
   */
  readonly labels?: boolean;
  /** Columns that are neither features nor targets (an embedded data set's class column when another is the target). */
  readonly ignore?: readonly string[];
}

/** A cell that stands for a missing value: empty, NA, N/A or NaN, in any case. */
const MISSING = /^(?:|na|n\/a|nan)$/i;

/** How many leading bytes are checked before a whole file is read, so a wrong file fails fast. */
const SNIFF_BYTES = 64 * 1024;

export function loadDataset(path: string, options: LoadOptions = {}): Dataset {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(msg('data.isDirectory', { file: path }));
    if (!stat.isFile()) throw new InputError(msg('data.notRegular', { file: path }));
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(msg('data.cannotRead', { file: path, reason: describeFsError(error), hint: true }));
  }
  if (size === 0) throw new InputError(msg('data.empty', { file: path }));
  const head = readHead(path, Math.min(size, SNIFF_BYTES));
  if (head.includes(0)) throw new InputError(msg('data.binary', { file: path }));
  const start = head.toString('utf8', 0, Math.min(head.length, 64)).replace(/^\uFEFF/, '');
  const looksJson = /\.json$/i.test(path) || /^\s*[{[]/.test(start);
  if (looksJson && !/^\s*\{/.test(start)) {
    throw new InputError(msg('data.notJsonStart', { file: path, start: printable(start.trimStart().slice(0, 20)) }));
  }
  if (!looksJson) checkCsvHead(head.toString('utf8'), path, head.length < size, options);
  if (size > MAX_DATA_BYTES) {
    throw new InputError(msg('data.cannotRead', { file: path, reason: describeFsError(new ReadRefused('ETOOBIG', MAX_DATA_BYTES)), hint: false }));
  }
  const text = readText(path);
  return looksJson ? parseJsonDataset(text, path) : parseCsvDataset(text, path, options);
}

function readHead(path: string, bytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } catch (error) {
    throw new InputError(msg('data.cannotRead', { file: path, reason: describeFsError(error), hint: false }));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readText(path: string): string {
  try {
    return readTextBounded(path, MAX_DATA_BYTES);
  } catch (error) {
    throw new InputError(msg('data.cannotRead', { file: path, reason: describeFsError(error), hint: false }));
  }
}

/** Control characters and line breaks as visible escapes, so a message stays on one line. */
function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Rejects a file that is not a plausible CSV before the rest is read: no line break or binary
 * bytes in the first SNIFF_BYTES, or any problem in the complete lines there (one column, a bad
 * header, a bad cell), reported with its line and column as the full parse would.
 */
function checkCsvHead(head: string, path: string, truncated: boolean, options: LoadOptions): void {
  const text = head.replace(/^\uFEFF/, '');
  const newline = text.indexOf('\n');
  if (newline < 0 && /\r(?!$)/.test(text)) throw new InputError(msg('data.crOnly', { file: path }));
  // A header row wider than the sniffed bytes is still CSV when it has commas: the full parse judges it.
  if (newline < 0 && truncated && !text.includes(',')) {
    throw new InputError(msg('data.noLineBreak', { file: path, kib: SNIFF_BYTES / 1024 }));
  }
  // Control characters other than tab, CR and LF mean binary data.
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
    throw new InputError(msg('data.controlCharacters', { file: path }));
  }
  const lastNewline = text.lastIndexOf('\n');
  if (truncated && text.indexOf('\n') < lastNewline) parseCsvDataset(text.slice(0, lastNewline + 1), path, options);
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses CSV text with a header row. Accepts a BOM and CRLF line endings. */
export function parseCsvDataset(text: string, source: string, options: LoadOptions = {}): Dataset {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  const lineEnd = (from: number): number => {
    const i = text.indexOf('\n', from);
    return i < 0 ? length : i;
  };
  const stripCr = (from: number, to: number): number => (to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to);

  // Header.
  let end = lineEnd(pos);
  const headerText = text.slice(pos, stripCr(pos, end));
  // A carriage return inside the first line: lines end in CR alone, and the whole file reads as one line.
  if (headerText.includes('\r')) throw new InputError(msg('data.crOnly', { file: source }));
  const header = headerText.split(',').map((name) => name.trim());
  if (header.length === 1 && header[0] === '') throw new InputError(msg('data.emptyHeader', { file: source }));
  header.forEach((name, i) => {
    if (name === '') throw new InputError(msg('data.emptyColumnName', { file: source, column: i + 1 }));
    if (NUMBER.test(name)) throw new InputError(msg('data.headerIsData', { file: source, name }));
    const first = header.indexOf(name);
    if (first !== i) throw new InputError(msg('data.duplicateColumn', { file: source, name, first: first + 1, second: i + 1 }));
  });
  const columns = header.length;
  if (columns === 1) {
    const separator = /[;\t|]/.exec(header[0]);
    throw new InputError(msg('data.singleColumn', { file: source, header: truncate(printable(header[0])), separator: separator ? separator[0] : null }));
  }
  const targets = resolveTargets(header, options.target, source);
  if (targets.length === columns) throw new InputError(msg('data.allTargets', { file: source }));
  const isTarget = header.map((_, i) => targets.includes(i));
  const ignored = header.map((name, i) => !isTarget[i] && (options.ignore?.includes(name) ?? false));
  const features = columns - targets.length - ignored.filter(Boolean).length;
  pos = end + 1;

  // Count rows to size the arrays once.
  let rows = 0;
  for (let p = pos; p < length; ) {
    const e = lineEnd(p);
    if (stripCr(p, e) > p) rows++;
    p = e + 1;
  }
  if (rows === 0) throw new InputError(msg('data.noRows', { file: source }));
  const x = new Float32Array(rows * features);
  const y = new Float32Array(rows * targets.length);
  const targetSlot = header.map((_, i) => targets.indexOf(i));
  const featureSlot: number[] = [];
  for (let i = 0, f = 0; i < columns; i++) featureSlot.push(isTarget[i] || ignored[i] ? -1 : f++);

  // A single target column may hold class labels (text): each label is numbered in the order first
  // seen while reading, and renumbered in sorted order at the end.
  const labelColumn = targets.length === 1 ? targets[0] : -1;
  const labelIds = new Map<string, number>();
  let firstLabel = 0; // line of the first label, 0 while none
  let firstNumber = 0; // line of the first number in the target column, 0 while none
  let row = 0;
  let line = 1;
  let dropped = 0;
  let firstDropped = 0;
  for (let p = pos; p < length; ) {
    line++;
    end = lineEnd(p);
    const stop = stripCr(p, end);
    if (stop > p) {
      let cellStart = p;
      let missing = false;
      let label: string | null = null;
      for (let c = 0; c < columns; c++) {
        let cellEnd = text.indexOf(',', cellStart);
        if (cellEnd < 0 || cellEnd > stop) cellEnd = stop;
        if (c === columns - 1 && cellEnd < stop) {
          const found = countCells(text, p, stop);
          throw new InputError(msg('data.cellCount', { file: source, line, cells: found, columns }));
        }
        if (cellEnd === stop && c < columns - 1) {
          throw new InputError(msg('data.cellCount', { file: source, line, cells: c + 1, columns }));
        }
        if (ignored[c]) {
          cellStart = cellEnd + 1;
          continue;
        }
        let value = plainDecimal(text, cellStart, cellEnd);
        if (value !== value) {
          // Not a plain decimal: spaces, an exponent, many digits, a missing value, a label or not a number at all.
          const cell = text.slice(cellStart, cellEnd).trim();
          const column = c + 1;
          if (MISSING.test(cell)) {
            if (options.dropMissing === true) {
              missing = true;
              cellStart = cellEnd + 1;
              continue;
            }
            throw new InputError(
              cell === '' ? msg('data.emptyCell', { file: source, line, column, name: header[c] }) : msg('data.missingValue', { file: source, line, column, name: header[c], cell }),
            );
          }
          if (c === labelColumn && !NUMBER.test(cell) && options.labels !== true && !/^[+-]?(nan|inf|infinity)$/i.test(cell)) {
            throw new InputError(msg('data.labelNeedsClassification', { file: source, line, column, name: header[c], cell: truncate(cell) }));
          }
          if (c === labelColumn && !NUMBER.test(cell)) {
            if (firstNumber !== 0) throw new InputError(msg('data.labelAfterNumbers', { file: source, line, column, name: header[c], cell: truncate(cell), numberLine: firstNumber }));
            if (firstLabel === 0) firstLabel = line;
            label = cell;
            cellStart = cellEnd + 1;
            continue;
          }
          if (!NUMBER.test(cell)) {
            const infinite = /^[+-]?(nan|inf|infinity)$/i.test(cell);
            throw new InputError(msg('data.notANumber', { file: source, line, column, name: header[c], cell: truncate(cell), infinite }));
          }
          value = Number(cell);
          if (!Number.isFinite(Math.fround(value))) {
            throw new InputError(msg('data.tooLarge', { file: source, line, column, name: header[c], cell: truncate(cell) }));
          }
        }
        if (c === labelColumn && firstNumber === 0) {
          if (firstLabel !== 0) {
            const cell = truncate(text.slice(cellStart, cellEnd).trim());
            throw new InputError(msg('data.numberAfterLabels', { file: source, line, column: c + 1, name: header[c], cell, labelLine: firstLabel }));
          }
          firstNumber = line;
        }
        if (isTarget[c]) y[row * targets.length + targetSlot[c]] = value;
        else x[row * features + featureSlot[c]] = value;
        cellStart = cellEnd + 1;
      }
      // A row with a missing value is overwritten by the next one.
      if (missing) {
        dropped++;
        if (firstDropped === 0) firstDropped = line;
      } else {
        if (label !== null) {
          let id = labelIds.get(label);
          if (id === undefined) labelIds.set(label, (id = labelIds.size));
          y[row] = id;
        }
        row++;
      }
    }
    p = end + 1;
  }
  if (row === 0) throw new InputError(msg('data.allMissing', { file: source, rows }));
  const classes = firstLabel !== 0 ? sortedLabels(labelIds, y, row) : undefined;
  return {
    x: row < rows ? x.slice(0, row * features) : x,
    y: row < rows ? y.slice(0, row * targets.length) : y,
    samples: row,
    features,
    outputs: targets.length,
    featureNames: header.filter((_, i) => !isTarget[i] && !ignored[i]),
    targetNames: targets.map((i) => header[i]),
    ...(classes !== undefined ? { classes } : {}),
    ...(options.dropMissing === true ? { dropped, firstDropped } : {}),
  };
}

/**
 * The labels in sorted order (by code point, as Python's sorted() and scikit-learn's
 * LabelEncoder order them), with y's first-seen ids renumbered to their place in it.
 */
function sortedLabels(ids: ReadonlyMap<string, number>, y: Float32Array, rows: number): string[] {
  const labels = [...ids.keys()].sort((a, b) => {
    const ca = [...a].map((ch) => ch.codePointAt(0)!);
    const cb = [...b].map((ch) => ch.codePointAt(0)!);
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i] - cb[i];
    return ca.length - cb.length;
  });
  const renumber = new Float32Array(labels.length);
  labels.forEach((label, index) => (renumber[ids.get(label)!] = index));
  for (let r = 0; r < rows; r++) y[r] = renumber[y[r]];
  return labels;
}

/** 10^k for k = 0..15, each exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/**
 * Reads text[from, to) as a number when it is a plain decimal, [+-]digits[.digits] with at most
 * 15 digits, without making a string; NaN for anything else, which takes the general path. The
 * digits read as an integer m < 10^15 < 2^53, exactly, and the k digits after the point give
 * m / 10^k: one correctly rounded division of two exact numbers, so the same double as
 * Number(cell) (Clinger's fast path), and so the same float32.
 */
export function plainDecimal(text: string, from: number, to: number): number {
  let i = from;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 || first === 43) {
    negative = first === 45; // '-'
    i++;
  }
  let m = 0;
  let digits = 0;
  let decimals = -1; // digits after the point; −1 until a point is seen
  for (; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      m = m * 10 + (ch - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (ch === 46 && decimals < 0) {
      decimals = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = decimals > 0 ? m / POWERS_OF_TEN[decimals] : m;
  return negative ? -value : value;
}

function countCells(text: string, from: number, to: number): number {
  let count = 1;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 44) count++;
  return count;
}

function truncate(cell: string): string {
  return cell.length > 20 ? `${cell.slice(0, 20)}…` : cell;
}

function resolveTargets(header: readonly string[], target: readonly string[] | undefined, source: string): number[] {
  if (target === undefined || target.length === 0) return [header.length - 1];
  return target.map((name) => {
    const index = header.indexOf(name);
    if (index < 0) {
      throw new InputError(msg('data.unknownTarget', { file: source, name, columns: header.join(', ') }));
    }
    return index;
  });
}

/** Parses `{"x": [...], "y": [...]}` where each entry is a number or an array of numbers. */
export function parseJsonDataset(text: string, source: string): Dataset {
  let doc: unknown;
  try {
    doc = parseJson(text);
  } catch (error) {
    throw new InputError(msg('data.notJson', { file: source, message: printable((error as Error).message) }));
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('x' in doc) || !('y' in doc)) {
    throw new InputError(msg('data.notXy', { file: source }));
  }
  const { x, y } = doc as { x: unknown; y: unknown };
  const xs = toMatrix(x, `${source}: "x"`);
  const ys = toMatrix(y, `${source}: "y"`);
  if (xs.rows !== ys.rows) throw new InputError(msg('data.lengths', { file: source, x: xs.rows, y: ys.rows }));
  if (xs.rows === 0) throw new InputError(msg('data.noSamples', { file: source }));
  return { x: xs.values, y: ys.values, samples: xs.rows, features: xs.width, outputs: ys.width };
}

function toMatrix(value: unknown, where: string): { values: Float32Array; rows: number; width: number } {
  if (!Array.isArray(value)) throw new InputError(msg('data.notArray', { where }));
  const rows = value.length;
  const width = rows > 0 && Array.isArray(value[0]) ? (value[0] as unknown[]).length : 1;
  if (width === 0) throw new InputError(msg('data.emptySample', { where }));
  const values = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const item = value[r] as unknown;
    const cells = Array.isArray(item) ? item : [item];
    if (Array.isArray(item) !== width > 1 && !(Array.isArray(item) && width === 1 && Array.isArray(value[0]))) {
      throw new InputError(msg('data.mixed', { where, row: r }));
    }
    if (cells.length !== width) throw new InputError(msg('data.width', { where, row: r, values: cells.length, width }));
    for (let c = 0; c < width; c++) {
      const v = cells[c];
      // Refused as in a CSV: beyond float32 (1e39) a value would train into a divergence. JSON.parse
      // reads 1e400 as Infinity, which must not be echoed as the "null" JSON.stringify makes of it.
      if (typeof v !== 'number' || !Number.isFinite(Math.fround(v))) {
        const value = typeof v !== 'number' ? (JSON.stringify(v) ?? String(v)) : Number.isFinite(v) ? `${v} (too large for float32)` : 'too large';
        throw new InputError(msg('data.notFinite', { where: `${where}[${r}]${width > 1 ? `[${c}]` : ''}`, value: value.length > 40 ? `${value.slice(0, 40)}…` : value }));
      }
      values[r * width + c] = v;
    }
  }
  return { values, rows, width };
}
