/**
 * Loads a data set from a CSV file (header row, numeric cells) or a JSON file
 * `{"x": [...], "y": [...]}` straight into row-major Float32Arrays, without one JS object per row.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Dataset } from '../training/dataset.js';
import { InputError } from './errors.js';

export interface LoadOptions {
  /** Target column names (CSV). Default: the last column. */
  readonly target?: readonly string[];
}

/** How many leading bytes are checked before a whole file is read, so a wrong file fails fast. */
const SNIFF_BYTES = 64 * 1024;

export function loadDataset(path: string, options: LoadOptions = {}): Dataset {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path} is a directory, not a data file: pass a .csv or .json file to --data`);
    if (!stat.isFile()) throw new InputError(`${path} is not a regular file (a pipe, socket or device): save the data to a .csv or .json file and pass that to --data`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read data file ${path}: ${describeFsError(error)}; check the path given to --data`);
  }
  if (size === 0) throw new InputError(`${path} is empty: a data file needs a header row and at least one data row`);
  const head = readHead(path, Math.min(size, SNIFF_BYTES));
  if (head.includes(0)) throw new InputError(`${path} is not a text file (it contains NUL bytes): pass a CSV or JSON file to --data`);
  const start = head.toString('utf8', 0, Math.min(head.length, 64)).replace(/^\uFEFF/, '');
  const looksJson = /\.json$/i.test(path) || /^\s*[{[]/.test(start);
  if (looksJson && !/^\s*\{/.test(start)) {
    throw new InputError(`${path} does not look like a JSON data file: it starts with "${printable(start.trimStart().slice(0, 20))}", not {; a JSON data file looks like {"x": [1, 2], "y": [2, 4]}`);
  }
  if (!looksJson) checkCsvHead(head.toString('utf8'), path, head.length < size, options);
  const text = readText(path);
  return looksJson ? parseJsonDataset(text, path) : parseCsvDataset(text, path, options);
}

function readHead(path: string, bytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } catch (error) {
    throw new InputError(`cannot read data file ${path}: ${describeFsError(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read data file ${path}: ${describeFsError(error)}`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return (error as Error | undefined)?.message ?? String(error);
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
  if (newline < 0 && truncated) {
    throw new InputError(`${path} does not look like CSV: no line break in its first ${SNIFF_BYTES / 1024} KiB; pass a CSV file with a header row`);
  }
  // Control characters other than tab, CR and LF mean binary data.
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
    throw new InputError(`${path} does not look like CSV: it contains control characters; pass a CSV or JSON text file`);
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
  const header = text.slice(pos, stripCr(pos, end)).split(',').map((name) => name.trim());
  if (header.length === 1 && header[0] === '') throw new InputError(`${source}: line 1 is empty: the first line must name the columns, e.g. x,y`);
  header.forEach((name, i) => {
    if (name === '') throw new InputError(`${source}: line 1, column ${i + 1}: empty column name; name every column in the header row`);
    if (NUMBER.test(name)) throw new InputError(`${source}: line 1 looks like data ("${name}"), not a header: add a header row naming the columns, e.g. x,y`);
    const first = header.indexOf(name);
    if (first !== i) throw new InputError(`${source}: line 1: column name "${name}" appears twice (columns ${first + 1} and ${i + 1}); make the names unique`);
  });
  const columns = header.length;
  if (columns === 1) {
    const separator = /[;\t|]/.exec(header[0]);
    const hint = separator ? `separate the columns with commas, not ${separator[0] === '\t' ? 'tabs' : `"${separator[0]}"`}` : 'give at least one feature and one target column, e.g. x,y';
    throw new InputError(`${source}: line 1 has a single column ("${truncate(printable(header[0]))}"); ${hint}`);
  }
  const targets = resolveTargets(header, options.target, source);
  if (targets.length === columns) throw new InputError(`${source}: every column is a target, none is left as a feature; name fewer columns in --target`);
  const isTarget = header.map((_, i) => targets.includes(i));
  const features = columns - targets.length;
  pos = end + 1;

  // Count rows to size the arrays once.
  let rows = 0;
  for (let p = pos; p < length; ) {
    const e = lineEnd(p);
    if (stripCr(p, e) > p) rows++;
    p = e + 1;
  }
  if (rows === 0) throw new InputError(`${source}: the header is the only line: add data rows below it`);
  const x = new Float32Array(rows * features);
  const y = new Float32Array(rows * targets.length);
  const targetSlot = header.map((_, i) => targets.indexOf(i));
  const featureSlot: number[] = [];
  for (let i = 0, f = 0; i < columns; i++) featureSlot.push(isTarget[i] ? -1 : f++);

  let row = 0;
  let line = 1;
  for (let p = pos; p < length; ) {
    line++;
    end = lineEnd(p);
    const stop = stripCr(p, end);
    if (stop > p) {
      let cellStart = p;
      for (let c = 0; c < columns; c++) {
        let cellEnd = text.indexOf(',', cellStart);
        if (cellEnd < 0 || cellEnd > stop) cellEnd = stop;
        if (c === columns - 1 && cellEnd < stop) {
          const found = countCells(text, p, stop);
          throw new InputError(`${source}: line ${line}: ${found} cells but the header has ${columns} columns; give every row ${columns} cells`);
        }
        if (cellEnd === stop && c < columns - 1) {
          throw new InputError(`${source}: line ${line}: ${c + 1} cells but the header has ${columns} columns; give every row ${columns} cells`);
        }
        let value = plainDecimal(text, cellStart, cellEnd);
        if (value !== value) {
          // Not a plain decimal: spaces, an exponent, many digits, or not a number at all.
          const cell = text.slice(cellStart, cellEnd).trim();
          const column = cellStart - p + 1;
          if (cell === '') throw new InputError(`${source}: line ${line}, column ${column} (${header[c]}): empty cell; fill in a number`);
          if (!NUMBER.test(cell)) {
            const what = /^[+-]?(nan|inf|infinity)$/i.test(cell) ? 'not a finite number' : 'not a number';
            throw new InputError(`${source}: line ${line}, column ${column} (${header[c]}): "${truncate(cell)}" is ${what}; use plain decimal numbers`);
          }
          value = Number(cell);
          if (!Number.isFinite(Math.fround(value))) {
            throw new InputError(`${source}: line ${line}, column ${column} (${header[c]}): ${cell} is too large for float32`);
          }
        }
        if (isTarget[c]) y[row * targets.length + targetSlot[c]] = value;
        else x[row * features + featureSlot[c]] = value;
        cellStart = cellEnd + 1;
      }
      row++;
    }
    p = end + 1;
  }
  return {
    x,
    y,
    samples: rows,
    features,
    outputs: targets.length,
    featureNames: header.filter((_, i) => !isTarget[i]),
    targetNames: targets.map((i) => header[i]),
  };
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
      throw new InputError(`${source}: --target names column "${name}", which is not in the header (columns: ${header.join(', ')})`);
    }
    return index;
  });
}

/** Parses `{"x": [...], "y": [...]}` where each entry is a number or an array of numbers. */
export function parseJsonDataset(text: string, source: string): Dataset {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${source} is not valid JSON (${printable((error as Error).message)}); a JSON data file looks like {"x": [1, 2], "y": [2, 4]}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('x' in doc) || !('y' in doc)) {
    throw new InputError(`${source}: a JSON data file must be an object with "x" and "y" arrays, e.g. {"x": [1, 2], "y": [2, 4]}`);
  }
  const { x, y } = doc as { x: unknown; y: unknown };
  const xs = toMatrix(x, `${source}: "x"`);
  const ys = toMatrix(y, `${source}: "y"`);
  if (xs.rows !== ys.rows) throw new InputError(`${source}: "x" has ${xs.rows} samples but "y" has ${ys.rows}; give both the same number`);
  if (xs.rows === 0) throw new InputError(`${source}: "x" and "y" are empty; add samples`);
  return { x: xs.values, y: ys.values, samples: xs.rows, features: xs.width, outputs: ys.width };
}

function toMatrix(value: unknown, where: string): { values: Float32Array; rows: number; width: number } {
  if (!Array.isArray(value)) throw new InputError(`${where} must be an array of numbers or of equal-length arrays of numbers`);
  const rows = value.length;
  const width = rows > 0 && Array.isArray(value[0]) ? (value[0] as unknown[]).length : 1;
  if (width === 0) throw new InputError(`${where}[0] is an empty array; every sample needs at least one value`);
  const values = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const item = value[r] as unknown;
    const cells = Array.isArray(item) ? item : [item];
    if (Array.isArray(item) !== width > 1 && !(Array.isArray(item) && width === 1 && Array.isArray(value[0]))) {
      throw new InputError(`${where}[${r}] mixes numbers and arrays; use one form for every sample`);
    }
    if (cells.length !== width) throw new InputError(`${where}[${r}] has ${cells.length} values but ${where}[0] has ${width}; give every sample the same number`);
    for (let c = 0; c < width; c++) {
      const v = cells[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError(`${where}[${r}]${width > 1 ? `[${c}]` : ''} is ${JSON.stringify(v) ?? String(v)}, not a finite number`);
      }
      values[r * width + c] = v;
    }
  }
  return { values, rows, width };
}
