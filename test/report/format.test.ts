/**
 * The expected strings were computed with CPython 3 (`'%.*f' % (d, x)`, `'%.*e' % (d, x)` and the
 * Keras Progbar expressions quoted above each table) and pasted here as literals.
 */
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { formatDuration, formatElapsed, formatEta, formatStepTime, formatValue, nonFinite, pyExp, pyFixed } from '../../src/report/format.js';

describe('pyFixed', () => {
  // python3: '%.*f' % (digits, x)
  const table: Array<[number, number, string]> = [
    [0.03125, 4, '0.0312'], // exact binary tie → even digit (JS toFixed gives 0.0313)
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.5, 0, '0'],
    [-2.5, 0, '-2'],
    [1.5, 0, '2'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [-0.0, 4, '-0.0000'],
    [0.0, 4, '0.0000'],
    [1.6794, 4, '1.6794'],
    [1.7478333333333333, 4, '1.7478'],
    [0.1, 20, '0.10000000000000000555'], // the exact binary value, not the shortest decimal
    [2.675, 2, '2.67'], // 2.675 is 2.67499999… in binary: not a tie
    [1.005, 2, '1.00'],
    [-0.001, 2, '-0.00'], // Python keeps the sign of a negative number rounded to zero
    [1e21, 2, '1000000000000000000000.00'], // toFixed switches to exponent notation here
    [123456789012345678901234567890.0, 1, '123456789012345677877719597056.0'],
    [5e-324, 4, '0.0000'],
    [0.9999999, 4, '1.0000'],
    [99.99995, 4, '99.9999'],
    [1.0, 0, '1'],
  ];
  for (const [x, digits, expected] of table) {
    it(`formats ${Object.is(x, -0) ? '-0' : x} with ${digits} digits as ${expected}`, () => {
      assert.equal(pyFixed(x, digits), expected);
    });
  }

  it('writes nan, inf and -inf as Python does', () => {
    assert.deepEqual([pyFixed(NaN, 4), pyFixed(Infinity, 4), pyFixed(-Infinity, 4)], ['nan', 'inf', '-inf']);
  });

  it('rejects a negative or fractional number of digits', () => {
    assert.throws(() => pyFixed(1, -1), RangeError);
    assert.throws(() => pyFixed(1, 1.5), RangeError);
  });
});

describe('pyExp', () => {
  // python3: '%.*e' % (digits, x)
  const table: Array<[number, number, string]> = [
    [9e-4, 4, '9.0000e-04'], // JS toExponential(4) gives 9.0000e-4
    [0.0, 4, '0.0000e+00'],
    [-0.0, 4, '-0.0000e+00'],
    [1.23456e10, 4, '1.2346e+10'],
    [1e-100, 4, '1.0000e-100'],
    [1e100, 4, '1.0000e+100'],
    [0.00012345, 4, '1.2345e-04'],
    [0.000125, 1, '1.3e-04'], // 0.000125 is slightly above the tie in binary
    [0.000135, 1, '1.4e-04'],
    [5e-324, 4, '4.9407e-324'],
    [1.7976931348623157e308, 4, '1.7977e+308'],
    [9.99995, 4, '1.0000e+01'], // rounding carries into the next decade
    [9.99995e-5, 4, '9.9999e-05'],
    [12345.0, 0, '1e+04'],
    [25.0, 0, '2e+01'], // exact tie → even
    [35.0, 0, '4e+01'],
    [-2.5e-5, 4, '-2.5000e-05'],
    [1e-3, 4, '1.0000e-03'],
    [1.0000000000000002, 16, '1.0000000000000002e+00'],
    [123.456, 2, '1.23e+02'],
  ];
  for (const [x, digits, expected] of table) {
    it(`formats ${Object.is(x, -0) ? '-0' : x} with ${digits} digits as ${expected}`, () => {
      assert.equal(pyExp(x, digits), expected);
    });
  }

  it('writes nan, inf and -inf as Python does', () => {
    assert.deepEqual([pyExp(NaN, 4), pyExp(Infinity, 4), pyExp(-Infinity, 4)], ['nan', 'inf', '-inf']);
  });
});

describe('formatValue', () => {
  // python3: '%.4f' % v if abs(v) > 1e-3 else '%.4e' % v
  const table: Array<[number, string]> = [
    [1.6794, '1.6794'],
    [0.0009, '9.0000e-04'],
    [0.0, '0.0000e+00'],
    [0.001, '1.0000e-03'], // exactly 1e-3 is not above the threshold
    [0.0010001, '0.0010'],
    [-0.0010001, '-0.0010'],
    [-0.03125, '-0.0312'],
    [1e-300, '1.0000e-300'],
    [12345.678, '12345.6780'],
    [-5e-4, '-5.0000e-04'],
  ];
  for (const [v, expected] of table) {
    it(`prints ${v} as ${expected}`, () => assert.equal(formatValue(v), expected));
  }

  it('prints NaN as nan and infinities as inf and -inf', () => {
    assert.deepEqual([formatValue(NaN), formatValue(Infinity), formatValue(-Infinity)], ['nan', 'inf', '-inf']);
  });
});

describe('formatStepTime', () => {
  // python3, Keras _format_time without its leading space:
  //   t >= 1 or t == 0: '%.0fs/step' % t; t >= 1e-3: '%.0fms/step' % (t * 1e3); else '%.0fus/step' % (t * 1e6)
  const table: Array<[number, string]> = [
    [0, '0s/step'],
    [0.002, '2ms/step'],
    [0.0025, '2ms/step'], // 2.5 ms, a tie, rounds to even
    [0.0015, '2ms/step'],
    [0.151, '151ms/step'],
    [0.9996, '1000ms/step'], // below 1 s, so milliseconds, even when they round to 1000
    [1, '1s/step'],
    [1.5, '2s/step'],
    [2.5, '2s/step'],
    [2.4, '2s/step'],
    [0.000151, '151us/step'],
    [0.0000005, '0us/step'],
    [0.0000015, '2us/step'],
    [0.00099, '990us/step'],
    [0.001, '1ms/step'],
    [3600.5, '3600s/step'], // never minutes
  ];
  for (const [t, expected] of table) {
    it(`prints ${t} s per step as ${expected}`, () => assert.equal(formatStepTime(t, 'step'), expected));
  }

  it('uses the unit it is given', () => {
    assert.equal(formatStepTime(0.004, 'epoch'), '4ms/epoch');
  });
});

describe('formatEta', () => {
  // python3, Keras: eta > 3600: '%d:%02d:%02d' % (eta // 3600, (eta % 3600) // 60, eta % 60);
  //                 eta > 60: '%d:%02d' % (eta // 60, eta % 60); else '%ds' % eta
  const table: Array<[number, string]> = [
    [0, '0s'],
    [0.4, '0s'],
    [0.9999, '0s'], // truncated, not rounded
    [1, '1s'],
    [59.9, '59s'],
    [60, '60s'],
    [60.5, '1:00'],
    [61, '1:01'],
    [125.7, '2:05'],
    [3599.99, '59:59'],
    [3600, '60:00'],
    [3600.5, '1:00:00'],
    [3661.5, '1:01:01'],
    [7497, '2:04:57'],
    [86400, '24:00:00'],
    [360000.25, '100:00:00'],
  ];
  for (const [t, expected] of table) {
    it(`prints an ETA of ${t} s as ${expected}`, () => assert.equal(formatEta(t), expected));
  }
});

describe('formatElapsed', () => {
  // python3: '%.0fs' % t
  const table: Array<[number, string]> = [
    [0, '0s'],
    [0.4, '0s'],
    [0.5, '0s'],
    [1.5, '2s'],
    [2.5, '2s'],
    [3.5, '4s'],
    [75.2, '75s'],
    [7500, '7500s'],
    [0.151, '0s'],
  ];
  for (const [t, expected] of table) {
    it(`prints ${t} s since the epoch began as ${expected}`, () => assert.equal(formatElapsed(t), expected));
  }
});

test('a duration alone follows the same units rule as the step time, without the unit', () => {
  // Keras's _format_time: ≥ 1 s or 0 → seconds; ≥ 1 ms → ms; else us; each '%.0f'.
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(3.4), '3s');
  assert.equal(formatDuration(0.4125), '412ms');
  assert.equal(formatDuration(0.9996), '1000ms');
  assert.equal(formatDuration(0.00015), '150us');
  for (const seconds of [0, 2.5, 0.004, 1e-5]) assert.equal(formatStepTime(seconds, 'step'), `${formatDuration(seconds)}/step`);
});

test('non-finite numbers are spelled as Python spells them', () => {
  assert.equal(nonFinite(NaN), 'nan');
  assert.equal(nonFinite(Infinity), 'inf');
  assert.equal(nonFinite(-Infinity), '-inf');
});
