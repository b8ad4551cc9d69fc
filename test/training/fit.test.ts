/**
 * The fit loop against Keras's `model.fit` (keras/src/backend/tensorflow/trainer.py and
 * keras/src/trainers/epoch_iterator.py) and TensorFlow.js 4.22 reference numbers, worked out by
 * hand in the comments below: batch losses taken before each update, the
 * size-weighted running mean, validation on the last samples at end-of-epoch weights, seeded
 * shuffling, early stops after the current batch, and a per-step path that reuses its objects.
 *
 * Where a number is not from the reference, it is recomputed independently with the float64
 * model in test/core/reference.ts from a snapshot of the parameters.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, type ModelSpec } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig, type OptimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import type { LossName } from '../../src/core/loss.js';
import { identityOrder, shuffleInPlace } from '../../src/training/batcher.js';
import { sampleDataset, sliceRows, type Dataset } from '../../src/training/dataset.js';
import {
  FitError,
  fit,
  type BatchLogs,
  type FitCallback,
  type FitOptions,
} from '../../src/training/fit.js';
import { terminateOnNaN } from '../../src/training/invalid-loss.js';
import { assertAllClose, assertClose, referenceLoss, testValues } from '../core/reference.js';

const oneByOne: ModelSpec = { inputSize: 1, layers: [{ units: 1, activation: 'linear' }] };
const small: ModelSpec = {
  inputSize: 2,
  layers: [
    { units: 4, activation: 'tanh' },
    { units: 2, activation: 'linear' },
  ],
};

/** Dense(1) with kernel [[0.5]] and bias [0], the reference's starting point. */
function referenceModel(): Sequential {
  const model = new Sequential(oneByOne);
  model.setWeights([[[0.5]], [0]]);
  return model;
}

function modelWith(spec: ModelSpec, seed: number): Sequential {
  const model = new Sequential(spec);
  model.initialize(createRandom(seed, 'init'));
  return model;
}

function optimizerFor(model: Sequential, config: OptimizerConfig = optimizerConfig('adam')) {
  return createOptimizer(config, model.params.length);
}

function options(overrides: Partial<FitOptions> = {}): FitOptions {
  return { batchSize: 32, epochs: 1, loss: 'mae', shuffle: false, seed: 1, ...overrides };
}

function dataset(n: number, features: number, outputs: number, seed: number): Dataset {
  return {
    x: Float32Array.from(testValues(seed, n * features, -2, 2)),
    y: Float32Array.from(testValues(seed + 1, n * outputs, -1, 1)),
    samples: n,
    features,
    outputs,
  };
}

interface Batch {
  epoch: number;
  batch: number;
  size: number;
  batchLoss: number;
  loss: number;
  /** Parameters the batch's loss was computed with (before its update). */
  paramsBefore: Float32Array;
}

/** Copies every batch's logs and the parameters they were computed with. */
function recorder(model: Sequential) {
  const batches: Batch[] = [];
  let epoch = -1;
  let before = model.params.slice();
  const callback: FitCallback = {
    onEpochBegin(e) {
      epoch = e;
    },
    onBatchEnd(logs) {
      batches.push({ epoch, ...logs, paramsBefore: before });
      before = model.params.slice();
    },
  };
  return { batches, callback };
}

describe('reference numbers from TensorFlow.js 4.22 (Dense(1), W 0.5, b 0, mae, Adam lr 0.001, no shuffle)', () => {
  test('batch 6 on the sample data: one step per epoch, losses 1.75 down to 1.7095, final W 0.51 and b 0.01', async () => {
    // x = y = 1..6. Every prediction falls short, so the gradients are constant (dW = −mean x =
    // −3.5, db = −1) and every Adam step moves W and b by lr = 0.001 (m̂/sqrt(v̂) = 1; ε changes it
    // by ~1e-6). After k steps W = 0.5 + 0.001k, b = 0.001k and
    //   loss = mean(x − W·x − b) = (0.5 − 0.001k)·3.5 − 0.001k = 1.75 − 0.0045k,
    // so epochs 1..10 log 1.75, 1.7455, …, 1.7095, and W ends at 0.51, b at 0.01.
    const model = referenceModel();
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 6, epochs: 10 }));
    assertAllClose(
      result.history.loss,
      [1.75, 1.7455, 1.741, 1.7365, 1.732, 1.7275, 1.723, 1.7185, 1.714, 1.7095],
      0,
      1e-5,
      'loss',
    );
    assertClose(model.params[0], 0.51, 0, 1e-5, 'W');
    assertClose(model.params[1], 0.01, 0, 1e-5, 'b');
    assert.equal(result.stepsPerEpoch, 1);
    assert.equal(result.updates, 10);
    assert.deepEqual(result.history.epoch, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('batch 3 on the sample data: batch losses 1.0 and 2.494, epoch losses 1.7470 … 1.67069, final W 0.518575 and b 0.02', async () => {
    const model = referenceModel();
    const { batches, callback } = recorder(model);
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 3, epochs: 10 }), [callback]);
    assertAllClose(
      result.history.loss,
      [1.747, 1.73845, 1.72999, 1.72153, 1.71305, 1.70458, 1.69611, 1.68763, 1.67916, 1.67069],
      0,
      1e-5,
      'loss',
    );
    // Epoch 1: W 0.5 on x = 1, 2, 3 → |e| = 0.5, 1, 1.5, mean 1.0. One Adam step moves W and b
    // by 0.001 each: on x = 4, 5, 6, |e| = 1.995, 2.494, 2.993, mean 2.494.
    assertAllClose(
      batches.slice(0, 2).map((b) => b.batchLoss),
      [1.0, 2.494],
      0,
      1e-6,
      'batch loss',
    );
    assertClose(model.params[0], 0.518575, 0, 2e-6, 'W');
    assertClose(model.params[1], 0.02, 0, 1e-5, 'b');
    assert.equal(result.updates, 20);
  });

  test('batch 4 on the sample data logs the size-weighted mean 1.747833, not the plain mean 1.99675', async () => {
    const model = referenceModel();
    const { batches, callback } = recorder(model);
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 4 }), [callback]);
    // batch 1: x = 1..4, |e| = 0.5, 1, 1.5, 2 → 1.25 (4 samples)
    // batch 2: W = 0.501, b = 0.001 on x = 5, 6 → |e| = 2.494, 2.993 → 2.7435 (2 samples)
    // logged: (1.25·4 + 2.7435·2)/6 = 10.487/6 = 1.747833; the plain mean would be 1.99675
    assert.deepEqual(
      batches.map((b) => b.size),
      [4, 2],
    );
    assertAllClose(
      batches.map((b) => b.batchLoss),
      [1.25, 2.7435],
      0,
      1e-6,
    );
    assertAllClose(
      batches.map((b) => b.loss),
      [1.25, 1.747833],
      0,
      1e-6,
      'running mean',
    );
    assertClose(result.history.loss[0], 1.747833, 0, 1e-6);
  });
});

describe('losses are recorded before each update', () => {
  test('with one step per epoch, the epoch loss is the loss at the weights the epoch started with', async () => {
    const model = modelWith(small, 3);
    const data = dataset(5, 2, 2, 30);
    const starts: Float32Array[] = [];
    const ends: Float32Array[] = [];
    const cb: FitCallback = {
      onEpochBegin: () => void starts.push(model.params.slice()),
      onEpochEnd: () => void ends.push(model.params.slice()),
    };
    const result = await fit(model, optimizerFor(model, optimizerConfig('sgd', { learningRate: 0.5 })), data, options({ batchSize: 8, epochs: 3, loss: 'mse' }), [cb]);
    for (let e = 0; e < 3; e++) {
      const atStart = referenceLoss(small, starts[e], 'mse', data.x, data.y, 0, 5);
      const atEnd = referenceLoss(small, ends[e], 'mse', data.x, data.y, 0, 5);
      assertClose(result.history.loss[e], atStart, 1e-6, 1e-7, `epoch ${e}`);
      // …and visibly not the loss after the update.
      assert.ok(Math.abs(result.history.loss[e] - atEnd) > 1e-3);
    }
  });

  test('every batch loss is the loss of its rows at the parameters before its update, and the logged loss their weighted mean', async () => {
    const model = modelWith(small, 4);
    const data = dataset(7, 2, 2, 40);
    const { batches, callback } = recorder(model);
    const optimizer = optimizerFor(model, optimizerConfig('rmsprop', { learningRate: 0.05 }));
    const result = await fit(model, optimizer, data, options({ batchSize: 3, epochs: 2, loss: 'huber' }), [callback]);
    assert.equal(batches.length, 6);
    for (const e of [0, 1]) {
      const epoch = batches.filter((b) => b.epoch === e);
      assert.deepEqual(
        epoch.map((b) => [b.batch, b.size]),
        [
          [0, 3],
          [1, 3],
          [2, 1],
        ],
      );
      let sum = 0;
      let seen = 0;
      for (const b of epoch) {
        const expected = referenceLoss(small, b.paramsBefore, 'huber', data.x, data.y, b.batch * 3, b.size);
        assertClose(b.batchLoss, expected, 1e-6, 1e-7, `epoch ${e} batch ${b.batch}`);
        // Keras's Mean tracker keeps a float32 total of L·n and divides by the float32 count.
        sum = Math.fround(sum + Math.fround(b.batchLoss * b.size));
        seen += b.size;
        assert.equal(b.loss, Math.fround(sum / seen), 'running mean');
      }
      assert.equal(result.history.loss[e], epoch.at(-1)!.loss);
    }
    assert.equal(result.updates, 6);
    assert.equal(optimizer.iterations, 6);
  });
});

describe('validation split', () => {
  test('val_loss is the loss over the last samples at the end-of-epoch weights', async () => {
    const model = modelWith(small, 5);
    const data = dataset(10, 2, 2, 50);
    const ends: Float32Array[] = [];
    const logged: number[] = [];
    const cb: FitCallback = {
      onEpochEnd(_e, logs) {
        ends.push(model.params.slice());
        logged.push(logs.val_loss!);
      },
    };
    const result = await fit(model, optimizerFor(model, optimizerConfig('adam', { learningRate: 0.05 })), data, options({ batchSize: 2, epochs: 3, validationSplit: 0.3, loss: 'mse' }), [cb]);
    // floor(10·0.7) = 7 training samples; rows 7, 8, 9 validate (in chunks of 2 and 1).
    assert.equal(result.trainSamples, 7);
    assert.equal(result.validationSamples, 3);
    assert.equal(result.stepsPerEpoch, 4);
    assert.deepEqual(result.history.val_loss, logged);
    for (let e = 0; e < 3; e++) {
      assertClose(logged[e], referenceLoss(small, ends[e], 'mse', data.x, data.y, 7, 3), 1e-6, 1e-7, `val_loss ${e}`);
    }
  });

  test('the validation rows are split off before shuffling and never trained on', async () => {
    // Training with a 0.25 split must be indistinguishable from training on the first 6 rows
    // alone, with the same seed, shuffling on.
    const data = dataset(8, 2, 2, 60);
    // Make the validation rows wild, so training on them would show.
    data.y.fill(50, 12);
    const run = async (d: Dataset, split?: number) => {
      const model = modelWith(small, 6);
      const result = await fit(model, optimizerFor(model), d, options({ batchSize: 4, epochs: 4, shuffle: true, seed: 9, validationSplit: split }));
      return { loss: result.history.loss, params: Array.from(model.params), val: result.history.val_loss };
    };
    const split = await run(data, 0.25);
    const firstSix = await run(sliceRows(data, 0, 6));
    assert.deepEqual(split.loss, firstSix.loss);
    assert.deepEqual(split.params, firstSix.params);
    assert.equal(firstSix.val, undefined);
    assert.ok(split.val!.every((v) => v > 10));
  });

  test('a split that leaves no training or no validation samples is an error', async () => {
    const model = referenceModel();
    await assert.rejects(fit(model, optimizerFor(model), sampleDataset(), options({ validationSplit: 1 })), FitError);
    await assert.rejects(fit(model, optimizerFor(model), sampleDataset(), options({ validationSplit: 0.9 })), FitError);
  });
});

describe('shuffling', () => {
  /**
   * Recovers each batch's rows from its loss. The model maps x to itself (identity kernel,
   * zero bias, lr 0 so it never changes); row i has x = [i+1, 0] and y = [0, −100(i+1)], so a
   * batch of one pairing x-row a with y-row b has mae ((a+1) + 100(b+1))/2.
   */
  async function observedOrders(n: number, epochs: number, seed: number, validationSplit?: number) {
    const spec: ModelSpec = { inputSize: 2, layers: [{ units: 2, activation: 'linear' }] };
    const model = new Sequential(spec);
    model.setWeights([
      [
        [1, 0],
        [0, 1],
      ],
      [0, 0],
    ]);
    const data: Dataset = {
      x: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 + 1 : 0)),
      y: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 1 ? -100 * ((k - 1) / 2 + 1) : 0)),
      samples: n,
      features: 2,
      outputs: 2,
    };
    const orders: number[][] = [];
    const cb: FitCallback = {
      onEpochBegin: () => void orders.push([]),
      onBatchEnd(logs) {
        const v = Math.round(2 * logs.batchLoss);
        const b = Math.floor(v / 100) - 1;
        const a = v - 100 * (b + 1) - 1;
        assert.equal(a, b, 'features and targets come from the same row');
        orders.at(-1)!.push(a);
      },
    };
    const sgd0 = createOptimizer(optimizerConfig('sgd', { learningRate: 0 }), model.params.length);
    await fit(model, sgd0, data, options({ batchSize: 1, epochs, shuffle: true, seed, validationSplit }), [cb]);
    return orders;
  }

  const expectedOrders = (n: number, epochs: number, seed: number) => {
    const random = createRandom(seed, 'shuffle');
    const order = identityOrder(new Uint32Array(n));
    return Array.from({ length: epochs }, () => Array.from(shuffleInPlace(order, random)));
  };

  test('each epoch visits every training sample once, in a fresh permutation', async () => {
    const orders = await observedOrders(8, 4, 3);
    for (const order of orders) {
      assert.deepEqual(
        [...order].sort((p, q) => p - q),
        [0, 1, 2, 3, 4, 5, 6, 7],
      );
    }
    assert.equal(new Set(orders.map((o) => o.join())).size, 4, 'four different permutations');
  });

  test("the permutations are drawn from the seed's shuffle stream, continuing from epoch to epoch", async () => {
    assert.deepEqual(await observedOrders(8, 3, 21), expectedOrders(8, 3, 21));
  });

  test('validation samples never enter the shuffled training order', async () => {
    const orders = await observedOrders(8, 3, 4, 0.25);
    for (const order of orders) {
      assert.deepEqual(
        [...order].sort((p, q) => p - q),
        [0, 1, 2, 3, 4, 5],
      );
    }
    assert.deepEqual(orders, expectedOrders(6, 3, 4));
  });

  test('shuffled batches of several rows gather matching features and targets', async () => {
    const model = modelWith(small, 7);
    const data = dataset(9, 2, 2, 70);
    const { batches, callback } = recorder(model);
    await fit(model, optimizerFor(model, optimizerConfig('sgd', { learningRate: 0.1, momentum: 0.9 })), data, options({ batchSize: 4, epochs: 2, shuffle: true, seed: 5, loss: 'mse' }), [callback]);
    const orders = expectedOrders(9, 2, 5);
    for (const b of batches) {
      const rows = orders[b.epoch].slice(b.batch * 4, b.batch * 4 + b.size);
      const x = rows.flatMap((r) => [data.x[2 * r], data.x[2 * r + 1]]);
      const y = rows.flatMap((r) => [data.y[2 * r], data.y[2 * r + 1]]);
      assertClose(b.batchLoss, referenceLoss(small, b.paramsBefore, 'mse', x, y, 0, b.size), 1e-6, 1e-7);
    }
    assert.deepEqual(
      batches.map((b) => b.size),
      [4, 4, 1, 4, 4, 1],
    );
  });

  test('the same seed gives identical losses and weights, a different seed different ones', async () => {
    const run = async (seed: number, shuffle = true) => {
      const model = modelWith(small, 8);
      const data = dataset(12, 2, 2, 80);
      const result = await fit(model, optimizerFor(model, optimizerConfig('adam', { learningRate: 0.01 })), data, options({ batchSize: 5, epochs: 3, shuffle, seed }));
      return { loss: result.history.loss, params: Array.from(model.params) };
    };
    const a = await run(1);
    assert.deepEqual(await run(1), a);
    const b = await run(2);
    assert.notDeepEqual(b.loss, a.loss);
    assert.notDeepEqual(b.params, a.params);
    // Without shuffling the seed plays no part.
    assert.deepEqual(await run(1, false), await run(2, false));
  });
});

describe('stopping early', () => {
  test('terminateOnNaN stops after the batch whose loss overflows (mse, sgd lr 1e6)', async () => {
    // W 0.5 → 1e6 after batch 0 … |e| ≈ 1e21 at batch 3, e² overflows float32: inf, as in TF.js.
    const model = referenceModel();
    const seen: Array<[number, number]> = [];
    const terminated: number[] = [];
    let epochsEnded = 0;
    let trainEnded = false;
    const result = await fit(
      model,
      optimizerFor(model, optimizerConfig('sgd', { learningRate: 1e6 })),
      sampleDataset(),
      options({ batchSize: 1, epochs: 3, loss: 'mse' }),
      [
        { onBatchEnd: (logs) => void seen.push([logs.batch, logs.batchLoss]) },
        terminateOnNaN((batch) => terminated.push(batch)),
        { onEpochEnd: () => void epochsEnded++, onTrainEnd: () => void (trainEnded = true) },
      ],
    );
    assert.deepEqual(terminated, [3]);
    assert.deepEqual(
      seen.map(([b]) => b),
      [0, 1, 2, 3],
    );
    assert.ok(seen.slice(0, 3).every(([, v]) => Number.isFinite(v)));
    assert.equal(seen[3][1], Infinity);
    assert.equal(result.stopReason, 'nan');
    assert.equal(result.updates, 4);
    assert.deepEqual(result.history.epoch, [0]);
    assert.equal(result.history.loss[0], Infinity);
    // The epoch still ends (its final line prints) and training ends normally.
    assert.equal(epochsEnded, 1);
    assert.ok(trainEnded);
  });

  test('terminateOnNaN stops after a batch whose loss is NaN', async () => {
    const model = referenceModel();
    const data = sampleDataset();
    data.y[4] = NaN; // in the third batch of 2
    const terminated: number[] = [];
    const result = await fit(model, optimizerFor(model), data, options({ batchSize: 2, epochs: 2 }), [terminateOnNaN((b) => terminated.push(b))]);
    assert.deepEqual(terminated, [2]);
    assert.equal(result.updates, 3);
    assert.ok(Number.isNaN(result.history.loss[0]));
  });

  test('requestStop from a callback ends training after the current batch', async () => {
    const model = referenceModel();
    const data = dataset(10, 1, 1, 90);
    const seen: string[] = [];
    const cb: FitCallback = {
      onBatchEnd(logs, control) {
        seen.push(`${control.stopReason ?? ''}${logs.batch}`);
        if (seen.length === 8) {
          control.requestStop('interrupt');
          control.requestStop('early-stopping'); // the first reason wins
        }
      },
    };
    const optimizer = optimizerFor(model);
    const result = await fit(model, optimizer, data, options({ batchSize: 2, epochs: 5, validationSplit: 0.2 }), [cb]);
    // 8 training samples → 4 steps per epoch; the stop comes at epoch 1, batch 3.
    assert.deepEqual(seen, ['0', '1', '2', '3', '0', '1', '2', '3']);
    assert.equal(result.stopReason, 'interrupt');
    assert.equal(result.updates, 8);
    assert.equal(optimizer.iterations, 8);
    assert.deepEqual(result.history.epoch, [0, 1]);
    assert.equal(result.history.val_loss!.length, 2);
  });

  test('a stop requested in the middle of an epoch leaves the rest of that epoch undone', async () => {
    const model = referenceModel();
    const batches: number[] = [];
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 1, epochs: 3 }), [
      {
        onBatchEnd(logs, control) {
          batches.push(logs.batch);
          if (logs.batch === 2) control.requestStop('interrupt');
        },
      },
    ]);
    assert.deepEqual(batches, [0, 1, 2]);
    assert.equal(result.updates, 3);
    assert.deepEqual(result.history.epoch, [0]);
  });

  test('an epoch cut short logs the mean over the samples it saw, not over all n', async () => {
    // x = y = 1..6, W 0.5, b 0, mae, batch 2, stop after the second batch of epoch 1:
    //   batch 0 (x 1, 2): predictions 0.5, 1     → |e| 0.5, 1      → L0 = 0.75
    //   Adam's first step moves W and b by lr·(1 − ~1e-6) against the gradient's sign:
    //   W 0.501, b 0.001
    //   batch 1 (x 3, 4): predictions 1.504, 2.005 → |e| 1.496, 1.995 → L1 = 1.7455
    //   loss = (0.75·2 + 1.7455·2) / 4 = 4.991 / 4 = 1.24775   (over all 6 it would be 0.83183)
    const model = referenceModel();
    const ended: number[] = [];
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 2, epochs: 3 }), [
      {
        onBatchEnd(logs, control) {
          if (logs.batch === 1) control.requestStop('interrupt');
        },
        onEpochEnd: (_epoch, logs) => void ended.push(logs.loss),
      },
    ]);
    assert.equal(result.updates, 2);
    assertClose(result.history.loss[0], 1.24775, 1e-5, 0, 'history.loss[0]');
    assert.deepEqual(ended, result.history.loss);
  });

  test('an epoch stopped after one batch of 4 logs that batch\'s loss, not a share of all 6 samples', async () => {
    // batch 4 on 6 samples, stop after the first batch: x 1..4 at W 0.5 → |e| 0.5, 1, 1.5, 2
    //   → loss 1.25 over the 4 samples seen (5/6 = 0.8333 over all 6).
    const model = referenceModel();
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 4, epochs: 2 }), [
      { onBatchEnd: (_logs, control) => control.requestStop('interrupt') },
    ]);
    assert.deepEqual(result.history.loss, [1.25]);
  });

  test('a stop requested at the end of an epoch prevents the next one', async () => {
    const model = referenceModel();
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 3, epochs: 5 }), [
      {
        onEpochEnd(epoch, _logs, control) {
          if (epoch === 1) control.requestStop('early-stopping');
        },
      },
    ]);
    assert.deepEqual(result.history.epoch, [0, 1]);
    assert.equal(result.updates, 4);
    assert.equal(result.stopReason, 'early-stopping');
  });
});

describe('events and bookkeeping', () => {
  test('callbacks see train begin, epoch begin, each batch, epoch end and train end, in order', async () => {
    const model = referenceModel();
    const events: string[] = [];
    const cb: FitCallback = {
      onTrainBegin: (info) => void events.push(`train ${JSON.stringify(info)}`),
      onEpochBegin: (e) => void events.push(`epoch ${e}`),
      onBatchEnd: (logs) => void events.push(`batch ${logs.batch} of ${logs.size}`),
      onEpochEnd: (e, logs) => void events.push(`end ${e} ${Object.keys(logs).join(',')}`),
      onTrainEnd: (r) => void events.push(`done ${r.updates}`),
    };
    const data = dataset(8, 1, 1, 100);
    await fit(model, optimizerFor(model), data, options({ batchSize: 4, epochs: 2, validationSplit: 0.25 }), [cb]);
    assert.deepEqual(events, [
      'train {"epochs":2,"batchSize":4,"stepsPerEpoch":2,"trainSamples":6,"validationSamples":2,"metricNames":[]}',
      'epoch 0',
      'batch 0 of 4',
      'batch 1 of 2',
      'end 0 steps,loss,val_loss',
      'epoch 1',
      'batch 0 of 4',
      'batch 1 of 2',
      'end 1 steps,loss,val_loss',
      'done 4',
    ]);
  });

  test('the batch logs are one object reused for every batch of every epoch', async () => {
    const model = modelWith(small, 9);
    const objects = new Set<BatchLogs>();
    await fit(model, optimizerFor(model), dataset(10, 2, 2, 110), options({ batchSize: 3, epochs: 3, shuffle: true }), [
      { onBatchEnd: (logs) => void objects.add(logs) },
    ]);
    assert.equal(objects.size, 1);
  });

  test('the pacer is awaited every everySteps steps, across epoch boundaries', async () => {
    const model = referenceModel();
    const events: string[] = [];
    const pacer = {
      everySteps: 3,
      pause: async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        events.push('pause');
      },
    };
    await fit(model, optimizerFor(model), sampleDataset(), options({ batchSize: 2, epochs: 3 }), [{ onBatchEnd: (l) => void events.push(`${l.batch}`) }], pacer);
    // 9 steps: pauses after the 3rd, 6th and 9th.
    assert.deepEqual(events, ['0', '1', '2', 'pause', '0', '1', '2', 'pause', '0', '1', '2', 'pause']);
  });

  test('without a validation split the history has no val_loss', async () => {
    const model = referenceModel();
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ epochs: 2 }));
    assert.ok(!('val_loss' in result.history));
    assert.equal(result.validationSamples, 0);
  });

  test('zero epochs trains nothing and returns an empty history', async () => {
    const model = referenceModel();
    let ended = false;
    const result = await fit(model, optimizerFor(model), sampleDataset(), options({ epochs: 0 }), [{ onTrainEnd: () => void (ended = true) }]);
    assert.deepEqual(result.history, { epoch: [], loss: [] });
    assert.equal(result.updates, 0);
    assert.deepEqual(model.getWeights(), [[[0.5]], [0]]);
    assert.ok(ended);
  });

  const bad: Array<[string, Partial<FitOptions>]> = [
    ['a batch size of 0', { batchSize: 0 }],
    ['a fractional batch size', { batchSize: 2.5 }],
    ['a negative number of epochs', { epochs: -1 }],
  ];
  for (const [what, overrides] of bad) {
    test(`${what} is an error`, async () => {
      const model = referenceModel();
      await assert.rejects(fit(model, optimizerFor(model), sampleDataset(), options(overrides)), FitError);
    });
  }

  test('data whose width does not match the model is an error', async () => {
    const model = modelWith(small, 1);
    await assert.rejects(fit(model, optimizerFor(model), dataset(4, 3, 2, 1), options()), FitError);
    await assert.rejects(fit(model, optimizerFor(model), dataset(4, 2, 1, 1), options()), FitError);
  });
});

/** A loss name used only to make sure every loss runs through fit. */
const allLosses: LossName[] = ['mae', 'mse', 'huber'];
describe('every loss trains', () => {
  for (const loss of allLosses) {
    test(`${loss} lowers the training loss on a learnable problem`, async () => {
      // y = 2x − 1 on 20 points, Dense(1), adam lr 0.1, 40 epochs of batch 5.
      const x = Float32Array.from({ length: 20 }, (_, i) => i / 10 - 1);
      const data: Dataset = { x, y: x.map((v) => 2 * v - 1), samples: 20, features: 1, outputs: 1 };
      const model = referenceModel();
      const result = await fit(model, optimizerFor(model, optimizerConfig('adam', { learningRate: 0.1 })), data, options({ batchSize: 5, epochs: 40, loss, shuffle: true }));
      assert.ok(result.history.loss.at(-1)! < 0.1 * result.history.loss[0], `${result.history.loss[0]} → ${result.history.loss.at(-1)}`);
    });
  }
});
