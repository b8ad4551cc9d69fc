/**
 * `--emit-keras`: a runnable Python script that repeats a batchsim run in Keras — the same data,
 * layers, initial weights (set_weights), optimizer settings, loss, batch size, epochs, shuffle
 * and validation split — and prints Keras's per-epoch losses next to batchsim's, so a learner
 * can check one against the other. Works with Keras 3 and with tf.keras 2.
 */
import type { LossName } from '../core/loss.js';
import type { KerasWeights, LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import { trainSampleCount, type Dataset } from '../training/dataset.js';
import { pyRepr } from './format.js';

export interface KerasScriptInput {
  readonly data: Dataset;
  /** The held-out test part (--test-split), evaluated after fit; null or absent without one. */
  readonly test?: Dataset | null;
  /** Scale the features with a Normalization layer adapted on the training part (--standardize). */
  readonly standardize?: boolean;
  /** Where the data came from, for the script's comment. */
  readonly dataName: string;
  readonly layers: readonly LayerSpec[];
  readonly weights: KerasWeights;
  readonly optimizer: OptimizerConfig;
  readonly loss: LossName;
  /** compile's `metrics=[...]`, when any. */
  readonly metrics?: readonly string[];
  readonly batchSize: number;
  readonly epochs: number;
  readonly shuffle: boolean;
  readonly validationSplit: number;
  /**
   * A linear warm-up (training/lr-scaling.ts) from `fromLearningRate` to the optimizer's rate over
   * the first `steps` updates, or null.
   */
  readonly warmUp?: { readonly fromLearningRate: number; readonly steps: number } | null;
  readonly version: string;
  /** batchsim's per-epoch losses for the same run, printed beside Keras's. */
  readonly batchsimLoss?: readonly number[];
  /** batchsim's per-epoch val_loss, when there is a validation split. */
  readonly batchsimValLoss?: readonly number[];
  /** batchsim's final weights, flattened in get_weights() order. */
  readonly batchsimWeights?: readonly number[];
  /** batchsim's loss on the test part. */
  readonly batchsimTestLoss?: number;
}

/** What `python3 run.py` holds Keras and batchsim to (the targets of test/oracle/keras.test.ts). */
export const SCRIPT_TOLERANCES = { lossRelative: 1e-5, weightRelative: 1e-4, weightFloor: 1e-3 } as const;

/**
 * The script's closing check: Keras's per-epoch loss and val_loss and its final weights against
 * batchsim's, the largest differences printed, and exit status 1 beyond the tolerances (only
 * without shuffling, where the two runs see the same batches).
 */
function comparison(input: KerasScriptInput): string[] {
  const { lossRelative, weightRelative, weightFloor } = SCRIPT_TOLERANCES;
  const hasVal = input.validationSplit > 0 && input.batchsimValLoss !== undefined;
  return [
    `batchsim_loss = ${pyList([...input.batchsimLoss!])}`,
    `batchsim_val_loss = ${hasVal ? pyList([...input.batchsimValLoss!]) : 'None'}`,
    `batchsim_weights = ${input.batchsimWeights ? pyList([...input.batchsimWeights]) : 'None'}`,
    `batchsim_test_loss = ${input.batchsimTestLoss !== undefined ? pyRepr(input.batchsimTestLoss) : 'None'}`,
    '',
    '',
    'def relative(keras_value, batchsim_value, floor=1e-12):',
    '    return abs(keras_value - batchsim_value) / max(abs(keras_value), floor)',
    '',
    '',
    'keras_val_loss = history.history.get("val_loss")',
    'print("epoch  keras loss  batchsim loss  relative difference" + ("  keras val_loss  batchsim val_loss  relative difference" if batchsim_val_loss else ""))',
    'for epoch, (k, b) in enumerate(zip(history.history["loss"], batchsim_loss)):',
    '    line = f"{epoch + 1:5d}  {k:10.6f}  {b:13.6f}  {relative(k, b):19.2e}"',
    '    if batchsim_val_loss:',
    '        kv, bv = keras_val_loss[epoch], batchsim_val_loss[epoch]',
    '        line += f"  {kv:14.6f}  {bv:17.6f}  {relative(kv, bv):19.2e}"',
    '    print(line)',
    'worst = {"loss": max(relative(k, b) for k, b in zip(history.history["loss"], batchsim_loss))}',
    'if batchsim_val_loss:',
    '    worst["val_loss"] = max(relative(k, b) for k, b in zip(keras_val_loss, batchsim_val_loss))',
    'if batchsim_test_loss is not None:',
    '    print(f"test loss: keras {test_loss:.6f}  batchsim {batchsim_test_loss:.6f}  relative difference {relative(test_loss, batchsim_test_loss):.2e}")',
    '    worst["test_loss"] = relative(test_loss, batchsim_test_loss)',
    'if batchsim_weights is not None:',
    '    keras_weights = np.concatenate([np.ravel(w) for w in model.get_weights()])',
    `    worst["weights"] = max(relative(float(k), b, ${pyRepr(weightFloor)}) for k, b in zip(keras_weights, batchsim_weights))`,
    `limits = {"loss": ${pyRepr(lossRelative)}, "val_loss": ${pyRepr(lossRelative)}, "test_loss": ${pyRepr(lossRelative)}, "weights": ${pyRepr(weightRelative)}}`,
    'for name, value in worst.items():',
    '    print(f"largest {name} difference: {value:.2e} relative (tolerance {limits[name]:.0e})")',
    ...(input.shuffle
      ? ['print("Shuffling was on, so the two runs saw different batches: the differences are not checked.")']
      : [
          'beyond = [name for name, value in worst.items() if not value <= limits[name]]',
          'if beyond:',
          '    print("batchsim and Keras differ beyond the tolerance in: " + ", ".join(beyond))',
          '    sys.exit(1)',
          'print("batchsim matches Keras within the tolerances.")',
        ]),
  ];
}

/** `text` as a Python string literal that holds it exactly, whatever quotes, backslashes or line breaks it has. */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** A (nested) array of numbers as a Python list literal, floats in repr form. */
function pyList(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyList).join(', ')}]`;
  return pyRepr(value as number);
}

function matrix(values: Float32Array, rows: number, width: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(values.subarray(r * width, (r + 1) * width)));
  return out;
}

/**
 * batchsim's warm-up as a Keras LearningRateSchedule: Keras calls it with the optimizer's update
 * count before each update; the ramp is computed in float64, in batchsim's order, and rounded to
 * float32 once, where the optimizer casts it to the variables' dtype.
 */
const WARM_UP_SCHEDULE = [
  'import tensorflow as tf',
  '',
  '',
  'class WarmUp(keras.optimizers.schedules.LearningRateSchedule):',
  '    """Linear warm-up: start + (target - start) * step / steps before update `steps`, then target."""',
  '',
  '    def __init__(self, start, target, steps):',
  '        self.start, self.target, self.steps = start, target, steps',
  '',
  '    def __call__(self, step):',
  '        t = tf.cast(step, tf.float64)',
  '        ramp = self.start + (self.target - self.start) * t / self.steps',
  '        return tf.cast(tf.where(t < self.steps, ramp, tf.constant(self.target, tf.float64)), tf.float32)',
  '',
  '    def get_config(self):',
  '        return {"start": self.start, "target": self.target, "steps": self.steps}',
  '',
  '',
];

function optimizerCall(config: OptimizerConfig, warmUp: KerasScriptInput['warmUp']): string {
  const lr = warmUp ? `WarmUp(${pyRepr(warmUp.fromLearningRate)}, ${pyRepr(config.learningRate)}, ${warmUp.steps})` : pyRepr(config.learningRate);
  switch (config.name) {
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${lr}, beta_1=${pyRepr(config.beta1)}, beta_2=${pyRepr(config.beta2)}, epsilon=${pyRepr(config.epsilon)})`;
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${lr}, momentum=${pyRepr(config.momentum)}, nesterov=${config.nesterov ? 'True' : 'False'})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${lr}, rho=${pyRepr(config.rho)}, momentum=${pyRepr(config.momentum)}, epsilon=${pyRepr(config.epsilon)})`;
  }
}

function lossExpression(loss: LossName): string {
  switch (loss) {
    case 'mae':
      return '"mae"';
    case 'mse':
      return '"mse"';
    case 'huber':
      return 'keras.losses.Huber(delta=1.0)';
    case 'binary_crossentropy':
    case 'categorical_crossentropy':
    case 'sparse_categorical_crossentropy':
      return `"${loss}"`;
  }
}

/** --test-split: the rows batchsim held out, after the data fit() gets. */
function testPart(input: KerasScriptInput): string[] {
  const { test } = input;
  if (!test) return [];
  return [
    '# --test-split: these rows come after x and y in batchsim\'s order: [train | validation | test].',
    `x_test = np.array(${pyList(matrix(test.x, test.samples, test.features))}, dtype="float32")`,
    `y_test = np.array(${pyList(matrix(test.y, test.samples, test.outputs))}, dtype="float32")`,
  ];
}

/** --standardize: a Normalization layer adapted on the training part, the rows before validation_split's. */
function standardization(input: KerasScriptInput): string[] {
  if (input.standardize !== true) return [];
  const trainRows = trainSampleCount(input.data.samples, input.validationSplit);
  return [
    `# --standardize: adapted on the training part only (the first ${trainRows} rows), applied to every part.`,
    'normalization = keras.layers.Normalization()',
    `normalization.adapt(x[:${trainRows}])`,
    'x = np.asarray(normalization(x))',
    ...(input.test ? ['x_test = np.asarray(normalization(x_test))'] : []),
  ];
}

export function kerasScript(input: KerasScriptInput): string {
  const { data } = input;
  const x = matrix(data.x, data.samples, data.features);
  const y = matrix(data.y, data.samples, data.outputs);
  const layers = input.layers.map((l) => `    keras.layers.Dense(${l.units}, activation="${l.activation}"),`);
  const weights = input.weights.map((w) => `    np.array(${pyList(w)}, dtype="float32"),`);
  const fitArgs = [
    'x',
    'y',
    `batch_size=${input.batchSize}`,
    `epochs=${input.epochs}`,
    `shuffle=${input.shuffle ? 'True' : 'False'}`,
    ...(input.validationSplit > 0 ? [`validation_split=${pyRepr(input.validationSplit)}`] : []),
    'verbose=1',
  ];
  const shuffleNote = input.shuffle
    ? [
        '# Shuffling is on: Keras draws its own random order, so per-epoch losses will differ from',
        "# batchsim's by the luck of the order. Run batchsim with --no-shuffle for an exact match.",
      ]
    : [];
  return [
    '#!/usr/bin/env python3',
    // The data's name is the user's file name: any quote or line break in it must stay inside the
    // string. JSON's string syntax is a subset of Python's, so JSON.stringify escapes it for Python.
    pythonString(`Repeats a batchsim ${input.version} run in Keras (data: ${input.dataName}).`),
    'import sys',
    '',
    'import numpy as np',
    '',
    'try:',
    '    import keras  # Keras 3, or tf.keras 2 through the keras package',
    'except ImportError:',
    '    from tensorflow import keras',
    '',
    `x = np.array(${pyList(x)}, dtype="float32")`,
    `y = np.array(${pyList(y)}, dtype="float32")`,
    ...testPart(input),
    ...standardization(input),
    '',
    'model = keras.Sequential([',
    `    keras.Input(shape=(${data.features},)),`,
    ...layers,
    '])',
    '# The initial weights batchsim used, in get_weights() order [W0, b0, W1, b1, ...].',
    'model.set_weights([',
    ...weights,
    '])',
    ...(input.warmUp ? WARM_UP_SCHEDULE : []),
    `model.compile(optimizer=${optimizerCall(input.optimizer, input.warmUp)}, loss=${lossExpression(input.loss)}${
      input.metrics !== undefined && input.metrics.length > 0 ? `, metrics=[${input.metrics.map((m) => `"${m}"`).join(', ')}]` : ''
    })`,
    ...shuffleNote,
    `history = model.fit(${fitArgs.join(', ')})`,
    ...(input.test ? ['# The held-out test part, never trained on, evaluated once as batchsim does.', 'test = model.evaluate(x_test, y_test, verbose=1, return_dict=True)', 'test_loss = test["loss"]'] : []),
    '',
    ...(input.batchsimLoss
      ? comparison(input)
      : ['for epoch, loss in enumerate(history.history["loss"]):', '    print(f"epoch {epoch + 1}: loss {loss:.6f}")']),
    '',
  ].join('\n');
}
