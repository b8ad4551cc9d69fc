import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n/index.js';
import { lineChart, lineStyle, niceTicks, OVERLAP } from '../../src/report/chart.js';
import { createPaint } from '../../src/report/paint.js';
import { expectGolden } from '../helpers/golden.js';

const ANSI = /\x1b\[[0-9;]*m/;

/** Loss falling linearly from `start` by `drop` per point, at x = step, 2·step, …, n·step. */
function falling(start: number, drop: number, n: number, step: number): Array<[number, number]> {
  return Array.from({ length: n }, (_, i) => [(i + 1) * step, start - drop * i]);
}

test('a chart of three series matches its golden file: y labels, x ticks, axis title and legend', () => {
  const lines = lineChart(
    [
      { label: 'batch 6', points: falling(1.75, 0.0045, 10, 1) },
      { label: 'batch 3', points: falling(1.747, 0.0085, 10, 1) },
      { label: 'batch 1', points: falling(1.74, 0.025, 10, 1) },
    ],
    { xTitle: 'epoch', yTitle: 'loss (mae)', integerX: true },
  );
  expectGolden('compare-chart.txt', `${lines.join('\n')}\n`);
  assert.equal(lines[0].trim(), 'loss (mae)');
  assert.deepEqual(lines.slice(-4).map((l) => l.trim()), ['── batch 6', '━━ batch 3', '══ batch 1', '●  two or more series in the same place']);
});

test('each series draws with its own line style so the chart reads the same without colour', () => {
  const lines = lineChart(
    [
      { label: 'a', points: [[1, 1], [2, 1]] },
      { label: 'b', points: [[1, 0], [2, 0]] },
    ],
    { xTitle: 'epoch', yTitle: 'loss', width: 10, height: 4 },
  );
  const plot = lines.slice(1, 5).join('\n');
  assert.ok(plot.includes(lineStyle(0).flat.repeat(10)));
  assert.ok(plot.includes(lineStyle(1).flat.repeat(10)));
  assert.doesNotMatch(lines.join('\n'), ANSI);
});

test('a series that ends early leaves the rest of its rows blank on a shared x axis', () => {
  // On the update axis full batch ends at update 10 while batch 1 goes on to 60.
  const lines = lineChart(
    [
      { label: 'batch 6', points: falling(2, 0.01, 10, 1) },
      { label: 'batch 1', points: falling(1, 0.01, 10, 6) },
    ],
    { xTitle: 'optimizer updates', yTitle: 'loss', width: 60, height: 8, integerX: true },
  );
  const rows = lines.slice(1, 9).map((l) => [...l.slice(l.search(/[┤│]/) + 1)]);
  const lastColumn = (glyphs: string): number => {
    let last = -1;
    for (const row of rows) row.forEach((c, i) => (last = glyphs.includes(c) ? Math.max(last, i) : last));
    return last;
  };
  // Updates 1..10 of 1..60 are columns round((u − 1) / 59 · 59) = 0..9.
  assert.equal(lastColumn('─╮╰╯╭│'), 9);
  assert.equal(lastColumn('━┃┓┗┛┏'), 59);
  assert.match(lines.at(-4)!, / 60$/);
});

test('a non-finite loss ends the line where the run diverged', () => {
  const lines = lineChart([{ label: 'diverged', points: [[1, 1], [2, 0.5], [3, NaN], [4, 0.1]] }], {
    xTitle: 'epoch',
    yTitle: 'loss',
    width: 31,
    height: 5,
  });
  const plot = lines.slice(1, 6).map((l) => l.slice(l.search(/[┤│]/) + 1));
  assert.ok(plot.every((row) => row.trimEnd().length <= 16), plot.join('\n'));
});

test('with colour each series is wrapped in its own colour and the text is otherwise unchanged', () => {
  const series = [
    { label: 'a', points: falling(1, 0.1, 5, 1) },
    { label: 'b', points: falling(0.8, 0.1, 5, 1) },
  ];
  const options = { xTitle: 'epoch', yTitle: 'loss' };
  const plain = lineChart(series, options);
  const coloured = lineChart(series, { ...options, paint: createPaint(true) });
  assert.match(coloured.join('\n'), ANSI);
  assert.deepEqual(
    coloured.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')),
    plain,
  );
  assert.doesNotMatch(lineChart(series, { ...options, paint: createPaint(false) }).join('\n'), ANSI);
});

test('ticks fall on round values 1, 2 or 5 × 10^k apart, and never between whole numbers on a count axis', () => {
  assert.deepEqual(niceTicks(1, 10, 5), [2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(1, 60, 5), [20, 40, 60]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(1, 2, 5, true), [1, 2]);
});

test('a chart with no finite value says so instead of drawing', () => {
  assert.deepEqual(lineChart([{ label: 'x', points: [[1, NaN]] }], { xTitle: 'epoch', yTitle: 'loss' }), ['loss: no finite values to plot']);
});

test('up to 67 series each get a line style of their own, so series 7 and 8 do not look like 1 and 2', () => {
  const glyphs = Array.from({ length: 67 }, (_, i) => lineStyle(i).flat);
  assert.equal(new Set(glyphs).size, 67);
  const lines = lineChart(
    Array.from({ length: 9 }, (_, i) => ({ label: `batch ${i + 1}`, points: [[1, i], [2, i]] as Array<[number, number]> })),
    { xTitle: 'epoch', yTitle: 'loss', width: 10, height: 9 },
  );
  const legend = lines.slice(-9).map((l) => l.trim().slice(0, 2));
  assert.equal(new Set(legend).size, 9, legend.join(' '));
});

test('series with the very same points are drawn once and the legend says which coincide, in English and Korean', () => {
  const same = falling(1, 0.1, 5, 1);
  const series = [
    { label: 'batch 32', points: same },
    { label: 'batch 6', points: [...same] },
    { label: 'batch 1', points: falling(0.5, 0.05, 5, 1) },
  ];
  const lines = lineChart(series, { xTitle: 'epoch', yTitle: 'loss', width: 20, height: 6 });
  assert.equal(lines.at(-2)!.trim(), '── batch 6: the very same losses as batch 32, so one line shows both');
  assert.equal(lines.at(-3)!.trim(), '── batch 32');
  const ko = lineChart(series, { xTitle: 'epoch', yTitle: 'loss', width: 20, height: 6 }, translator('ko'));
  assert.equal(ko.at(-2)!.trim(), '── 배치 6: 손실 값이 배치 32 쪽과 똑같아서 선 하나로 겹쳐 그렸습니다'.replace(/배치 (\d+)/g, 'batch $1'));
});

test('where two series pass through the same cell it is drawn ● and the legend explains it; apart, nothing is marked', () => {
  const crossing = lineChart(
    [
      { label: 'a', points: [[1, 1], [2, 0]] },
      { label: 'b', points: [[1, 0], [2, 1]] },
    ],
    { xTitle: 'x', yTitle: 'y', width: 11, height: 11 },
  );
  assert.ok(crossing.slice(1, 12).join('\n').includes(OVERLAP));
  assert.equal(crossing.at(-1)!.trim(), '●  two or more series in the same place');
  const apart = lineChart(
    [
      { label: 'a', points: [[1, 1], [2, 1]] },
      { label: 'b', points: [[1, 0], [2, 0]] },
    ],
    { xTitle: 'x', yTitle: 'y', width: 11, height: 5 },
  );
  assert.ok(!apart.join('\n').includes(OVERLAP));
});

test('given terminal columns the chart fills them, labels and ticks included', () => {
  for (const columns of [60, 80, 120]) {
    const lines = lineChart([{ label: 'a', points: falling(1, 0.1, 10, 1) }], { xTitle: 'epoch', yTitle: 'loss', integerX: true, columns });
    const widest = Math.max(...lines.map((l) => l.length));
    assert.ok(widest <= columns && widest >= columns - 6, `${columns}: ${widest}`);
  }
});
