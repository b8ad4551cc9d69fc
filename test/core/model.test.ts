/**
 * The model's forward pass, parameter layout, initialisation and evaluation, on numbers small
 * enough to check by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS, activate, backpropActivation, isActivation } from '../../src/core/activations.js';
import { Sequential, parameterCount, type ModelSpec } from '../../src/core/model.js';
import { createRandom } from '../../src/core/random.js';
import { assertAllClose, assertClose, referenceLoss, testValues } from './reference.js';

describe('activations', () => {
  test('each activation maps -2, 0, 0.5 as its formula says', () => {
    const at = (name: (typeof ACTIVATIONS)[number]) => {
      const v = Float32Array.of(-2, 0, 0.5);
      activate(name, v, 3);
      return Array.from(v);
    };
    assert.deepEqual(at('linear'), [-2, 0, 0.5]);
    assert.deepEqual(at('relu'), [0, 0, 0.5]);
    assertAllClose(at('tanh'), [Math.tanh(-2), 0, Math.tanh(0.5)], 1e-7, 0);
    assertAllClose(at('sigmoid'), [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.5))], 1e-7, 0);
  });

  test("relu's derivative at exactly 0 is 0, as in TensorFlow", () => {
    const output = Float32Array.of(0, 0.5);
    const delta = Float32Array.of(3, 3);
    backpropActivation('relu', output, delta, 2);
    assert.deepEqual(Array.from(delta), [0, 3]);
  });

  test('derivatives are written in terms of the output: 1 − y² for tanh and y(1 − y) for sigmoid', () => {
    const y = Float32Array.of(0.5);
    const d = Float32Array.of(2);
    backpropActivation('tanh', y, d, 1);
    assert.equal(d[0], 2 * 0.75);
    d[0] = 2;
    backpropActivation('sigmoid', y, d, 1);
    assert.equal(d[0], 2 * 0.25);
  });

  test('only the first count values are touched', () => {
    const v = Float32Array.of(-1, -1);
    activate('relu', v, 1);
    assert.deepEqual(Array.from(v), [0, -1]);
  });

  test('the activation names are linear, relu, tanh, sigmoid and softmax', () => {
    assert.deepEqual([...ACTIVATIONS], ['linear', 'relu', 'tanh', 'sigmoid', 'softmax']);
    assert.ok(isActivation('tanh'));
    assert.ok(!isActivation('elu'));
  });
});

describe('forward pass and parameter layout', () => {
  const twoLayers: ModelSpec = {
    inputSize: 2,
    layers: [
      { units: 3, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
  };

  test('parameters are laid out as [W0, b0, W1, b1] with W row-major [in][units]', () => {
    const model = new Sequential(twoLayers);
    assert.equal(parameterCount(twoLayers), 2 * 3 + 3 + 3 * 1 + 1);
    assert.equal(model.params.length, 13);
    assert.equal(model.grads.length, 13);
    model.setWeights([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [0.5, -1, 0],
      [[1], [-1], [0.5]],
      [0.25],
    ]);
    assert.deepEqual(Array.from(model.params), [1, 2, 3, 4, 5, 6, 0.5, -1, 0, 1, -1, 0.5, 0.25]);
    assert.deepEqual(model.getWeights(), [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [0.5, -1, 0],
      [[1], [-1], [0.5]],
      [0.25],
    ]);
  });

  test('a two-layer forward pass matches the arithmetic done by hand', () => {
    const model = new Sequential(twoLayers, 2);
    model.params.set([1, 2, 3, 4, 5, 6, 0.5, -1, 0, 1, -1, 0.5, 0.25]);
    // x0 = [1, 2]:  z = [1 + 8 + 0.5, 2 + 10 − 1, 3 + 12] = [9.5, 11, 15] → relu same
    //               out = 9.5 − 11 + 7.5 + 0.25 = 6.25
    // x1 = [−1, 0]: z = [−1 + 0.5, −2 − 1, −3] = [−0.5, −3, −3] → relu [0, 0, 0]; out = 0.25
    const out = model.forward(Float32Array.of(1, 2, -1, 0), 0, 2);
    assert.deepEqual(Array.from(out.subarray(0, 2)), [6.25, 0.25]);
    // Starting at row 1 gives row 1's prediction first.
    assert.equal(model.forward(Float32Array.of(1, 2, -1, 0), 1, 1)[0], 0.25);
    assert.equal(model.outputSize, 1);
  });

  test('forward and backward passes reuse the buffers allocated up front', () => {
    const model = new Sequential(twoLayers, 4);
    const x = Float32Array.from(testValues(3, 8, -1, 1));
    const y = Float32Array.from(testValues(4, 4, -1, 1));
    const first = model.forward(x, 0, 4);
    const grads = model.grads;
    model.lossAndGradients('mse', x, y, 0, 4);
    assert.equal(model.forward(x, 1, 2), first);
    assert.equal(model.grads, grads);
  });

  test('a model with no layers is rejected', () => {
    assert.throws(() => new Sequential({ inputSize: 1, layers: [] }), RangeError);
  });

  test('reserve only ever grows the row capacity', () => {
    const model = new Sequential(twoLayers, 4);
    assert.equal(model.maxRows, 4);
    model.reserve(2);
    assert.equal(model.maxRows, 4);
    model.reserve(9);
    assert.equal(model.maxRows, 9);
    assert.equal(model.forward(new Float32Array(18), 0, 9).length, 9);
  });
});

describe('initialisation', () => {
  const spec: ModelSpec = {
    inputSize: 4,
    layers: [
      { units: 8, activation: 'tanh' },
      { units: 2, activation: 'linear' },
    ],
  };

  test('kernels are glorot-uniform within ±sqrt(6/(in + units)) and biases are zero', () => {
    const model = new Sequential({ inputSize: 30, layers: [{ units: 20, activation: 'relu' }, { units: 10, activation: 'linear' }] });
    model.initialize(createRandom(1, 'init'));
    const [w0, b0, w1, b1] = model.getWeights() as [number[][], number[], number[][], number[]];
    const check = (kernel: number[][], limit: number) => {
      const flat = kernel.flat();
      assert.ok(flat.every((v) => Math.abs(v) <= limit));
      // Spread over the interval: the extremes come near both ends and the mean is near 0.
      assert.ok(Math.max(...flat) > 0.9 * limit && Math.min(...flat) < -0.9 * limit);
      assert.ok(Math.abs(flat.reduce((a, b) => a + b, 0) / flat.length) < 0.1 * limit);
    };
    check(w0, Math.sqrt(6 / 50));
    check(w1, Math.sqrt(6 / 30));
    assert.ok(b0.every((v) => v === 0) && b1.every((v) => v === 0));
  });

  test('a Dense(1) on one feature draws its kernel within ±1.732', () => {
    for (let seed = 0; seed < 20; seed++) {
      const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
      model.initialize(createRandom(seed, 'init'));
      assert.ok(Math.abs(model.params[0]) <= Math.sqrt(3));
    }
  });

  test('the same seed gives the same weights, a different seed different ones', () => {
    const init = (seed: number) => {
      const model = new Sequential(spec);
      model.initialize(createRandom(seed, 'init'));
      return Array.from(model.params);
    };
    assert.deepEqual(init(7), init(7));
    assert.notDeepEqual(init(7), init(8));
  });

  test('initialising resets biases that were set before', () => {
    const model = new Sequential(spec);
    model.params.fill(3);
    model.initialize(createRandom(1, 'init'));
    assert.deepEqual(model.getWeights()[1], new Array(8).fill(0));
  });
});

describe('evaluate', () => {
  const spec: ModelSpec = { inputSize: 1, layers: [{ units: 1, activation: 'linear' }] };

  test('the loss over uneven chunks is weighted by chunk size', () => {
    // W = 0.5, b = 0 on x = y = 1..5: |e| = 0.5, 1, 1.5, 2, 2.5 → mae 1.5 whatever the chunking
    // (chunks of 2: 0.75·2 + 1.75·2 + 2.5·1 = 7.5, /5 = 1.5; a plain mean of chunk means
    //  would give 5/3).
    const model = new Sequential(spec);
    model.setWeights([[[0.5]], [0]]);
    const xy = Float32Array.of(1, 2, 3, 4, 5);
    for (const batch of [1, 2, 3, 5, 32]) assertClose(model.evaluate('mae', xy, xy, 0, 5, batch), 1.5, 1e-7, 0, `batch ${batch}`);
  });

  test('evaluation over a later range of rows uses only those rows', () => {
    const model = new Sequential({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'linear' }] });
    model.params.set(testValues(5, model.params.length, -1, 1));
    const x = Float32Array.from(testValues(6, 20, -2, 2));
    const y = Float32Array.from(testValues(7, 20, -1, 1));
    const expected = referenceLoss(model.spec, model.params, 'huber', x, y, 6, 4);
    assertClose(model.evaluate('huber', x, y, 6, 4, 3), expected, 1e-6, 1e-7);
  });
});
