/**
 * The WebAssembly SIMD kernels (src/core/kernels-wasm.ts) give the bits of the JavaScript kernels
 * (src/core/dense.ts, Adam in src/core/optimizers.ts): the same gradients, losses and updates for
 * every layer shape, activation and loss, so a run's numbers do not depend on which path runs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ACTIVATIONS } from '../../src/core/activations.js';
import { wasmKernelsModule } from '../../src/core/kernels-wasm.js';
import { CROSSENTROPY_LOSSES, REGRESSION_LOSSES } from '../../src/core/loss.js';
import { kernelPathFor, Sequential, type ModelSpec } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import { fit } from '../../src/training/fit.js';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} is ${a[i]} in JavaScript and ${b[i]} in WebAssembly`);
  }
};

const SHAPES: Array<[number, number[]]> = [
  [8, [32, 1]],
  [64, [32, 10]],
  [3, [5, 7, 2]],
  [1, [2]],
  [3, [1]],
  [5, [3, 1]],
  [4, [9, 1, 3]],
  [17, [11, 4]],
];

describe('WebAssembly SIMD kernels', () => {
  test('this Node runs them', () => {
    assert.notEqual(wasmKernelsModule(), null);
  });

  test('a model with more than one unit in some layer picks them; single-unit stacks stay in JavaScript', () => {
    assert.equal(kernelPathFor({ inputSize: 8, layers: [{ units: 32, activation: 'relu' }, { units: 1, activation: 'linear' }] }), 'wasm-simd');
    assert.equal(kernelPathFor({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] }), 'js');
    assert.equal(new Sequential({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }] }).kernels, 'wasm-simd');
    assert.equal(new Sequential({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }] }, 1, { kernels: 'js' }).kernels, 'js');
  });

  test('forward pass, loss and every gradient: the same bits as JavaScript', () => {
    let checked = 0;
    for (const [inputs, units] of SHAPES) {
      for (const activation of ACTIVATIONS) {
        for (const rows of [1, 2, 3, 5, 8, 33]) {
          const spec: ModelSpec = { inputSize: inputs, layers: units.map((u, i) => ({ units: u, activation: i === units.length - 1 ? 'linear' : activation })) };
          const js = new Sequential(spec, rows, { kernels: 'js' });
          const wasm = new Sequential(spec, rows, { kernels: 'wasm-simd' });
          js.initialize(createRandom(rows, 'init'));
          wasm.params.set(js.params);
          const random = createRandom(inputs * 100 + rows, 'data');
          const outputs = units[units.length - 1];
          // Values around relu's kink too: exact zeros, −0 and NaN-free extremes.
          const x = new Float32Array((rows + 1) * inputs).map((_, k) => (k % 11 === 0 ? 0 : k % 13 === 0 ? -0 : random.nextNormal() * 3));
          const y = new Float32Array((rows + 1) * outputs).map(() => random.nextNormal());
          for (const loss of REGRESSION_LOSSES) {
            js.computeGradients(loss, x, y, 1, rows);
            wasm.computeGradients(loss, x, y, 1, rows);
            const what = `${inputs} → ${units.join(' → ')} (${activation}), ${rows} rows, ${loss}`;
            sameBits(js.grads, wasm.grads, `${what}: gradients`);
            sameBits(js.batchLoss, wasm.batchLoss, `${what}: loss`);
            sameBits(js.forward(x, 0, rows), wasm.forward(x, 0, rows), `${what}: predictions`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 500, `${checked} cases`);
  });

  test('classifiers: softmax and sigmoid outputs under each crossentropy, from the logits, the same bits as JavaScript', () => {
    let checked = 0;
    for (const [inputs, hidden, classes] of [
      [4, 8, 3],
      [64, 32, 10],
      [5, 7, 1],
      [3, 6, 2],
    ]) {
      for (const output of ['softmax', 'sigmoid', 'linear'] as const) {
        for (const loss of CROSSENTROPY_LOSSES) {
          for (const rows of [1, 2, 5, 32]) {
            const spec: ModelSpec = { inputSize: inputs, layers: [{ units: hidden, activation: 'relu' }, { units: classes, activation: output }] };
            const js = new Sequential(spec, rows, { kernels: 'js' });
            const wasm = new Sequential(spec, rows, { kernels: 'wasm-simd' });
            js.initialize(createRandom(rows + classes, 'init'));
            wasm.params.set(js.params);
            const random = createRandom(inputs * 10 + rows, 'data');
            const x = new Float32Array(rows * inputs).map(() => random.nextNormal());
            const sparse = loss === 'sparse_categorical_crossentropy';
            const y = new Float32Array(rows * (sparse ? 1 : classes));
            for (let r = 0; r < rows; r++) {
              const label = random.nextInt(classes);
              if (sparse) y[r] = label;
              else if (loss === 'categorical_crossentropy') y[r * classes + label] = 1;
              else for (let j = 0; j < classes; j++) y[r * classes + j] = random.nextInt(2);
            }
            js.computeGradients(loss, x, y, 0, rows);
            wasm.computeGradients(loss, x, y, 0, rows);
            const what = `${inputs} → ${hidden} → ${classes} ${output}, ${loss}, ${rows} rows`;
            sameBits(js.grads, wasm.grads, `${what}: gradients`);
            sameBits(js.batchLoss, wasm.batchLoss, `${what}: loss`);
            assert.ok(Number.isFinite(js.batchLoss[0]), `${what}: a finite loss`);
            checked++;
          }
        }
      }
    }
    assert.equal(checked, 4 * 3 * 3 * 4);
  });

  test("Adam's update: the same bits as JavaScript over many steps, zero gradients included", () => {
    for (const size of [4, 5, 7, 321, 1001]) {
      const random = createRandom(size, 'data');
      const js = new Float32Array(size).map(() => random.nextNormal());
      const wasm = js.slice();
      const a = createOptimizer(optimizerConfig('adam', { learningRate: 0.01 }), size, 'js');
      const b = createOptimizer(optimizerConfig('adam', { learningRate: 0.01 }), size, 'wasm-simd');
      const grads = new Float32Array(size);
      for (let t = 0; t < 400; t++) {
        for (let i = 0; i < size; i++) grads[i] = t % 7 === 0 ? 0 : random.nextNormal() * 10 ** -(t % 5);
        a.step(js, grads);
        b.step(wasm, grads);
      }
      sameBits(js, wasm, `Adam on ${size} parameters`);
    }
  });

  test('a shuffled run with a validation split: the same history and weights either way', async () => {
    const spec: ModelSpec = { inputSize: 6, layers: [{ units: 16, activation: 'relu' }, { units: 8, activation: 'tanh' }, { units: 3, activation: 'linear' }] };
    const random = createRandom(9, 'data');
    const samples = 203;
    const data = { samples, features: 6, outputs: 3, x: new Float32Array(samples * 6).map(() => random.nextNormal()), y: new Float32Array(samples * 3).map(() => random.nextNormal()) };
    const train = async (kernels: 'js' | 'wasm-simd') => {
      const model = new Sequential(spec, 1, { kernels });
      model.initialize(createRandom(42, 'init'));
      const result = await fit(model, createOptimizer(optimizerConfig('adam'), model.params.length, kernels), data, {
        batchSize: 7,
        epochs: 4,
        loss: 'huber',
        shuffle: true,
        seed: 42,
        validationSplit: 0.2,
      });
      return { history: result.history, params: model.params };
    };
    const js = await train('js');
    const wasm = await train('wasm-simd');
    sameBits(js.history.loss, wasm.history.loss, 'loss');
    sameBits(js.history.val_loss!, wasm.history.val_loss!, 'val_loss');
    sameBits(js.params, wasm.params, 'weights');
  });

  test('src/core/kernels-wasm-module.ts is what scripts/build-wasm.mjs writes', () => {
    const script = fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url));
    execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  });
});
