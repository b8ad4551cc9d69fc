/**
 * What a target check costs against training, behind training/target.ts's interval: for a few
 * models and batch sizes, the time of a training step per sample over the time of an evaluation
 * per sample (both in chunks of the batch size), and the time a fit watching a validation target
 * takes over the same fit without one.
 *
 *   node --import tsx bench/check-cost.ts
 */
import type { ActivationName } from '../src/core/activations.js';
import { Sequential } from '../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../src/core/optimizers.js';
import { createRandom } from '../src/core/random.js';
import { fit } from '../src/training/fit.js';

type Layers = Array<{ units: number; activation: ActivationName }>;
const models: Array<{ name: string; features: number; layers: Layers }> = [
  { name: '1 → Dense(1)', features: 1, layers: [{ units: 1, activation: 'linear' }] },
  { name: '8 → Dense(16, tanh) → Dense(1)', features: 8, layers: [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'linear' }] },
  { name: '64 → Dense(32, relu) → Dense(1)', features: 64, layers: [{ units: 32, activation: 'relu' }, { units: 1, activation: 'linear' }] },
];
const n = 1800;
for (const spec of models) {
  const random = createRandom(1, 'data');
  const x = new Float32Array(n * spec.features).map(() => 2 * random.next() - 1);
  const y = new Float32Array(n).map(() => random.next());
  for (const b of [1, 8, 64, 512]) {
    const model = new Sequential({ inputSize: spec.features, layers: spec.layers }, b);
    model.initialize(createRandom(1, 'init'));
    const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length);
    let train = Infinity;
    let evaluate = Infinity;
    for (let repeat = 0; repeat < 5; repeat++) {
      let start = performance.now();
      for (let s = 0; s + b <= n; s += b) {
        model.computeGradients('mse', x, y, s, b);
        optimizer.step(model.params, model.grads);
      }
      train = Math.min(train, performance.now() - start);
      start = performance.now();
      model.computeEvaluation('mse', x, y, 0, n - (n % b), b);
      evaluate = Math.min(evaluate, performance.now() - start);
    }
    const data = { x, y, samples: n, features: spec.features, outputs: 1 };
    const fitTime = async (watch: boolean): Promise<number> => {
      let best = Infinity;
      for (let repeat = 0; repeat < 3; repeat++) {
        const m = new Sequential({ inputSize: spec.features, layers: spec.layers });
        m.initialize(createRandom(1, 'init'));
        const start = performance.now();
        await fit(m, createOptimizer(optimizerConfig('adam'), m.params.length), data, {
          batchSize: b,
          epochs: 3,
          loss: 'mse',
          shuffle: true,
          seed: 1,
          validationSplit: 0.2,
          ...(watch ? { target: { field: 'valLoss', op: '<', value: -1 } as const } : {}),
        });
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const plain = await fitTime(false);
    const watched = await fitTime(true);
    process.stdout.write(
      `${spec.name}, batch ${b}: a step costs ${(train / evaluate).toFixed(2)} evaluations per sample; watching valLoss adds ${(100 * (watched / plain - 1)).toFixed(1)}% to the fit\n`,
    );
  }
}
