import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth } from '../../src/report/width.js';
import { runInPty, screen } from '../helpers/pty.js';

// Needs `npm run build` first: these run dist/bin.js at a real pseudo-terminal.

const longLine = ['-e', '2', '--validation-split', '0.34', '--loss-report', 'end', '--no-timings'];

test('the screen model loses text past the margin when wrapping is off, and wraps it otherwise', () => {
  const line = `${'x'.repeat(78)}END`;
  assert.deepEqual(screen(`\x1b[?7l${line}\n`, 80), [`${'x'.repeat(78)}ED`, '']);
  assert.deepEqual(screen(`${line}\n`, 80), [`${'x'.repeat(78)}EN`, 'D', '']);
});

for (const columns of [80, 120]) {
  for (const lang of ['en', 'ko']) {
    test(`at ${columns} columns (${lang}) the whole final line reaches the screen, wrapped by the terminal`, () => {
      const { raw, status } = runInPty([...longLine, '--lang', lang], columns);
      assert.equal(status, 0, raw);
      assert.ok(!raw.includes('\x1b[?7l'), 'line wrapping is never turned off');
      const rows = screen(raw, columns);
      const text = rows.join('\n');
      // The two final lines, joined back from the rows they wrapped onto.
      const joined = rows.reduce<string[]>((lines, row, i) => {
        if (i > 0 && displayWidth(rows[i - 1]) === columns) lines[lines.length - 1] += row;
        else lines.push(row);
        return lines;
      }, []);
      const finals = joined.filter((line) => line.startsWith('1/1 ['));
      assert.equal(finals.length, 2, text);
      for (const line of finals) assert.match(line, / - val_loss: \d\.\d{4} - end_loss: \d\.\d{4}$/, text);
      for (const row of rows) assert.ok(displayWidth(row) <= columns);
    });
  }

  test(`at ${columns} columns every live redraw fits on one row`, () => {
    // Batch 1 with a long run: many redraws of a live line.
    const { raw, status } = runInPty(['-b', '1', '-e', '3', '--validation-split', '0.34', '--style', 'keras3', '--no-color', '--no-timings'], columns);
    assert.equal(status, 0, raw);
    // Keras 3's line moves back with backspaces before each redraw: cursor moves, not text.
    const draws = raw.split('\r').slice(1).map((draw) => draw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x08/g, ''));
    const live = draws.filter((draw) => !draw.endsWith('\n'));
    assert.ok(live.length > 0);
    for (const draw of live) assert.ok(displayWidth(draw) < columns, JSON.stringify(draw));
  });
}

for (const columns of [80, 120]) {
  for (const lang of ['en', 'ko']) {
    test(`at ${columns} columns (${lang}) --explain, compare's table, chart, note and lesson fit the terminal, words whole`, () => {
      const explain = runInPty(['-b', '4', '-e', '1', '--explain', '--validation-split', '0.2', '--loss-report', 'end', '--no-timings', '--lang', lang], columns);
      assert.equal(explain.status, 0, explain.raw);
      const compare = runInPty(['compare', '--batch-sizes', '32,6,3,1', '-e', '10', '--quiet', '--lang', lang], columns);
      assert.equal(compare.status, 0, compare.raw);
      for (const { raw } of [explain, compare]) {
        const lines = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n').filter((line) => !/^\r?\d+\/\d+ \[/.test(line));
        for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)} > ${columns}: ${line}`);
      }
      const text = compare.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      // The chart takes the width it is given.
      const axis = text.split('\n').find((line) => line.includes('└'))!;
      assert.ok(displayWidth(axis) >= columns - 8, axis);
      assert.match(text, lang === 'en' ? /batch 6: the very same losses as batch 32/ : /배치 6: 손실 값이 배치 32 쪽과 똑같아서/);
    });
  }
}
