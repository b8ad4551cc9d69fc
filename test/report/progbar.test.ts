import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochHeader, Progbar } from '../../src/report/progbar.js';
import { expectGolden } from '../helpers/golden.js';
import { scenarios, transcript } from './progbar-scenarios.js';

describe('Progbar golden transcripts (UPDATE_GOLDEN=1 rewrites test/golden/progbar-*.txt)', () => {
  for (const scenario of scenarios) {
    it(`renders the ${scenario.name} run exactly as its golden file`, () => {
      expectGolden(`progbar-${scenario.name}.txt`, transcript(scenario));
    });
  }
});

describe('Progbar in Keras 2 style', () => {
  it('reproduces the seed example line of a two-step epoch', () => {
    const bar = new Progbar({ target: 2 });
    bar.start(10);
    bar.update(1, [['loss', 1]], 10.002, false);
    bar.update(2, [['loss', 1.6794]], 10.004, false);
    assert.equal(bar.update(2, [['loss', 1.6794]], 10.004, true), '2/2 [==============================] - 0s 2ms/step - loss: 1.6794');
  });

  it('fills int(width * (current / target)) cells, 21 of 30 at step 7 of 10', () => {
    const bar = new Progbar({ target: 10 });
    bar.start(0);
    assert.equal(bar.update(7, [], 1, false), ' 7/10 [====================>.........] - ETA: 0s');
  });

  it('computes the filled cells in floating point as Keras does: 22 * (15 / 22) is 14.999999999999998, so 14 cells', () => {
    const bar = new Progbar({ target: 22, width: 22 });
    bar.start(0);
    assert.equal(bar.update(15, [], 1, false), '15/22 [=============>........] - ETA: 0s');
  });

  it('always draws the first update of an epoch, even at time zero', () => {
    const bar = new Progbar({ target: 3 });
    bar.start(0);
    assert.notEqual(bar.update(1, [], 0, false), null);
  });

  it('skips redraws that come less than the interval after the previous one, but never the final line', () => {
    const bar = new Progbar({ target: 3, interval: 0.05 });
    bar.start(0);
    assert.notEqual(bar.update(1, [], 0.01, false), null);
    assert.equal(bar.update(2, [], 0.05, false), null);
    assert.equal(bar.update(3, [], 0.055, false), null);
    assert.notEqual(bar.update(3, [], 0.055, true), null);
  });

  it('redraws when now − last drawn time is not below the interval, compared in floating point', () => {
    const bar = new Progbar({ target: 9, interval: 0.25 });
    bar.start(0);
    bar.update(1, [], 0.25, false);
    assert.equal(bar.update(2, [], 0.375, false), null); // throttled lines do not move the reference time
    assert.notEqual(bar.update(3, [], 0.5, false), null); // 0.5 − 0.25 = 0.25, not below 0.25
    const keras = new Progbar({ target: 9, interval: 0.05 });
    keras.start(0);
    keras.update(1, [], 0.01, false);
    assert.equal(keras.update(2, [], 0.06, false), null); // 0.06 − 0.01 = 0.049999999999999996 < 0.05
  });

  it('finalizes by default when the current step reaches the target, as Keras does', () => {
    const bar = new Progbar({ target: 2 });
    bar.start(0);
    bar.update(1, [], 0.01);
    assert.equal(bar.update(2, [], 0.012), '2/2 [==============================] - 0s 2ms/step');
  });

  it('leaves the first step out of the time per step once later steps are known', () => {
    const bar = new Progbar({ target: 3 });
    bar.start(0);
    bar.update(1, [], 0.5, false); // a slow first step
    // (0.53 − 0.5) / (3 − 1) = 15 ms per step, not 0.53 / 3 = 177 ms
    assert.equal(bar.update(3, [], 0.53, true), '3/3 [==============================] - 1s 15ms/step');
  });

  it('estimates the ETA from the time per step times the steps left', () => {
    const bar = new Progbar({ target: 1000 });
    bar.start(0);
    bar.update(1, [], 1, false);
    // (3 − 1) / (2 − 1) = 2 s per step, 998 steps left: 1996 s = 33:16
    assert.equal(bar.update(2, [['loss', 0.5]], 3, false), '   2/1000 [..............................] - ETA: 33:16 - loss: 0.5000');
  });

  it('starts each epoch afresh: values, first-step time and throttling are reset', () => {
    const bar = new Progbar({ target: 2 });
    bar.start(0);
    bar.update(1, [['loss', 9], ['val_loss', 9]], 0.001, false);
    bar.update(2, [['loss', 9], ['val_loss', 9]], 0.002, true);
    bar.start(1);
    assert.equal(bar.update(1, [['loss', 1]], 1.0001, false), '1/2 [==============>...............] - ETA: 0s - loss: 1.0000');
  });

  it('keeps showing a value that a later update leaves out, in its first position', () => {
    const bar = new Progbar({ target: 2 });
    bar.start(0);
    bar.update(1, [['loss', 2], ['mae', 1]], 0.1, false);
    assert.equal(bar.update(2, [['mae', 0.5]], 0.2, true), '2/2 [==============================] - 0s 100ms/step - loss: 2.0000 - mae: 0.5000');
  });

  it('at verbose 2 returns nothing until the final line, which carries the epoch and step times', () => {
    const bar = new Progbar({ target: 2, verbose: 2 });
    bar.start(0);
    assert.equal(bar.update(1, [['loss', 1]], 0.002, false), null);
    assert.equal(bar.update(2, [['loss', 1.6794]], 0.004, false), null);
    assert.equal(bar.update(2, [['loss', 1.6794]], 0.004, true), '2/2 - 0s - loss: 1.6794 - 4ms/epoch - 2ms/step');
  });

  it('at verbose 2 leaves out the epoch and step times when the final step is not the target', () => {
    const bar = new Progbar({ target: 5, verbose: 2 });
    bar.start(0);
    assert.equal(bar.update(3, [['loss', 0.25]], 0.1, true), '3/5 - 0s - loss: 0.2500');
  });

  it('refuses an update before start and a target that is not a positive integer', () => {
    assert.throws(() => new Progbar({ target: 2 }).update(1, [], 0), /before start/);
    assert.throws(() => new Progbar({ target: 0 }), RangeError);
    assert.throws(() => new Progbar({ target: 2.5 }), RangeError);
  });
});

describe('Progbar in Keras 3 style', () => {
  it('draws a 20-cell bar of ━ and the elapsed time and time per step on the final line', () => {
    const bar = new Progbar({ target: 2, style: 'keras3' });
    bar.start(0);
    bar.update(1, [['loss', 1]], 0.002, false);
    bar.update(2, [['loss', 1.6794]], 0.004, false);
    assert.equal(bar.update(2, [['loss', 1.6794]], 0.004, true), '2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - loss: 1.6794');
  });

  it('averages values over the updates of the epoch before the final line, as Keras 3 does', () => {
    const bar = new Progbar({ target: 3, style: 'keras3' });
    bar.start(0);
    bar.update(1, [['loss', 1]], 0.1, false);
    // (1 + 2) / 2
    assert.equal(bar.update(2, [['loss', 2]], 0.2, false), '2/3 ━━━━━━━━━━━━━─────── 0s 100ms/step - loss: 1.5000');
  });

  it('marks the done part of the bar in green and the rest in white when asked for colour', () => {
    const bar = new Progbar({ target: 2, style: 'keras3', ansi: true });
    bar.start(0);
    assert.equal(
      bar.update(1, [], 0.5, false),
      '\x1b[1m1/2\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 500ms/step',
    );
  });
});

describe('Progbar on an epoch cut short', () => {
  // Steps 1..3 of 10; step 1 ends at 0.5 s, step 3 at 0.7 s: Keras's estimate leaves step 1
  // out, (0.7 − 0.5) / (3 − 1) = 100 ms per step over the steps taken, not 0.7 / 10 = 70 ms.
  for (const [style, expected] of [
    ['keras2', ' 3/10 [========>.....................] - 1s 100ms/step - loss: 0.5000'],
    ['keras3', ' 3/10 ━━━━━━────────────── 1s 100ms/step - loss: 0.5000'],
  ] as const) {
    it(`shows the step reached and the time per step taken in the ${style} style`, () => {
      const bar = new Progbar({ target: 10, style });
      bar.start(0);
      bar.update(1, [['loss', 1]], 0.5, false);
      bar.update(3, [['loss', 0.5]], 0.7, false);
      assert.equal(bar.update(3, [['loss', 0.5]], 0.7, true), expected);
    });
  }

  it('keeps the time per step of a cut-short epoch in the one-line summary (verbose 2)', () => {
    const bar = new Progbar({ target: 10, verbose: 2 });
    bar.start(0);
    bar.update(1, [], 0.5, false);
    bar.update(3, [], 0.7, false);
    // Keras 2's summary has ms/epoch and ms/step only for a whole epoch: nothing about 10 steps.
    assert.equal(bar.update(3, [['loss', 0.5]], 0.7, true), ' 3/10 - 1s - loss: 0.5000');
  });

  it('without colour the Keras 3 bar draws its rest light, so half done looks half done', () => {
    const bar = new Progbar({ target: 2, style: 'keras3' });
    bar.start(0);
    assert.equal(bar.update(1, [], 0.5, false), '1/2 ━━━━━━━━━━────────── 0s 500ms/step');
  });
});

describe('epochHeader', () => {
  it('numbers epochs from 1', () => {
    assert.equal(epochHeader(3, 10), 'Epoch 3/10');
  });
});
