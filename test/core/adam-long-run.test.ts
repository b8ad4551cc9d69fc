/**
 * Adam over tens of thousands of steps against ReferenceAdam (test/core/reference.ts), a plain
 * float32 re-statement of Keras 3's `Adam.update_step` (keras/src/optimizers/adam.py) that
 * recomputes 1 − β1^t and 1 − β2^t at every step.
 *
 * Long runs matter because the bias corrections change character late: 1 − β1^t rounds to
 * exactly 1 in float32 from t = 165 on (in float64 from t = 356), and 1 − β2^t only from
 * t = 17,321 (float32) or t = 37,412 (float64), so any shortcut taken there has to keep
 * α_t = lr·sqrt(1 − β2^t)/(1 − β1^t) growing for the thousands of steps in between. For
 * example at t = 1000: sqrt(1 − 0.999^1000) = sqrt(0.6323) = 0.7952, while freezing 1 − β2^t
 * at t = 356 would give sqrt(1 − 0.999^356) = sqrt(0.2996) = 0.5474, a step 31% too short.
 *
 * The gradients depend on the parameters (a noisy quadratic pull towards fixed targets, one
 * scale per parameter from 2 down to 1e-10), so the run is a real trajectory. Each parameter
 * must be within 1e-4 of the distance it travelled: an implementation that keeps α_t's scalars
 * in float64 stays within 1.6e-5 of the float32 reference over 40,000 steps; freezing 1 − β2^t
 * or moving ε misses by more than 1e-3.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { ReferenceAdam, testValues } from './reference.js';

const REL = 1e-4;
/** Two units in the last place of a float32, relative. */
const ULPS = 2 * 2 ** -23;

/** Gradient scales: ordinary, negative (the parameter walks away at ~lr per step), and tiny ones where ε dominates sqrt(v). */
const SCALES = [1, -0.5, 1e-2, 1e-4, -1e-6, 3e-8, 1e-10, 2];

interface Checkpoint {
  readonly step: number;
  readonly start: number[];
  readonly actual: number[];
  readonly expected: number[];
}

/**
 * Each parameter within REL of how far the reference moved it from its start, plus two float32
 * ulps of its value: a parameter that travelled 40 units may differ by 4e-3, one that moved 1e-3
 * by 1e-7, one that barely moved by the rounding of a single update.
 */
function assertOnTrajectory({ step, start, actual, expected }: Checkpoint): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const travelled = Math.abs(expected[i] - start[i]);
    const diff = Math.abs(actual[i] - expected[i]);
    assert.ok(diff <= REL * travelled + ULPS * Math.abs(expected[i]), `θ[${i}] after step ${step}: expected ${expected[i]}, got ${actual[i]} (moved ${travelled} from ${start[i]})`);
  }
}

/** Runs batchsim's Adam and the reference side by side for `steps` steps; parameters at each checkpoint. */
function longRun(steps: number, checkpoints: readonly number[], scales = SCALES): Checkpoint[] {
  const n = scales.length;
  const targets = testValues(7, n, -1, 1);
  const noise = testValues(11, (steps + 1) * n, -1, 1);
  const start = testValues(3, n, -1, 1).map(Math.fround);

  const optimizer = createOptimizer(optimizerConfig('adam'), n);
  const params = Float32Array.from(start);
  const grads = new Float32Array(n);
  const reference = new ReferenceAdam(n);
  const referenceParams = [...start];
  const referenceGrads = new Array<number>(n);

  const out: Checkpoint[] = [];
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i < n; i++) {
      const pull = 0.5 * noise[t * n + i];
      grads[i] = scales[i] * (params[i] - targets[i] + pull);
      referenceGrads[i] = scales[i] * (referenceParams[i] - targets[i] + pull);
    }
    optimizer.step(params, grads);
    reference.step(referenceParams, referenceGrads);
    if (checkpoints.includes(t)) out.push({ step: t, start, actual: Array.from(params), expected: [...referenceParams] });
  }
  return out;
}

test('Adam stays on the reference trajectory for 40,000 steps, through both bias-correction thresholds', () => {
  const checkpoints = [1, 10, 164, 165, 166, 355, 356, 357, 1000, 3000, 10000, 17320, 17321, 17322, 20000, 37411, 37412, 37413, 40000];
  const points = longRun(40000, checkpoints);
  assert.equal(points.length, checkpoints.length);
  for (const point of points) assertOnTrajectory(point);
});

test('after 3000 steps the parameters have moved far from where they started, so the comparison has something to compare', () => {
  // A guard on the test above: a frozen optimizer would trivially "match" a frozen reference.
  const [{ actual, expected }] = longRun(3000, [3000]);
  const start = testValues(3, SCALES.length, -1, 1);
  assert.ok(Math.abs(expected[1] - start[1]) > 1, `the walking parameter moved ${expected[1] - start[1]}`);
  assert.ok(Math.abs(actual[7] - start[7]) > 0.1, `the pulled parameter moved ${actual[7] - start[7]}`);
});

test('with gradients far below ε, Adam adds ε to the uncorrected sqrt(v) for thousands of steps', () => {
  // g ≈ 1e-10·(θ − target): sqrt(v) ≈ 1e-10 ≪ ε = 1e-7, so the step is about α·m/ε ≈ lr·1e-3 of a
  // normal step. Adding ε to the bias-corrected sqrt(v̂) instead (TensorFlow.js's placement)
  // divides by sqrt(v)/sqrt(1 − β2^t) + ε and moves these parameters by a different amount.
  const tiny = [1e-10, -3e-9, 5e-8, 2e-7];
  const points = longRun(5000, [50, 500, 5000], tiny);
  for (const point of points) assertOnTrajectory(point);
});
