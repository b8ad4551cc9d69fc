/**
 * Optimizers with Keras's formulas and defaults, updating a flat parameter buffer in place.
 * t is the 1-based update count. Parameters and state are float32, as in Keras.
 *
 * SGD (lr 0.01, momentum μ = 0, nesterov off)
 *   μ = 0:     θ ← θ − lr·g
 *   μ > 0:     m ← μ·m − lr·g;  θ ← θ + m            (nesterov: θ ← θ + μ·m − lr·g)
 *
 * RMSprop (lr 0.001, ρ 0.9, ε 1e-7, momentum μ = 0)           — Hinton, Lecture 6e
 *   v ← ρ·v + (1 − ρ)·g²
 *   μ = 0:     θ ← θ − lr·g / sqrt(v + ε)                      (ε inside the root)
 *   μ > 0:     m ← μ·m + lr·g / sqrt(v + ε);  θ ← θ − m
 *
 * Adam (lr 0.001, β1 0.9, β2 0.999, ε 1e-7)                    — Kingma & Ba 2015, Alg. 1
 *   m ← m + (g − m)·(1 − β1);   v ← v + (g² − v)·(1 − β2)        (Keras's form of the averages)
 *   α_t = lr·sqrt(1 − β2^t) / (1 − β1^t)
 *   θ ← θ − α_t·m / (sqrt(v) + ε)                              ("epsilon hat", as Keras)
 *
 * Every operation is float32, scalars included, in Keras 3's order (see below).
 */
import { createWasmKernels, type WasmKernelsPool } from './kernels-wasm.js';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export function isOptimizer(name: string): name is OptimizerName {
  return (OPTIMIZERS as readonly string[]).includes(name);
}

export interface AdamConfig {
  readonly name: 'adam';
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}
export interface SgdConfig {
  readonly name: 'sgd';
  readonly learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
}
export interface RmspropConfig {
  readonly name: 'rmsprop';
  readonly learningRate: number;
  readonly rho: number;
  readonly epsilon: number;
  readonly momentum: number;
}
export type OptimizerConfig = AdamConfig | SgdConfig | RmspropConfig;

/** Keras's defaults for each optimizer. */
export const OPTIMIZER_DEFAULTS: { readonly [K in OptimizerName]: Extract<OptimizerConfig, { name: K }> } = {
  adam: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  sgd: { name: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false },
  rmsprop: { name: 'rmsprop', learningRate: 0.001, rho: 0.9, epsilon: 1e-7, momentum: 0 },
};

/** The optimizer's Keras defaults with the given overrides (undefined means "default"). */
export function optimizerConfig(
  name: OptimizerName,
  overrides: { learningRate?: number; momentum?: number; nesterov?: boolean } = {},
): OptimizerConfig {
  const base = OPTIMIZER_DEFAULTS[name];
  const learningRate = overrides.learningRate ?? base.learningRate;
  switch (base.name) {
    case 'adam':
      return { ...base, learningRate };
    case 'sgd':
      return {
        ...base,
        learningRate,
        momentum: overrides.momentum ?? base.momentum,
        nesterov: overrides.nesterov ?? base.nesterov,
      };
    case 'rmsprop':
      return { ...base, learningRate, momentum: overrides.momentum ?? base.momentum };
  }
}

export interface Optimizer {
  readonly config: OptimizerConfig;
  /** Number of updates applied so far (t after the last step). */
  readonly iterations: number;
  /**
   * The float32 learning rate the next step uses, starting at `config.learningRate`. A schedule
   * (a warm-up) writes it between steps, as Keras evaluates a LearningRateSchedule at each step.
   */
  readonly rate: Float32Array;
  /** Applies one update θ ← θ − f(g) to params[0, grads.length). */
  step(params: Float32Array, grads: Float32Array): void;
}

/**
 * `kernels` as for a model (model.ts): Adam updates four parameters at a time with WebAssembly
 * SIMD where it runs, with the same bits as in JavaScript; its instance comes from `pool` when
 * one is given (kernels-wasm.ts).
 */
export function createOptimizer(config: OptimizerConfig, size: number, kernels: 'auto' | 'js' | 'wasm-simd' = 'auto', pool?: WasmKernelsPool): Optimizer {
  switch (config.name) {
    case 'sgd':
      return sgd(config, size);
    case 'rmsprop':
      return rmsprop(config, size);
    case 'adam':
      return adam(config, size, kernels, pool);
  }
}

// Keras 3 (keras/src/optimizers/*.py, TensorFlow backend) runs every update as float32 tensor
// operations: each product, sum, quotient and root below is rounded to float32 (`f`) in Keras's
// order of operations. Python-float constants are combined in double first and cast to float32
// where they meet a tensor: Adam's `1 − β1` is the double 0.09999999999999998 cast to float32,
// not 1 − f32(0.9). See docs/fidelity.md.
const f = Math.fround;

function sgd(config: SgdConfig, size: number): Optimizer {
  const { nesterov } = config;
  const rate = Float32Array.of(config.learningRate);
  const mu = f(config.momentum);
  const m = new Float32Array(mu > 0 ? size : 0);
  let t = 0;
  return {
    config,
    rate,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      const lr = rate[0];
      if (mu === 0) {
        for (let i = 0; i < grads.length; i++) params[i] -= f(grads[i] * lr);
        return;
      }
      for (let i = 0; i < grads.length; i++) {
        const step = f(grads[i] * lr);
        m[i] = f(m[i] * mu) - step;
        params[i] += nesterov ? f(f(m[i] * mu) - step) : m[i];
      }
    },
  };
}

function rmsprop(config: RmspropConfig, size: number): Optimizer {
  const rate = Float32Array.of(config.learningRate);
  const rho = f(config.rho);
  const oneMinusRho = f(1 - config.rho);
  const epsilon = f(config.epsilon);
  const mu = f(config.momentum);
  const v = new Float32Array(size);
  const m = new Float32Array(mu > 0 ? size : 0);
  let t = 0;
  return {
    config,
    rate,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      const lr = rate[0];
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        v[i] = f(rho * v[i]) + f(oneMinusRho * f(g * g));
        const increment = f(f(lr * g) / f(Math.sqrt(f(v[i] + epsilon))));
        if (mu === 0) {
          params[i] -= increment;
        } else {
          m[i] = f(mu * m[i]) + increment;
          params[i] -= m[i];
        }
      }
    },
  };
}

/**
 * Keras 3's Adam, step by step:
 *   β1^t = pow(f32(β1), t), β2^t = pow(f32(β2), t)      float32 powers
 *   α_t  = lr·sqrt(1 − β2^t) / (1 − β1^t)               float32, left to right
 *   m ← m + (g − m)·(1 − β1);  v ← v + (g² − v)·(1 − β2)
 *   θ ← θ − (m·α_t) / (sqrt(v) + ε)
 */
function adam(config: AdamConfig, size: number, kernels: 'auto' | 'js' | 'wasm-simd' = 'auto', pool?: WasmKernelsPool): Optimizer {
  const rate = Float32Array.of(config.learningRate);
  const b1 = f(config.beta1);
  const b2 = f(config.beta2);
  const oneMinusB1 = f(1 - config.beta1);
  const oneMinusB2 = f(1 - config.beta2);
  const epsilon = f(config.epsilon);
  // With WebAssembly SIMD, m and v live in its memory next to a copy of the parameters and
  // gradients, and four parameters are updated at a time: the same float32 operations, so the
  // same bits (kernels-wasm.ts).
  // Memory: params, grads, m, v (each padded to whole vectors of four), then α_t, 1 − β1, 1 − β2, ε.
  const stride = 16 * Math.ceil(size / 4);
  const vector = size >= 4 && kernels !== 'js' ? (pool === undefined ? createWasmKernels(4 * stride + 16) : pool.take(4 * stride + 16)) : null;
  if (kernels === 'wasm-simd' && vector === null) throw new RangeError('WebAssembly SIMD kernels are not available on this JavaScript engine');
  const scalars = vector === null ? null : new Float32Array(vector.memory.buffer, 4 * stride, 4);
  if (scalars !== null) scalars.set([0, oneMinusB1, oneMinusB2, epsilon]);
  const m = vector === null ? new Float32Array(size) : new Float32Array(vector.memory.buffer, 2 * stride, size);
  const v = vector === null ? new Float32Array(size) : new Float32Array(vector.memory.buffer, 3 * stride, size);
  const paramsCopy = vector === null ? null : new Float32Array(vector.memory.buffer, 0, size);
  const gradsCopy = vector === null ? null : new Float32Array(vector.memory.buffer, stride, size);
  let t = 0;
  // c[0] = 1 − β1^t and c[1] = 1 − β2^t, the bias corrections, and c[2] = α_t. β^t only shrinks,
  // so once 1 − β^t rounds to exactly 1 it stays 1, and the two Math.pow calls (a third of a
  // batch-1 step) are no longer needed. (A typed array, because a fractional number stored in a
  // closure variable is a fresh heap object on every store.)
  const c = new Float64Array(3);
  return {
    config,
    rate,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      const lr = rate[0];
      if (c[0] !== 1) c[0] = f(1 - f(Math.pow(b1, t)));
      if (c[1] !== 1) c[1] = f(1 - f(Math.pow(b2, t)));
      c[2] = f(f(lr * f(Math.sqrt(c[1]))) / c[0]);
      if (vector !== null && grads.length === size && params.length === size) {
        paramsCopy!.set(params);
        gradsCopy!.set(grads);
        scalars![0] = c[2];
        vector.adam(0, stride, 2 * stride, 3 * stride, stride >> 4, 4 * stride);
        params.set(paramsCopy!);
        return;
      }
      const alpha = c[2];
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        m[i] += f(f(g - m[i]) * oneMinusB1);
        v[i] += f(f(f(g * g) - v[i]) * oneMinusB2);
        params[i] -= f(f(m[i] * alpha) / f(f(Math.sqrt(v[i])) + epsilon));
      }
    },
  };
}
