import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyRepr } from '../../src/report/format.js';

// Expected strings printed by CPython 3.11: print(repr(v)) for each v.
const table: Array<[number, string]> = [
  [2.0, '2.0'],
  [1.7470000982284546, '1.7470000982284546'],
  [1e-5, '1e-05'],
  [1.5e-5, '1.5e-05'],
  [0.0001, '0.0001'],
  [0.00012345, '0.00012345'],
  [1e16, '1e+16'],
  [1.5e16, '1.5e+16'],
  [123456789012345.6, '123456789012345.6'],
  [1e100, '1e+100'],
  [-3.25, '-3.25'],
  [5e-324, '5e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [0.1, '0.1'],
  [100.0, '100.0'],
  [9999999999999998.0, '9999999999999998.0'],
  [0, '0.0'],
  [-0, '-0.0'],
  [NaN, 'nan'],
  [Infinity, 'inf'],
  [-Infinity, '-inf'],
];

for (const [value, expected] of table) {
  test(`pyRepr(${Object.is(value, -0) ? '-0' : value}) is Python's repr: ${expected}`, () => {
    assert.equal(pyRepr(value), expected);
  });
}
