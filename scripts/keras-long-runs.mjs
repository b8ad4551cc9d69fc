#!/usr/bin/env node
/**
 * Long Adam runs in real Keras, as a fixture for test/cli/keras-long-runs.test.ts.
 *
 * For each run below, batchsim (the built library in dist/) supplies what a CLI command uses:
 * the data, the initial weights (drawn from the seed, or given) and, when shuffling, the order of
 * every epoch. Keras then trains on exactly that: `set_weights`, and one `fit(..., epochs=1,
 * shuffle=False)` per epoch on the rows in batchsim's order (the optimizer's state and step
 * count carry over between calls). Keras's per-epoch loss and final weights are recorded, with
 * the orders, so that a change to batchsim's shuffling shows up as such.
 *
 * Usage: npm run build && node scripts/keras-long-runs.mjs [python]
 *   python: a Python with Keras 3 and TensorFlow (default $BATCHSIM_KERAS_PYTHON or python3)
 * Writes test/fixtures/keras/long-runs.json.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initialWeights, optimizerConfig, syntheticDataset, trainRun } from '../dist/index.js';

const python = process.argv[2] ?? process.env.BATCHSIM_KERAS_PYTHON ?? 'python3';
const out = fileURLToPath(new URL('../test/fixtures/keras/long-runs.json', import.meta.url));

/** Each run: the CLI arguments it stands for, and the same run spelled out for the library. */
const RUNS = [
  {
    name: 'synthetic linear, batch 1, 3 epochs (3000 Adam steps, shuffled)',
    argv: ['--synthetic', 'linear', '-b', '1', '-e', '3'],
    data: { kind: 'linear', samples: 1000, features: 1, noise: 0.1, seed: 42 },
    config: { layers: [{ units: 1, activation: 'linear' }], loss: 'mae', batchSize: 1, epochs: 3, shuffle: true, seed: 42 },
  },
  {
    name: 'synthetic sine, 8 tanh units, mse, batch 4, 20 epochs (5000 Adam steps, in order)',
    argv: ['--synthetic', 'sine', '--layers', '8:tanh,1', '--loss', 'mse', '-b', '4', '-e', '20', '--no-shuffle', '--seed', '7'],
    data: { kind: 'sine', samples: 1000, features: 1, noise: 0.1, seed: 7 },
    config: { layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'linear' }], loss: 'mse', batchSize: 4, epochs: 20, shuffle: false, seed: 7 },
  },
  {
    // Hidden unit 0 starts switched off (zero input weight and bias, output weight 1e-6), so its
    // gradients stay near or below ε for hundreds of steps: where ε goes shows in its weights.
    name: 'synthetic sine, 4 tanh units, one of them nearly silent, mse, batch 8, 8 epochs (1000 Adam steps, shuffled)',
    argv: ['--synthetic', 'sine', '--layers', '4:tanh,1', '--loss', 'mse', '-b', '8', '-e', '8', '--seed', '3'],
    weights: [[[0, 0.5, -0.8, 1.1]], [0, 0.1, -0.1, 0], [[1e-6], [0.7], [-0.4], [0.9]], [0]],
    data: { kind: 'sine', samples: 1000, features: 1, noise: 0.1, seed: 3 },
    config: { layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'linear' }], loss: 'mse', batchSize: 8, epochs: 8, shuffle: true, seed: 3 },
  },
];

const PYTHON = String.raw`
import json, os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras
import tensorflow as tf

request = json.load(sys.stdin)
x = np.array(request["x"], dtype="float32").reshape(-1, request["features"])
y = np.array(request["y"], dtype="float32").reshape(-1, 1)
model = keras.Sequential([keras.Input(shape=(request["features"],))] + [
    keras.layers.Dense(layer["units"], activation=layer["activation"]) for layer in request["layers"]
])
model.set_weights([np.array(w, dtype="float32") for w in request["weights"]])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=request["learningRate"]), loss=request["loss"])
losses = []
for epoch in range(request["epochs"]):
    order = request["orders"][epoch] if request["orders"] else list(range(len(x)))
    history = model.fit(x[order], y[order], batch_size=request["batchSize"], epochs=1, shuffle=False, verbose=0)
    losses.append(float(history.history["loss"][0]))
json.dump({
    "loss": losses,
    "finalWeights": [np.asarray(w, dtype="float32").tolist() for w in model.get_weights()],
    "iterations": int(model.optimizer.iterations.numpy()),
    "keras": keras.__version__,
    "tensorflow": tf.__version__,
}, sys.stdout)
`;

const fixture = { generator: 'scripts/keras-long-runs.mjs', keras: '', tensorflow: '', runs: [] };
for (const run of RUNS) {
  const data = syntheticDataset(run.data);
  const config = { ...run.config, optimizer: optimizerConfig('adam'), validationSplit: 0 };
  // Weights given with --weights (the test writes them to a file), or drawn from the seed.
  const weights = run.weights ?? initialWeights(data.features, config.layers, config.seed);
  const orders = [];
  // Only the epochs' sample orders are taken from this run; the numbers come from Keras.
  await trainRun(data, config, weights, [{ onEpochPlan: (_epoch, order) => order && orders.push(Array.from(order)) }]);
  const request = {
    x: Array.from(data.x),
    y: Array.from(data.y),
    features: data.features,
    layers: config.layers,
    loss: config.loss,
    learningRate: config.optimizer.learningRate,
    batchSize: config.batchSize,
    epochs: config.epochs,
    weights,
    orders: config.shuffle ? orders : null,
  };
  const keras = spawnSync(python, ['-c', PYTHON], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (keras.status !== 0) throw new Error(`Keras failed:\n${keras.stderr}`);
  const result = JSON.parse(keras.stdout);
  fixture.keras = result.keras;
  fixture.tensorflow = result.tensorflow;
  fixture.runs.push({
    name: run.name,
    argv: run.argv,
    weightsFile: run.weights !== undefined,
    initialWeights: weights,
    orders: request.orders,
    keras: { loss: result.loss, finalWeights: result.finalWeights, iterations: result.iterations },
  });
  process.stderr.write(`${run.name}: Keras loss ${result.loss.map((v) => v.toFixed(6)).join(', ')}\n`);
}
writeFileSync(out, `${JSON.stringify(fixture)}\n`);
process.stderr.write(`wrote ${out}\n`);
