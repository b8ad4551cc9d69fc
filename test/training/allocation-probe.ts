/**
 * The measurement behind no-allocation.test.ts, run in a child process (see there): prints
 * {"bytes": …, "stretches": …} for the case named on the command line.
 *
 * The training step allocates nothing: after warming up, stretches of 10,000 steps leave the young
 * generation of the heap where it was, give or take the probe's own bookkeeping.
 *
 * How it is measured, without --expose-gc and without timing: a callback reads the size of V8's
 * new space every 10,000 batches. A stretch in which it did not shrink (no garbage collection)
 * grew by what those steps allocated. The lower quartile over all such stretches ignores those that
 * JIT tier changes disturb (new callbacks on every run make the compiler start over for a while).
 * One heap number per step (a boxed float, 16 bytes) shows as 16 or more bytes per step in every
 * stretch; the probe itself costs about 0.2.
 */
import { pathToFileURL } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import type { ActivationName } from '../../src/core/activations.js';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig, type OptimizerName } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import { progressLogger } from '../../src/report/progress-logger.js';
import type { Dataset } from '../../src/training/dataset.js';
import { fit, type FitCallback } from '../../src/training/fit.js';
import { terminateOnNaN } from '../../src/training/invalid-loss.js';
import { timer } from '../../src/training/timer.js';

const STRETCH = 10_000;

function newSpaceUsed(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;
}

/** A callback that records the bytes per step of every stretch without a garbage collection. */
function allocationProbe(): FitCallback & { lowerQuartile(): number; stretches(): number } {
  let batches = 0;
  let last = -1;
  const perStep: number[] = [];
  return {
    onBatchEnd() {
      if (++batches % STRETCH !== 0) return;
      const used = newSpaceUsed();
      if (last >= 0 && used >= last) perStep.push((used - last) / STRETCH);
      last = used;
    },
    lowerQuartile() {
      const sorted = [...perStep].sort((a, b) => a - b);
      return sorted[sorted.length >> 2];
    },
    stretches: () => perStep.length,
  };
}

function randomData(samples: number, features: number): Dataset {
  const random = createRandom(1, 'data');
  const x = new Float32Array(samples * features).map(() => 2 * random.next() - 1);
  const y = new Float32Array(samples).map(() => random.next());
  return { x, y, samples, features, outputs: 1 };
}

interface Case {
  readonly name: string;
  readonly features: number;
  readonly layers: ReadonlyArray<{ units: number; activation: ActivationName }>;
  readonly optimizer: OptimizerName;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly steps: number;
  /** Every step inside a learning-rate warm-up, which sets the rate before each update. */
  readonly warmUp?: boolean;
  /** A classification run: sparse categorical crossentropy over the units, with accuracy. */
  readonly classify?: boolean;
  /** Watch a target that is never reached: with a small validation part, checked after every step. */
  readonly target?: boolean;
}

/** Trains with the callbacks `train` attaches (progress log, NaN check, timer) and the probe. */
async function bytesPerStep(c: Case): Promise<{ bytes: number; stretches: number }> {
  const data = randomData(c.steps * c.batchSize, c.features);
  const units = c.layers[c.layers.length - 1].units;
  if (c.classify === true) for (let i = 0; i < data.samples; i++) data.y[i] = Math.floor(data.y[i] * units);
  let probe = allocationProbe();
  for (let run = 0; run < 3; run++) {
    // Two runs warm the code up; the third is measured.
    const model = new Sequential({ inputSize: c.features, layers: c.layers });
    model.initialize(createRandom(1, 'init'));
    const optimizer = createOptimizer(optimizerConfig(c.optimizer, { momentum: c.optimizer === 'adam' ? undefined : 0.9 }), model.params.length);
    let now = 0;
    const clock = (): number => (now += 1e-7);
    probe = allocationProbe();
    const callbacks = [progressLogger({ verbose: 1, sink: { draw() {}, end() {}, line() {} }, clock }), terminateOnNaN(), timer(clock), probe];
    const classify = c.classify === true;
    // A validation part of 2 samples: a check is priced under a quarter of a step of 8, so one follows every step.
    const watch = c.target === true ? { validationSplit: 1.5 / data.samples, target: { field: classify ? 'valAccuracy' : 'valLoss', op: '>', value: 2 } as const } : {};
    await fit(
      model,
      optimizer,
      data,
      {
        batchSize: c.batchSize,
        epochs: 1,
        loss: classify ? 'sparse_categorical_crossentropy' : 'mae',
        shuffle: c.shuffle,
        seed: 1,
        warmUp: c.warmUp ? { fromLearningRate: 1e-4, epochs: 1 } : null,
        metrics: classify ? [{ name: 'accuracy', kind: 'sparse_categorical_accuracy' }, { name: 'mse', kind: 'mse' }] : [],
        ...watch,
      },
      callbacks,
    );
  }
  return { bytes: probe.lowerQuartile(), stretches: probe.stretches() };
}

export const cases: Case[] = [
  { name: 'Dense(1) at batch size 1, in order, Adam', features: 1, layers: [{ units: 1, activation: 'linear' }], optimizer: 'adam', batchSize: 1, shuffle: false, steps: 300_000 },
  { name: 'Dense(1) at batch size 1, shuffled, SGD with momentum', features: 1, layers: [{ units: 1, activation: 'linear' }], optimizer: 'sgd', batchSize: 1, shuffle: true, steps: 300_000 },
  {
    name: 'Dense(1) at batch size 1, in order, Adam, during a learning-rate warm-up',
    features: 1,
    layers: [{ units: 1, activation: 'linear' }],
    optimizer: 'adam',
    batchSize: 1,
    shuffle: false,
    steps: 300_000,
    warmUp: true,
  },
  {
    name: '8 → Dense(32, relu) → Dense(1) at batch size 4, shuffled, RMSprop with momentum',
    features: 8,
    layers: [
      { units: 32, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
    optimizer: 'rmsprop',
    batchSize: 4,
    shuffle: true,
    steps: 250_000,
  },
  {
    name: '4 → Dense(8, relu) → Dense(3, softmax), sparse categorical crossentropy with accuracy and mse, batch size 2, shuffled, Adam',
    features: 4,
    layers: [
      { units: 8, activation: 'relu' },
      { units: 3, activation: 'softmax' },
    ],
    optimizer: 'adam',
    batchSize: 2,
    shuffle: true,
    steps: 250_000,
    classify: true,
  },
  {
    name: '4 → Dense(8, relu) → Dense(3, softmax) at batch size 8, shuffled, Adam, a valAccuracy target checked after every step',
    features: 4,
    layers: [
      { units: 8, activation: 'relu' },
      { units: 3, activation: 'softmax' },
    ],
    optimizer: 'adam',
    batchSize: 8,
    shuffle: true,
    steps: 150_000,
    classify: true,
    target: true,
  },
  {
    // WebAssembly kernels where they run (kernels-wasm.ts), Adam's update included.
    name: '8 → Dense(32, tanh) → Dense(10, relu) → Dense(1) at batch size 3, in order, Adam',
    features: 8,
    layers: [
      { units: 32, activation: 'tanh' },
      { units: 10, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
    optimizer: 'adam',
    batchSize: 3,
    shuffle: false,
    steps: 150_000,
  },
];

// Run as a script (not imported by the test for its case list): measure one case.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chosen = cases.find((c) => c.name === process.argv[2]);
  if (chosen === undefined) throw new Error(`no case named ${process.argv[2]}`);
  process.stdout.write(`${JSON.stringify(await bytesPerStep(chosen))}\n`);
}
