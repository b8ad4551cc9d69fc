/**
 * Loss values and gradients on small examples worked by hand, from the definitions in Keras 3's
 * keras/src/losses/losses.py (`mean_absolute_error`, `mean_squared_error`, `huber`: mean over the
 * outputs, then over the batch).
 *
 * The common example is a batch of B = 2 samples with d = 2 outputs:
 *   predicted [[1, 2], [3, 4]], target [[1.5, 2], [2, 6]]
 *   e = predicted − target = [[−0.5, 0], [1, −2]]
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOSSES, REGRESSION_LOSSES, isLoss, lossAndGradient, lossValue, type RegressionLossName as LossName } from '../../src/core/loss.js';
import { assertAllClose, assertClose } from './reference.js';

const predicted = Float32Array.of(1, 2, 3, 4);
const target = Float32Array.of(1.5, 2, 2, 6);

function both(name: LossName, p = predicted, t = target, targetStart = 0, count = p.length) {
  const gradient = new Float32Array(count);
  const value = lossAndGradient(name, p, t, targetStart, count, gradient);
  return { value, plain: lossValue(name, p, t, targetStart, count), gradient: Array.from(gradient) };
}

describe('loss values and gradients on a hand-worked batch', () => {
  test('mae is the mean of |e| over outputs, then over the batch', () => {
    // |e| = [[0.5, 0], [1, 2]]; per sample (0.5 + 0)/2 = 0.25 and (1 + 2)/2 = 1.5; mean 0.875
    const { value, plain } = both('mae');
    assert.equal(value, 0.875);
    assert.equal(plain, 0.875);
  });

  test('the mae gradient is sign(e)/(B·d), with sign(0) = 0', () => {
    // sign(e) = [−1, 0, 1, −1], B·d = 4
    assert.deepEqual(both('mae').gradient, [-0.25, 0, 0.25, -0.25]);
  });

  test('mse is the mean of e² and its gradient is 2e/(B·d)', () => {
    // e² = [[0.25, 0], [1, 4]]; per sample 0.125 and 2.5; mean 1.3125
    // 2e/4 = [−0.25, 0, 0.5, −1]
    const { value, plain, gradient } = both('mse');
    assert.equal(value, 1.3125);
    assert.equal(plain, 1.3125);
    assert.deepEqual(gradient, [-0.25, 0, 0.5, -1]);
  });

  test('huber is ½e² up to |e| = 1 and |e| − ½ beyond, with gradient e or sign(e) over B·d', () => {
    // per element: ½·0.25 = 0.125, 0, ½·1 = 0.5 (|e| = 1 is on the quadratic side), 2 − 0.5 = 1.5
    // per sample 0.0625 and 1.0; mean 0.53125
    // gradient: −0.5/4, 0, 1/4, −1/4
    const { value, plain, gradient } = both('huber');
    assert.equal(value, 0.53125);
    assert.equal(plain, 0.53125);
    assert.deepEqual(gradient, [-0.125, 0, 0.25, -0.25]);
  });

  test('huber is continuous in value and slope at |e| = 1', () => {
    const p = Float32Array.of(0, 0, 0, 0);
    const t = Float32Array.of(-0.999, -1.001, 0.999, 1.001); // e = 0.999, 1.001, −0.999, −1.001
    const g = new Float32Array(4);
    const value = lossAndGradient('huber', p, t, 0, 1, g);
    assertClose(value, 0.5 * 0.999 * 0.999, 1e-6, 0);
    assertClose(lossValue('huber', p, t, 1, 1), 1.001 - 0.5, 1e-6, 0);
    lossAndGradient('huber', p, t, 0, 4, g);
    assertAllClose(g, [0.999 / 4, 1 / 4, -0.999 / 4, -1 / 4], 1e-6, 0);
  });
});

describe('loss reduction', () => {
  test('two outputs of one sample are averaged, not summed', () => {
    // e = [1, 3]: mse = (1 + 9)/2 = 5, not 10
    assert.equal(lossValue('mse', Float32Array.of(1, 3), Float32Array.of(0, 0), 0, 2), 5);
  });

  test('with equal outputs per sample, mean over outputs then batch equals the mean over all elements', () => {
    // B=3, d=2, e = [1, −2, 0.5, 4, −1, 3]
    // per sample |e| means: 1.5, 2.25, 2 → batch mean 5.75/3 = 1.916666…
    const p = Float32Array.of(1, -2, 0.5, 4, -1, 3);
    const t = new Float32Array(6);
    assertClose(lossValue('mae', p, t, 0, 6), 5.75 / 3, 1e-7, 0);
  });

  test('targets are read from targetStart while predictions start at 0', () => {
    // target rows 2.. of [9, 9, 1.5, 2, 2, 6] are the common example's targets
    const shifted = Float32Array.of(9, 9, 1.5, 2, 2, 6);
    for (const name of REGRESSION_LOSSES) {
      const a = both(name);
      const b = both(name, predicted, shifted, 2, 4);
      assert.equal(b.value, a.value, name);
      assert.deepEqual(b.gradient, a.gradient, name);
    }
  });

  test('the gradient is written only to the first count entries', () => {
    const gradient = Float32Array.of(7, 7, 7, 7, 7, 7);
    lossAndGradient('mse', predicted, target, 0, 4, gradient);
    assert.deepEqual(Array.from(gradient.subarray(4)), [7, 7]);
  });

  test('a perfect prediction has zero loss and zero gradient for every loss', () => {
    for (const name of REGRESSION_LOSSES) {
      const g = Float32Array.of(1, 1, 1, 1);
      assert.equal(lossAndGradient(name, predicted, predicted, 0, 4, g), 0, name);
      assert.deepEqual(Array.from(g), [0, 0, 0, 0], name);
    }
  });

  test('the loss is a float32 value, as Keras computes it', () => {
    // e = 0.1 (float32 0.100000001…): mse = 0.0100000003…, rounded to float32
    const value = lossValue('mse', Float32Array.of(0.1), Float32Array.of(0), 0, 1);
    assert.equal(value, Math.fround(value));
    assertClose(value, 0.01, 1e-7, 0);
  });

  test('an element loss beyond the float32 range is infinite, as in Keras', () => {
    // e = 1e20: e² = 1e40 > 3.4e38 overflows float32 even though the mean over two elements
    // would fit in float64.
    const p = Float32Array.of(1e20, 0);
    const t = Float32Array.of(0, 0);
    const g = new Float32Array(2);
    assert.equal(lossValue('mse', p, t, 0, 2), Infinity);
    assert.equal(lossAndGradient('mse', p, t, 0, 2, g), Infinity);
    // The gradient itself, 2e/(B·d) = 1e20, is still finite.
    assert.equal(g[0], Math.fround(1e20));
    // A float32 sum overflows too: two |e| = 2e38 elements sum past 3.4e38.
    assert.equal(lossValue('mae', Float32Array.of(2e38, 2e38), t, 0, 2), Infinity);
    assert.equal(lossValue('huber', Float32Array.of(2e38, 2e38), t, 0, 2), Infinity);
  });

  test('the loss names are mae, mse and huber', () => {
    assert.deepEqual([...LOSSES], ['mae', 'mse', 'huber', 'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy']);
    assert.ok(isLoss('huber'));
    assert.ok(!isLoss('mean_squared_error'));
  });
});

describe('the losses against real Keras, bit for bit', () => {
  // Keras 3.15.1 on TensorFlow 2.21.0, a batch of 3 samples with 2 outputs each:
  //   yp = tf.Variable(np.array([[0.3, -1.7], [2.25, 0.1], [-0.4, 0.05]], np.float32))
  //   yt = np.array([[0.1, 0.2], [0.5, 0.1], [1.0, -0.3]], np.float32)
  //   with tf.GradientTape() as t: l = keras.losses.MeanAbsoluteError()(yt, yp)   # and mse, Huber()
  //   repr(float(l)), t.gradient(l, yp)
  // Keras's gradient at e = 0 is -0.0 for mae and mse; it is compared as 0 here.
  const predicted = Float32Array.from([0.3, -1.7, 2.25, 0.1, -0.4, 0.05]);
  const target = Float32Array.from([0.1, 0.2, 0.5, 0.1, 1.0, -0.3]);
  const keras: [LossName, number, number[]][] = [
    ['mae', 0.9333333969116211, [0.1666666716337204, -0.1666666716337204, 0.1666666716337204, 0, -0.1666666716337204, 0.1666666716337204]],
    ['mse', 1.465833306312561, [0.06666667759418488, -0.6333333849906921, 0.5833333730697632, 0, -0.46666666865348816, 0.11666667461395264]],
    ['huber', 0.6052083373069763, [0.03333333879709244, -0.1666666716337204, 0.1666666716337204, 0, -0.1666666716337204, 0.05833333730697632]],
  ];
  for (const [name, value, gradient] of keras) {
    test(`${name}: the loss and its gradient are Keras's float32 values exactly`, () => {
      const g = new Float32Array(6);
      assert.equal(lossAndGradient(name, predicted, target, 0, 6, g, 2), value);
      assert.equal(lossValue(name, predicted, target, 0, 6, 2), value);
      assert.deepEqual(Array.from(g, (v) => v + 0), gradient);
    });
  }
});

describe('crossentropy and accuracy on hand-worked rows', () => {
  test('softmax crossentropy from logits [0, ln 2, ln 3] of class 2 is ln 6 − ln 3 = ln 2, gradient (softmax − onehot)/B', async () => {
    const { crossentropyInto } = await import('../../src/core/crossentropy.js');
    const z = Float32Array.of(0, Math.LN2, Math.log(3));
    const g = new Float32Array(3);
    const out = new Float64Array(1);
    crossentropyInto('sparse_categorical_crossentropy', true, z, Float32Array.of(2), 0, 1, 3, g, out);
    assertClose(out[0], Math.LN2, 1e-6, 0);
    assertAllClose(g, [1 / 6, 2 / 6, 3 / 6 - 1], 1e-6, 1e-7);
    crossentropyInto('categorical_crossentropy', true, z, Float32Array.of(0, 0, 1), 0, 1, 3, g, out);
    assertClose(out[0], Math.LN2, 1e-6, 0);
  });
  test('probabilities are clipped at 1e-7: a zero probability for the true class costs −ln 1e-7 and passes no gradient', async () => {
    const { crossentropyInto } = await import('../../src/core/crossentropy.js');
    const g = new Float32Array(2);
    const out = new Float64Array(1);
    crossentropyInto('binary_crossentropy', false, Float32Array.of(0, 0.5), Float32Array.of(1, 1), 0, 1, 2, g, out);
    assertClose(out[0], (-Math.log(Math.fround(1e-7)) + Math.LN2) / 2, 1e-6, 0);
    assert.equal(g[0], 0);
    assertClose(g[1], -1 / 2 / 0.5, 1e-6, 0);
  });
  test('accuracy resolves by shapes as Keras compile does, and sums whole samples', async () => {
    const { resolveMetric, metricSum } = await import('../../src/core/metrics.js');
    assert.equal(resolveMetric('accuracy', 1, 1).kind, 'binary_accuracy');
    assert.equal(resolveMetric('accuracy', 3, 1).kind, 'sparse_categorical_accuracy');
    assert.equal(resolveMetric('accuracy', 3, 3).kind, 'categorical_accuracy');
    const out = new Float64Array(1);
    // Rows argmax 1, 0 (tie: the first), 2 against labels 1, 1, 2.
    metricSum('sparse_categorical_accuracy', Float32Array.of(0.1, 0.8, 0.1, 0.4, 0.4, 0.2, 0, 0.1, 0.9), Float32Array.of(1, 1, 2), 0, 3, 3, 1, out, 0);
    assert.equal(out[0], 2);
    metricSum('binary_accuracy', Float32Array.of(0.5, 0.51, 0.2), Float32Array.of(1, 1, 0), 0, 3, 1, 1, out, 0);
    assert.equal(out[0], 2);
  });
});
