/**
 * batchsim against TensorFlow.js 4.22 (pure JS cpu backend) as an independent implementation of
 * Keras's fit loop: the same model, initial weights, data, optimizer and loss go through both,
 * without shuffling, and the per-epoch loss, val_loss and final weights must agree within a
 * relative 5e-5 (plus a small absolute floor for values near 0).
 *
 * Known, documented differences:
 * - TF.js's Adam adds ε to the bias-corrected sqrt(v̂); Keras (and batchsim) add ε to the
 *   uncorrected sqrt(v) ("epsilon hat"). Each step differs by a relative ~3e-6/|g|, which is
 *   negligible for large gradients (the reference runs) but reaches percents for a hidden unit
 *   whose gradient is ~1e-4. So the other Adam cases train batchsim twice: once with an
 *   optimizer written here in TF.js's form, which must agree within the usual tolerance (this
 *   checks the model, the loss and the fit loop), and once with batchsim's own Adam, which must
 *   agree within 1% (its exact arithmetic is checked bit for bit against Keras in
 *   test/core/optimizers.test.ts and over whole runs in test/oracle/keras.test.ts).
 * - batchsim now follows Keras 3's float32 arithmetic, scalars included; TF.js computes some
 *   scalars differently, a few float32 ulps per step. The tolerances above already cover that,
 *   so they are unchanged: Keras, not TF.js, is the reference held to 1e-5.
 * - TF.js differentiates |e| at e = 0 as −1 (Keras: 0); random data never lands on e = 0.
 */
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Sequential, type KerasWeights, type ModelSpec } from '../../src/core/model.js';
import {
  createOptimizer,
  optimizerConfig,
  type AdamConfig,
  type Optimizer,
  type OptimizerConfig,
} from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import type { RegressionLossName as LossName } from '../../src/core/loss.js';
import { sampleDataset, type Dataset } from '../../src/training/dataset.js';
import { fit } from '../../src/training/fit.js';
import { assertAllClose, flattenWeights, testValues } from '../core/reference.js';

const REL = 5e-5;
const ABS = 1e-6;

interface OracleCase {
  readonly spec: ModelSpec;
  readonly loss: LossName;
  readonly optimizer: OptimizerConfig;
  readonly data: Dataset;
  readonly batchSize: number;
  readonly epochs: number;
  readonly validationSplit?: number;
  /** Initial weights; glorot from this seed when not given. */
  readonly initSeed?: number;
  readonly weights?: KerasWeights;
  /** Adam only: also train with TF.js's ε placement and hold batchsim's own Adam to 1%. */
  readonly adamAsTfjs?: boolean;
}

interface Outcome {
  loss: number[];
  valLoss?: number[];
  weights: number[];
}

const stacks = {
  linear: { inputSize: 1, layers: [{ units: 1, activation: 'linear' }] },
  relu: {
    inputSize: 3,
    layers: [
      { units: 8, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
  },
  tanhSigmoid: {
    inputSize: 2,
    layers: [
      { units: 4, activation: 'tanh' },
      { units: 3, activation: 'sigmoid' },
      { units: 2, activation: 'linear' },
    ],
  },
} satisfies Record<string, ModelSpec>;

/** Inputs in [−2, 2]; targets a smooth function of them plus noise, spread over [−3, 3]. */
function makeData(spec: ModelSpec, n: number, seed: number): Dataset {
  const features = spec.inputSize;
  const outputs = spec.layers.at(-1)!.units;
  const x = testValues(seed, n * features, -2, 2);
  const noise = testValues(seed + 1, n * outputs, -1, 1);
  const y: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < outputs; j++) {
      let s = 0;
      for (let i = 0; i < features; i++) s += x[r * features + i] * (j % 2 === 0 ? 0.8 : -0.6) * (i + 1);
      y.push(Math.tanh(s) * 2 + noise[r * outputs + j]);
    }
  }
  return { x: Float32Array.from(x), y: Float32Array.from(y), samples: n, features, outputs };
}

/**
 * Adam as TF.js 4.22 writes it (tfjs-core adam_optimizer.ts): ε is added to the bias-corrected
 * root, θ ← θ − lr·m̂/(sqrt(v̂) + ε) with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t).
 */
function tfjsFormAdam(config: AdamConfig, size: number): Optimizer {
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon } = config;
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  let t = 0;
  return {
    config,
    // Fixed: this comparison runs no schedule.
    rate: Float32Array.of(lr),
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      for (let i = 0; i < grads.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * grads[i];
        v[i] = b2 * v[i] + (1 - b2) * grads[i] * grads[i];
        params[i] -= (lr * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + epsilon);
      }
    },
  };
}

async function runBatchsim(c: OracleCase, initial: KerasWeights, tfjsForm = false): Promise<Outcome> {
  const model = new Sequential(c.spec);
  model.setWeights(initial);
  const optimizer =
    tfjsForm && c.optimizer.name === 'adam'
      ? tfjsFormAdam(c.optimizer, model.params.length)
      : createOptimizer(c.optimizer, model.params.length);
  const result = await fit(model, optimizer, c.data, {
    batchSize: c.batchSize,
    epochs: c.epochs,
    loss: c.loss,
    shuffle: false,
    seed: 0,
    validationSplit: c.validationSplit,
  });
  return { loss: result.history.loss, valLoss: result.history.val_loss, weights: Array.from(model.params) };
}

function tfOptimizer(config: OptimizerConfig): tf.Optimizer {
  switch (config.name) {
    case 'adam':
      return tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon);
    case 'sgd':
      return config.momentum === 0
        ? tf.train.sgd(config.learningRate)
        : tf.train.momentum(config.learningRate, config.momentum, config.nesterov);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate, config.rho, config.momentum, config.epsilon, false);
  }
}

function tfLoss(loss: LossName): string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) {
  switch (loss) {
    case 'mae':
      return 'meanAbsoluteError';
    case 'mse':
      return 'meanSquaredError';
    case 'huber':
      // Delta 1, mean over every element (SUM_BY_NONZERO_WEIGHTS without weights), which is
      // Keras's mean over outputs then batch when every sample has the same outputs.
      return (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred);
  }
}

async function runTfjs(c: OracleCase, initial: KerasWeights): Promise<Outcome> {
  const model = tf.sequential();
  c.spec.layers.forEach((layer, l) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        kernelInitializer: 'zeros',
        ...(l === 0 ? { inputShape: [c.spec.inputSize] } : {}),
      }),
    );
  });
  model.setWeights(
    initial.map((w, k) => (k % 2 === 0 ? tf.tensor2d(w as number[][]) : tf.tensor1d(w as number[]))),
  );
  model.compile({ optimizer: tfOptimizer(c.optimizer), loss: tfLoss(c.loss) });
  const x = tf.tensor2d(c.data.x, [c.data.samples, c.data.features]);
  const y = tf.tensor2d(c.data.y, [c.data.samples, c.data.outputs]);
  const history = await model.fit(x, y, {
    batchSize: c.batchSize,
    epochs: c.epochs,
    shuffle: false,
    verbose: 0,
    ...(c.validationSplit ? { validationSplit: c.validationSplit } : {}),
  });
  const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  x.dispose();
  y.dispose();
  model.dispose();
  return {
    loss: history.history.loss as number[],
    valLoss: history.history.val_loss as number[] | undefined,
    weights,
  };
}

function initialWeights(c: OracleCase): KerasWeights {
  if (c.weights) return c.weights;
  const model = new Sequential(c.spec);
  model.initialize(createRandom(c.initSeed ?? 1, 'init'));
  return model.getWeights();
}

function assertAgree(ours: Outcome, theirs: Outcome, rel: number, abs: number, validation: boolean): void {
  assertAllClose(ours.loss, theirs.loss, rel, abs, 'loss');
  if (validation) {
    if (!ours.valLoss || !theirs.valLoss) throw new Error('missing val_loss');
    assertAllClose(ours.valLoss, theirs.valLoss, rel, abs, 'val_loss');
  } else if (ours.valLoss || theirs.valLoss) {
    throw new Error('unexpected val_loss');
  }
  assertAllClose(ours.weights, theirs.weights, rel, abs, 'weights');
}

async function compare(c: OracleCase): Promise<void> {
  const initial = initialWeights(c);
  const theirs = await runTfjs(c, initial);
  const ours = await runBatchsim(c, initial);
  const validation = Boolean(c.validationSplit);
  if (c.adamAsTfjs) {
    assertAgree(await runBatchsim(c, initial, true), theirs, REL, ABS, validation);
    assertAgree(ours, theirs, 1e-2, 1e-4, validation);
  } else {
    assertAgree(ours, theirs, REL, ABS, validation);
  }
  // Training must have moved the weights, or agreeing on them would prove little.
  const start = flattenWeights(initial);
  if (ours.weights.every((w, i) => Math.abs(w - start[i]) < 1e-4)) throw new Error('the weights barely moved');
}

before(async () => {
  tf.enableProdMode(); // no "install tfjs-node" banner, no debug checks
  await tf.setBackend('cpu');
  await tf.ready();
});

after(() => {
  tf.disposeVariables();
});

describe('batchsim matches TensorFlow.js', () => {
  test('the reference run: x = y = 1..6, Dense(1) from W 0.5, mae, adam, batch 3, 10 epochs', async () => {
    await compare({
      spec: stacks.linear,
      loss: 'mae',
      optimizer: optimizerConfig('adam'),
      data: sampleDataset(),
      batchSize: 3,
      epochs: 10,
      weights: [[[0.5]], [0]],
    });
  });

  test('the reference run with batch 4 (uneven batches, weighted running mean)', async () => {
    await compare({
      spec: stacks.linear,
      loss: 'mae',
      optimizer: optimizerConfig('adam'),
      data: sampleDataset(),
      batchSize: 4,
      epochs: 10,
      weights: [[[0.5]], [0]],
    });
  });

  const optimizers: Array<[string, OptimizerConfig]> = [
    ['adam', optimizerConfig('adam', { learningRate: 0.01 })],
    ['sgd', optimizerConfig('sgd', { learningRate: 0.05 })],
    ['sgd with momentum', optimizerConfig('sgd', { learningRate: 0.02, momentum: 0.9 })],
    ['sgd with nesterov momentum', optimizerConfig('sgd', { learningRate: 0.02, momentum: 0.9, nesterov: true })],
    ['rmsprop', optimizerConfig('rmsprop', { learningRate: 0.005 })],
    ['rmsprop with momentum', optimizerConfig('rmsprop', { learningRate: 0.002, momentum: 0.5 })],
  ];
  // Data shapes cycled through the cases: [samples, batch size, validation split]
  const shapes: Array<[number, number, number | undefined]> = [
    [7, 3, undefined],
    [10, 4, undefined],
    [12, 4, 0.25],
    [10, 4, 0.25],
    [9, 9, undefined],
    [16, 5, 0.25],
  ];
  const stackNames = Object.keys(stacks) as Array<keyof typeof stacks>;
  const losses = ['mae', 'mse', 'huber'] as const;
  losses.forEach((loss, i) => {
    optimizers.forEach(([optimizerName, optimizer], j) => {
      // Rotate stacks and shapes so every optimizer meets every stack across the losses.
      const stackName = stackNames[(i + j) % stackNames.length];
      const [n, batchSize, validationSplit] = shapes[(2 * i + j) % shapes.length];
      const seed = 100 + 10 * i + j;
      const split = validationSplit ? `, validation split ${validationSplit}` : '';
      const form = optimizer.name === 'adam' ? " (and with TF.js's ε placement)" : '';
      test(`${loss} with ${optimizerName} on the ${stackName} stack, n=${n} in batches of ${batchSize}${split}${form}`, async () => {
        const spec = stacks[stackName];
        await compare({
          spec,
          loss,
          optimizer,
          data: makeData(spec, n, seed),
          batchSize,
          epochs: 8,
          validationSplit,
          initSeed: seed,
          adamAsTfjs: optimizer.name === 'adam',
        });
      });
    });
  });
});
