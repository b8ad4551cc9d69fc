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
 *   m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 *   α_t = lr·sqrt(1 − β2^t) / (1 − β1^t)
 *   θ ← θ − α_t·m / (sqrt(v) + ε)                              ("epsilon hat", as Keras)
 */
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
  /** Applies one update θ ← θ − f(g) to params[0, grads.length). */
  step(params: Float32Array, grads: Float32Array): void;
}

export function createOptimizer(config: OptimizerConfig, size: number): Optimizer {
  switch (config.name) {
    case 'sgd':
      return sgd(config, size);
    case 'rmsprop':
      return rmsprop(config, size);
    case 'adam':
      return adam(config, size);
  }
}

function sgd(config: SgdConfig, size: number): Optimizer {
  const { learningRate: lr, momentum: mu, nesterov } = config;
  const m = new Float32Array(mu > 0 ? size : 0);
  let t = 0;
  return {
    config,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      if (mu === 0) {
        for (let i = 0; i < grads.length; i++) params[i] -= lr * grads[i];
        return;
      }
      for (let i = 0; i < grads.length; i++) {
        m[i] = mu * m[i] - lr * grads[i];
        params[i] += nesterov ? mu * m[i] - lr * grads[i] : m[i];
      }
    },
  };
}

function rmsprop(config: RmspropConfig, size: number): Optimizer {
  const { learningRate: lr, rho, epsilon, momentum: mu } = config;
  const v = new Float32Array(size);
  const m = new Float32Array(mu > 0 ? size : 0);
  let t = 0;
  return {
    config,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        v[i] = rho * v[i] + (1 - rho) * g * g;
        const update = (lr * g) / Math.sqrt(v[i] + epsilon);
        if (mu === 0) {
          params[i] -= update;
        } else {
          m[i] = mu * m[i] + update;
          params[i] -= m[i];
        }
      }
    },
  };
}

function adam(config: AdamConfig, size: number): Optimizer {
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon } = config;
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  let t = 0;
  // c[0] = 1 − β1^t and c[1] = 1 − β2^t, the bias corrections. β^t only shrinks, so once 1 − β^t
  // rounds to exactly 1 it stays 1, and the two Math.pow calls (a third of a batch-1 step) are no
  // longer needed: with the default βs from t = 356 and t = 37,412 on. The values are the same as
  // computing them always. (A typed array, because a fractional number stored in a closure
  // variable is a fresh heap object on every store.)
  const c = new Float64Array(2);
  return {
    config,
    get iterations() {
      return t;
    },
    step(params, grads) {
      t++;
      if (c[0] !== 1) c[0] = 1 - Math.pow(b1, t);
      if (c[1] !== 1) c[1] = 1 - Math.pow(b2, t);
      const alpha = (lr * Math.sqrt(c[1])) / c[0];
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        params[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + epsilon);
      }
    },
  };
}
