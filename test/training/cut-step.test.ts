/**
 * A step an interrupt cuts short (StepGuard in training/fit.ts) leaves no trace: the run ends as
 * if it had been stopped after the step before, with the same parameters, optimizer state (moments,
 * update count, the warm-up's rate) and epoch sums. The guard here is a fake that cuts the k-th
 * guarded step in three ways: before its work, after all of it (a Ctrl-C that comes as the step
 * ends), and after it with the step's scratch buffers scribbled over (a cut halfway).
 *
 * The oracles are the same run stopped after k − 1 steps through FitControl (how an interrupt
 * between steps stops it), and, for the optimizer's state, which no result shows, training on from
 * the cut with the same model and optimizer, which must give the bits of a run never cut.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, type ModelSpec } from '../../src/core/model.js';
import { resolveMetric } from '../../src/core/metrics.js';
import { createOptimizer, optimizerConfig, type Optimizer, type OptimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import type { Dataset } from '../../src/training/dataset.js';
import { fit, stepWork, type FitCallback, type FitOptions, type FitResult, type StepGuard } from '../../src/training/fit.js';
import { testValues } from '../core/reference.js';

const spec: ModelSpec = {
  inputSize: 2,
  layers: [
    { units: 4, activation: 'tanh' },
    { units: 2, activation: 'linear' },
  ],
};

// 16 samples, the last 4 for validation: 12 training samples in batches of 4, 3 steps an epoch.
const data: Dataset = {
  x: Float32Array.from(testValues(7, 16 * 2, -2, 2)),
  y: Float32Array.from(testValues(8, 16 * 2, -1, 1)),
  samples: 16,
  features: 2,
  outputs: 2,
};

function options(shuffle: boolean, epochs: number): FitOptions {
  return {
    batchSize: 4,
    epochs,
    loss: 'mse',
    shuffle,
    seed: 3,
    validationSplit: 0.25,
    metrics: [resolveMetric('mae', 2, 2)],
    // Warm-up over the first 6 steps: the rate an update uses is part of the state.
    warmUp: { fromLearningRate: 0.002, epochs: 2 },
  };
}

const OPTIMIZERS: ReadonlyArray<readonly [string, OptimizerConfig]> = [
  ['adam', { ...optimizerConfig('adam'), learningRate: 0.05 }],
  ['sgd with Nesterov momentum', optimizerConfig('sgd', { learningRate: 0.05, momentum: 0.9, nesterov: true })],
  ['rmsprop with momentum', optimizerConfig('rmsprop', { learningRate: 0.01, momentum: 0.5 })],
];

function start(config: OptimizerConfig): { model: Sequential; optimizer: Optimizer } {
  const model = new Sequential(spec);
  model.initialize(createRandom(11, 'init'));
  return { model, optimizer: createOptimizer(config, model.params.length) };
}

type CutMode = 'before its work' | 'after its work' | 'halfway, its scratch buffers scribbled over';
const MODES: readonly CutMode[] = ['before its work', 'after its work', 'halfway, its scratch buffers scribbled over'];

/** A guard on every step that cuts the k-th (1-based) in the given way; `calls` counts its runs. */
function cutting(k: number, mode: CutMode, model: Sequential): StepGuard & { calls: number } {
  return {
    fromWork: 0,
    calls: 0,
    run(work) {
      this.calls++;
      if (this.calls !== k) {
        work();
        return true;
      }
      if (mode === 'before its work') return false;
      work();
      if (mode !== 'after its work') {
        model.grads.fill(Number.NaN);
        model.batchLoss[0] = Number.NaN;
      }
      return false;
    },
  };
}

const noPause = async (): Promise<void> => {};

/** Every batch's logs, as the callbacks saw them, and the epochs they saw end. */
function watcher(): FitCallback & { batches: string[]; epochs: string[] } {
  return {
    batches: [],
    epochs: [],
    onBatchEnd(logs) {
      this.batches.push(`${logs.batch}:${logs.batchLoss}:${logs.loss}:${logs.metrics.join('/')}`);
    },
    onEpochEnd(epoch, logs) {
      this.epochs.push(`${epoch}:${JSON.stringify(logs)}`);
    },
  };
}

/** The same run stopped through FitControl after `steps` steps, as an interrupt between steps does. */
async function stoppedAfter(steps: number, config: OptimizerConfig, shuffle: boolean, epochs: number) {
  const { model, optimizer } = start(config);
  const seen = watcher();
  let done = 0;
  const stopper: FitCallback = {
    onBatchEnd(_logs, control) {
      if (++done === steps) control.requestStop('interrupt');
    },
  };
  const result = await fit(model, optimizer, data, options(shuffle, epochs), [seen, stopper]);
  return { model, optimizer, result, seen };
}

const bits = (values: Float32Array): number[] => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

function assertSameRun(actual: FitResult, expected: FitResult): void {
  assert.deepEqual(actual.history, expected.history);
  assert.equal(actual.updates, expected.updates);
  assert.equal(actual.stopReason, 'interrupt');
}

describe('a step cut short leaves the run as the step before left it', () => {
  for (const [name, config] of OPTIMIZERS) {
    for (const shuffle of [false, true]) {
      for (const mode of MODES) {
        // Step 5 is epoch 2's second batch; step 7 is epoch 3's first, which leaves epoch 3 out.
        for (const [k, epoch, batch] of [
          [5, 1, 1],
          [7, 2, 0],
        ] as const) {
          test(`${name}, ${shuffle ? 'shuffled' : 'in order'}: step ${k} cut ${mode}`, async () => {
            const { model, optimizer } = start(config);
            const seen = watcher();
            const guard = cutting(k, mode, model);
            const result = await fit(model, optimizer, data, options(shuffle, 4), [seen], { everySteps: 1000, pause: noPause, guard });
            assert.equal(guard.calls, k);
            assert.deepEqual(result.cut, { epoch, batch });
            const reference = await stoppedAfter(k - 1, config, shuffle, 4);
            assertSameRun(result, reference.result);
            assert.deepEqual(bits(model.params), bits(reference.model.params));
            assert.equal(optimizer.iterations, k - 1);
            assert.equal(optimizer.rate[0], reference.optimizer.rate[0]);
            // The callbacks heard no batch and no epoch end of the cut step.
            assert.deepEqual(seen.batches, reference.seen.batches);
            assert.deepEqual(seen.epochs, reference.seen.epochs);
          });
        }
      }
    }
  }
});

describe('after a cut, training on with the same model and optimizer gives the bits of a run never cut', () => {
  for (const [name, config] of OPTIMIZERS) {
    for (const mode of MODES) {
      test(`${name}: step 7 cut ${mode}, then 2 more epochs`, async () => {
        // In order, so that epochs 3 and 4 of a fresh fit see the batches of a 4-epoch run.
        const { model, optimizer } = start(config);
        await fit(model, optimizer, data, options(false, 4), [], { everySteps: 1000, pause: noPause, guard: cutting(7, mode, model) });
        assert.equal(optimizer.iterations, 6);
        const onward = await fit(model, optimizer, data, options(false, 2));

        const whole = start(config);
        const uncut = await fit(whole.model, whole.optimizer, data, options(false, 4));
        assert.deepEqual(bits(model.params), bits(whole.model.params));
        assert.deepEqual(onward.history.loss, uncut.history.loss.slice(2));
        assert.deepEqual(onward.history.val_loss, uncut.history.val_loss!.slice(2));
        assert.equal(optimizer.iterations, whole.optimizer.iterations);
      });
    }
  }
});

describe('which steps are guarded', () => {
  test('a sample costs the forward pass, the kernel gradients and the gradients passed down, plus its units and its loss', () => {
    // 2·4 (forward) + 2·4 (kernel gradients) + 4·4 (units)       = 32 for the first layer
    // 4·2 + 4·2 + 4·2 (passed down) + 4·2                       = 32 for the second
    // + 16 for the loss                                        = 80
    assert.equal(stepWork(spec), 80);
  });

  test('only batches of at least fromWork multiply-adds go through the guard: the short last batch does not', async () => {
    // 10 samples in batches of 4: 4, 4 and 2 rows an epoch; the guard takes batches of 4 rows.
    const { model, optimizer } = start(OPTIMIZERS[0][1]);
    const calls: number[] = [];
    const guard: StepGuard = {
      fromWork: 4 * stepWork(spec),
      run(work) {
        calls.push(1);
        work();
        return true;
      },
    };
    const ten: Dataset = { ...data, x: data.x.subarray(0, 20), y: data.y.subarray(0, 20), samples: 10 };
    const result = await fit(model, optimizer, ten, { ...options(false, 3), validationSplit: 0 }, [], { everySteps: 1000, pause: noPause, guard });
    assert.equal(result.updates, 9);
    assert.equal(calls.length, 6);
    assert.equal(result.cut, undefined);
  });
});
