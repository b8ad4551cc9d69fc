/**
 * A line chart for the terminal, drawn with box-drawing characters: y labels on the left, an
 * x axis with round-number ticks, a legend. Every series has a line style of its own (─ ━ ═ ┄ ┅
 * ┈ ╌ ╍, then one marker character per series: · • + x o * # …), so the chart reads the same
 * without colour and no two series look alike; with colour each series also gets paint's i-th
 * series colour. A cell two series pass through is drawn ● (and the legend says so), so no
 * series hides another; series with the very same points are drawn once and named together.
 *
 * All series share one x axis: each is resampled onto the columns its x range covers (linear
 * interpolation between its points) and left blank elsewhere, so runs whose points sit at
 * different x (e.g. updates 1, 2, … against 6, 12, …) are drawn where they belong.
 */
import { english, type Translator } from '../i18n/message.js';
import { formatValue } from './format.js';
import type { Paint } from './paint.js';
import { displayWidth } from './width.js';

export interface ChartSeries {
  readonly label: string;
  /** [x, y] in increasing x; a non-finite y ends the line there. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartOptions {
  /** Plot columns (default 60). */
  readonly width?: number;
  /** Fit the whole chart, labels and ticks included, in this many terminal columns (overrides width). */
  readonly columns?: number;
  /** Plot rows (default 12). */
  readonly height?: number;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Ticks only at whole numbers (x counts epochs, updates or samples). */
  readonly integerX?: boolean;
  readonly paint?: Paint;
}

/** Glyphs of one line style: flat, vertical, and the corners where a line turns down or up. */
interface LineStyle {
  readonly flat: string;
  readonly vertical: string;
  /** Going down: the corner at the upper row and at the lower row. */
  readonly downFrom: string;
  readonly downTo: string;
  /** Going up: the corner at the lower row and at the upper row. */
  readonly upFrom: string;
  readonly upTo: string;
}

const STYLES: readonly LineStyle[] = [
  { flat: '─', vertical: '│', downFrom: '╮', downTo: '╰', upFrom: '╯', upTo: '╭' },
  { flat: '━', vertical: '┃', downFrom: '┓', downTo: '┗', upFrom: '┛', upTo: '┏' },
  { flat: '═', vertical: '║', downFrom: '╗', downTo: '╚', upFrom: '╝', upTo: '╔' },
  { flat: '┄', vertical: '┆', downFrom: '╮', downTo: '╰', upFrom: '╯', upTo: '╭' },
  { flat: '┅', vertical: '┇', downFrom: '┓', downTo: '┗', upFrom: '┛', upTo: '┏' },
  { flat: '┈', vertical: '┊', downFrom: '╮', downTo: '╰', upFrom: '╯', upTo: '╭' },
  { flat: '╌', vertical: '╎', downFrom: '╮', downTo: '╰', upFrom: '╯', upTo: '╭' },
  { flat: '╍', vertical: '╏', downFrom: '┓', downTo: '┗', upFrom: '┛', upTo: '┏' },
];

/** Past the line styles, each series is drawn with a character of its own. */
const MARKERS = '·•+xo*#%@~=' + 'abcdefghijklmnpqrstuvwyzABCDEFGHIJKLMNPQRSTUVWXYZ';

/** Where two or more series pass through the same cell. */
export const OVERLAP = '●';

/** The line style of the i-th series; the legend shows its `flat` glyph twice. Distinct for the first 67 series. */
export function lineStyle(index: number): LineStyle {
  if (index < STYLES.length) return STYLES[index];
  const c = MARKERS[(index - STYLES.length) % MARKERS.length];
  return { flat: c, vertical: c, downFrom: c, downTo: c, upFrom: c, upTo: c };
}

/** The plot columns that leave room for y labels `labelWidth` wide and the last x tick in `columns`. */
function plotWidth(columns: number, labelWidth: number): number {
  return Math.max(10, columns - labelWidth - 2 - 4);
}

/** For each series, the index of an earlier series with exactly the same points, or -1. */
function sameAsEarlier(series: readonly ChartSeries[]): number[] {
  const same = (a: ChartSeries['points'], b: ChartSeries['points']): boolean =>
    a.length === b.length && a.every(([x, y], i) => Object.is(x, b[i][0]) && Object.is(y, b[i][1]));
  return series.map((s, i) => series.findIndex((other, j) => j < i && same(other.points, s.points)));
}

/**
 * Round tick values (1, 2 or 5 × 10^k apart) inside [min, max], about `count` of them; with
 * `integer`, never closer than 1 apart.
 */
export function niceTicks(min: number, max: number, count: number, integer = false): number[] {
  if (!(max > min)) return [min];
  const raw = integer ? Math.max(1, (max - min) / count) : (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Compact tick text: integers as they are, others with up to 4 significant digits. */
function tickText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

interface Cell {
  char: string;
  series: number;
}

export function lineChart(series: readonly ChartSeries[], options: ChartOptions, t: Translator = english): string[] {
  const height = Math.max(2, options.height ?? 12);
  const color = (index: number, text: string): string => (options.paint ? options.paint.series(index, text) : text);

  const finite = series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  if (finite.length === 0) return [t('chart.nothingToPlot', { title: options.yTitle })];
  let xMin = Math.min(...finite.map(([x]) => x));
  let xMax = Math.max(...finite.map(([x]) => x));
  let yMin = Math.min(...finite.map(([, y]) => y));
  let yMax = Math.max(...finite.map(([, y]) => y));
  if (xMax === xMin) xMax = xMin + 1;
  if (yMax === yMin) {
    const pad = Math.abs(yMin) > 0 ? Math.abs(yMin) * 0.01 : 1;
    yMin -= pad;
    yMax += pad;
  }
  // y labels on every third row and the bottom one.
  const labels = Array.from({ length: height }, (_, row) =>
    row % 3 === 0 || row === height - 1 ? formatValue(yMax - (row / (height - 1)) * (yMax - yMin)) : '',
  );
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const margin = ' '.repeat(labelWidth + 1);
  const width = options.columns !== undefined ? plotWidth(options.columns, labelWidth) : Math.max(2, options.width ?? 60);

  const columnOf = (x: number): number => Math.round(((x - xMin) / (xMax - xMin)) * (width - 1));
  const xAt = (column: number): number => xMin + (column / (width - 1)) * (xMax - xMin);
  const rowOf = (y: number): number => Math.round(((yMax - y) / (yMax - yMin)) * (height - 1));

  const grid: Array<Array<Cell | null>> = Array.from({ length: height }, () => new Array<Cell | null>(width).fill(null));
  let overlaps = false;
  const put = (row: number, column: number, char: string, index: number): void => {
    const there = grid[row][column];
    if (there !== null && there.series !== index) {
      grid[row][column] = { char: OVERLAP, series: -1 };
      overlaps = true;
    } else grid[row][column] = { char, series: index };
  };

  const duplicateOf = sameAsEarlier(series);
  [...series.entries()].reverse().forEach(([index, s]) => {
    // A series with the very points of an earlier one is that line: drawn once, named together.
    if (duplicateOf[index] !== -1) return;
    const style = lineStyle(index);
    // The points up to the first non-finite value.
    const points: Array<readonly [number, number]> = [];
    for (const p of s.points) {
      if (!Number.isFinite(p[1])) break;
      points.push(p);
    }
    if (points.length === 0) return;
    const first = columnOf(points[0][0]);
    const last = columnOf(points[points.length - 1][0]);
    // The series' row at every column it spans.
    const rows: number[] = [];
    let k = 0;
    for (let c = first; c <= last; c++) {
      const x = Math.min(Math.max(xAt(c), points[0][0]), points[points.length - 1][0]);
      while (k < points.length - 2 && points[k + 1][0] < x) k++;
      const [x0, y0] = points[k];
      const [x1, y1] = points[Math.min(k + 1, points.length - 1)];
      const y = x1 === x0 ? y0 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
      rows.push(rowOf(y));
    }
    for (let i = 0; i < rows.length; i++) {
      const column = first + i;
      const row = rows[i];
      const next = rows[i + 1];
      if (next === undefined || next === row) {
        put(row, column, style.flat, index);
      } else if (next > row) {
        put(row, column, style.downFrom, index);
        for (let r = row + 1; r < next; r++) put(r, column, style.vertical, index);
        put(next, column, style.downTo, index);
      } else {
        put(row, column, style.upFrom, index);
        for (let r = next + 1; r < row; r++) put(r, column, style.vertical, index);
        put(next, column, style.upTo, index);
      }
    }
  });

  const lines: string[] = [`${margin}${options.yTitle}`];
  grid.forEach((cells, row) => {
    let text = '';
    let run = '';
    let runSeries = -1;
    const flush = (): void => {
      text += runSeries < 0 ? run : color(runSeries, run);
      run = '';
    };
    for (const cell of cells) {
      const owner = cell === null || cell.series < 0 ? -1 : cell.series;
      if (owner !== runSeries) {
        flush();
        runSeries = owner;
      }
      run += cell === null ? ' ' : cell.char;
    }
    flush();
    const axis = labels[row] === '' ? '│' : '┤';
    lines.push(`${labels[row].padStart(labelWidth)} ${axis}${text.replace(/ +$/, '')}`);
  });

  // x axis: ticks at round values, their labels centred under them where they fit.
  const ticks = niceTicks(xMin, xMax, 5, options.integerX).filter((t) => t >= xMin && t <= xMax);
  const axis = Array.from({ length: width }, () => '─');
  const tickRow = new Array<string>(width + 12).fill(' ');
  let free = 0;
  for (const t of ticks) {
    const column = columnOf(t);
    axis[column] = '┬';
    const text = tickText(t);
    const start = Math.max(0, column - Math.floor((text.length - 1) / 2));
    if (start < free) continue;
    for (let i = 0; i < text.length; i++) tickRow[start + i] = text[i];
    free = start + text.length + 1;
  }
  lines.push(`${margin}└${axis.join('')}`);
  lines.push(`${margin} ${tickRow.join('').trimEnd()}`);
  lines.push(`${margin}${' '.repeat(Math.max(0, width + 1 - displayWidth(options.xTitle)))}${options.xTitle}`);
  series.forEach((s, index) => {
    const first = duplicateOf[index];
    if (first !== -1) {
      lines.push(`${margin}${color(first, lineStyle(first).flat.repeat(2))} ${t('chart.sameAs', { label: s.label, other: series[first].label })}`);
      return;
    }
    const glyph = lineStyle(index).flat.repeat(2);
    lines.push(`${margin}${color(index, glyph)} ${s.label}`);
  });
  if (overlaps) lines.push(`${margin}${OVERLAP}  ${t('chart.overlap')}`);
  return lines;
}
