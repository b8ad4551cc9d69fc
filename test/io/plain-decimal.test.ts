/**
 * The CSV loader reads plain decimals without making a string per cell; it must give exactly
 * the numbers Number() gives, and leave every other cell to the general path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvDataset, plainDecimal } from '../../src/io/data.js';
import { createRandom } from '../../src/core/random.js';

const read = (text: string): number => plainDecimal(text, 0, text.length);

test('plain decimals read as Number() reads them, down to the sign of zero', () => {
  for (const text of ['0', '-0', '+0', '7', '-7', '+7', '1.', '.5', '-.5', '0.1', '0.30000000000000004'.slice(0, 17), '123456.789012345', '999999999999999', '-0.000000000000001', '007.250']) {
    const value = read(text);
    if (Number.isNaN(value)) continue; // more than 15 digits: the general path's job
    assert.ok(Object.is(value, Number(text)), `${text}: ${value} vs ${Number(text)}`);
  }
  assert.ok(Object.is(read('-0'), -0));
  assert.equal(read('0.1'), 0.1);
});

test('a million random plain decimals of up to 15 digits all take the fast path and equal Number()', () => {
  const random = createRandom(3, 'csv');
  for (let n = 0; n < 1_000_000; n++) {
    const digits = 1 + random.nextInt(15);
    let text = random.next() < 0.3 ? '-' : '';
    const point = random.nextInt(digits + 1);
    for (let d = 0; d < digits; d++) {
      if (d === point && random.next() < 0.8) text += '.';
      text += String(random.nextInt(10));
    }
    const value = read(text);
    assert.ok(Object.is(value, Number(text)), `${text}: ${value} vs ${Number(text)}`);
  }
});

test('anything else is left to the general path', () => {
  for (const text of ['', '-', '+', '.', '1e5', '1E-3', ' 1', '1 ', '1..2', '1.2.3', 'nan', 'inf', '0x10', '1,5', '1234567890123456', '0.0000000000000001']) {
    assert.ok(Number.isNaN(read(text)), text);
  }
});

test('a CSV of mixed forms loads to the same float32 values as Number() on each cell', () => {
  const cells = ['1', '-2.5', ' 3 ', '4e2', '.5', '-0', '12345678901234567', '0.1', '+6', '7.', '1E-3', '3.14159265358979'];
  const text = `a,b,c\n${[0, 3, 6, 9].map((i) => cells.slice(i, i + 3).join(',')).join('\r\n')}\n`;
  const data = parseCsvDataset(text, 'mixed.csv');
  const expected = cells.map((cell) => Math.fround(Number(cell.trim())));
  const got: number[] = [];
  for (let r = 0; r < 4; r++) got.push(data.x[2 * r], data.x[2 * r + 1], data.y[r]);
  got.forEach((value, i) => assert.ok(Object.is(value, expected[i]), `${cells[i]}: ${value} vs ${expected[i]}`));
});
