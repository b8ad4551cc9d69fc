/**
 * Optimizer updates worked by hand from Keras 3's update_step in keras/src/optimizers/adam.py,
 * sgd.py and rmsprop.py (formulas in src/core/optimizers.ts's header). Each test writes the
 * arithmetic out in a comment and recomputes the expected values with plain float64 scalars,
 * independently of src/core/optimizers.ts. The implementation keeps parameters and state in
 * float32, so the comparison allows a relative 2e-6.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPTIMIZER_DEFAULTS,
  createOptimizer,
  optimizerConfig,
  type OptimizerConfig,
} from '../../src/core/optimizers.js';
import { assertClose } from './reference.js';

const REL = 2e-6;
const ABS = 1e-8;

/** Runs the optimizer on one parameter with the given gradient sequence; θ after each step. */
function run(config: OptimizerConfig, theta0: number, gradients: number[]): number[] {
  const optimizer = createOptimizer(config, 1);
  const params = Float32Array.of(theta0);
  const grads = new Float32Array(1);
  return gradients.map((g) => {
    grads[0] = g;
    optimizer.step(params, grads);
    return params[0];
  });
}

function assertTrajectory(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assertClose(v, expected[i], REL, ABS, `θ after step ${i + 1}`));
}

describe('Keras defaults', () => {
  test('adam defaults to lr 0.001, beta1 0.9, beta2 0.999 and epsilon 1e-7', () => {
    assert.deepEqual(optimizerConfig('adam'), { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  test('sgd defaults to lr 0.01 without momentum or nesterov', () => {
    assert.deepEqual(optimizerConfig('sgd'), { name: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false });
  });

  test('rmsprop defaults to lr 0.001, rho 0.9, epsilon 1e-7 and no momentum', () => {
    assert.deepEqual(optimizerConfig('rmsprop'), { name: 'rmsprop', learningRate: 0.001, rho: 0.9, epsilon: 1e-7, momentum: 0 });
  });

  test('overrides replace only the given fields, undefined keeps the default, and the defaults stay untouched', () => {
    assert.deepEqual(optimizerConfig('sgd', { learningRate: 0.5, momentum: 0.9, nesterov: true }), {
      name: 'sgd',
      learningRate: 0.5,
      momentum: 0.9,
      nesterov: true,
    });
    assert.deepEqual(optimizerConfig('rmsprop', { momentum: 0.3 }), { ...OPTIMIZER_DEFAULTS.rmsprop, momentum: 0.3 });
    assert.deepEqual(optimizerConfig('adam', { learningRate: undefined }), OPTIMIZER_DEFAULTS.adam);
    assert.equal(OPTIMIZER_DEFAULTS.sgd.learningRate, 0.01);
    assert.equal(OPTIMIZER_DEFAULTS.rmsprop.momentum, 0);
  });
});

describe('SGD', () => {
  test('plain SGD subtracts lr times the gradient', () => {
    // lr 0.1, θ0 = 1, g = 0.5, −0.25, 1:
    //   θ1 = 1 − 0.1·0.5 = 0.95;  θ2 = 0.95 + 0.1·0.25 = 0.975;  θ3 = 0.975 − 0.1·1 = 0.875
    const theta = run(optimizerConfig('sgd', { learningRate: 0.1 }), 1, [0.5, -0.25, 1]);
    assertTrajectory(theta, [0.95, 0.975, 0.875]);
  });

  test('momentum keeps a velocity m = μ·m − lr·g and adds it', () => {
    // lr 0.1, μ 0.9, θ0 = 1, g = 0.5, 0.5, −1:
    //   m1 = −0.05                     θ1 = 0.95
    //   m2 = 0.9·(−0.05) − 0.05 = −0.095   θ2 = 0.855
    //   m3 = 0.9·(−0.095) + 0.1 = 0.0145   θ3 = 0.8695
    const theta = run(optimizerConfig('sgd', { learningRate: 0.1, momentum: 0.9 }), 1, [0.5, 0.5, -1]);
    assertTrajectory(theta, [0.95, 0.855, 0.8695]);
    // The same numbers from the formula, step by step.
    let m = 0;
    let t = 1;
    const expected = [0.5, 0.5, -1].map((g) => {
      m = 0.9 * m - 0.1 * g;
      return (t += m);
    });
    assertTrajectory(theta, expected);
  });

  test('nesterov momentum adds μ·m − lr·g with the updated m', () => {
    // lr 0.1, μ 0.9, θ0 = 1, g = 0.5, 0.5, −1:
    //   m1 = −0.05     θ1 = 1 + 0.9·(−0.05) − 0.05 = 0.905
    //   m2 = −0.095    θ2 = 0.905 + 0.9·(−0.095) − 0.05 = 0.7695
    //   m3 = 0.0145    θ3 = 0.7695 + 0.9·0.0145 + 0.1 = 0.88255
    const theta = run(optimizerConfig('sgd', { learningRate: 0.1, momentum: 0.9, nesterov: true }), 1, [0.5, 0.5, -1]);
    assertTrajectory(theta, [0.905, 0.7695, 0.88255]);
  });

  test('nesterov without momentum is plain SGD', () => {
    const theta = run(optimizerConfig('sgd', { learningRate: 0.1, nesterov: true }), 1, [0.5, -0.25, 1]);
    assertTrajectory(theta, [0.95, 0.975, 0.875]);
  });
});

describe('RMSprop', () => {
  test('RMSprop divides by sqrt(v + ε) with v a running mean of g²', () => {
    // lr 0.01, ρ 0.9, ε 1e-7, θ0 = 1, g = 0.5, −0.25, 1:
    //   v1 = 0.1·0.25 = 0.025                     Δ1 = 0.01·0.5 / sqrt(0.0250001)  = 0.0316227
    //   v2 = 0.9·0.025 + 0.1·0.0625 = 0.02875     Δ2 = −0.0025 / sqrt(0.0287501)   = −0.0147442
    //   v3 = 0.9·0.02875 + 0.1·1 = 0.125875       Δ3 = 0.01 / sqrt(0.1258751)     = 0.0281858
    //   θ = 0.9683773, 0.9831215, 0.9549357
    const theta = run(optimizerConfig('rmsprop', { learningRate: 0.01 }), 1, [0.5, -0.25, 1]);
    assertTrajectory(theta, [0.9683773, 0.9831215, 0.9549357]);
    let v = 0;
    let t = 1;
    const expected = [0.5, -0.25, 1].map((g) => {
      v = 0.9 * v + 0.1 * g * g;
      return (t -= (0.01 * g) / Math.sqrt(v + 1e-7));
    });
    assertTrajectory(theta, expected);
  });

  test('RMSprop with momentum accumulates m = μ·m + lr·g/sqrt(v + ε) and subtracts it', () => {
    // Same Δ as above, μ 0.5:
    //   m1 = 0.0316227              θ1 = 0.9683773
    //   m2 = 0.5·0.0316227 − 0.0147442 = 0.0010672   θ2 = 0.9673101
    //   m3 = 0.5·0.0010672 + 0.0281858 = 0.0287194   θ3 = 0.9385907
    const theta = run(optimizerConfig('rmsprop', { learningRate: 0.01, momentum: 0.5 }), 1, [0.5, -0.25, 1]);
    assertTrajectory(theta, [0.9683773, 0.9673101, 0.9385907]);
  });

  test('RMSprop puts ε inside the square root', () => {
    // g = 1e-4, lr 0.001: v = 0.1·1e-8 = 1e-9.
    //   ε inside:  Δ = 1e-7 / sqrt(1e-9 + 1e-7)  = 1e-7 / 3.17805e-4 = 3.14658e-4
    //   ε outside: Δ = 1e-7 / (3.16228e-5 + 1e-7) = 3.15231e-3 (ten times larger)
    const theta = run(optimizerConfig('rmsprop'), 0, [1e-4]);
    assertClose(theta[0], -1e-7 / Math.sqrt(1e-9 + 1e-7), REL, 0);
    assertClose(theta[0], -3.14658e-4, 1e-5, 0);
  });
});

describe('Adam', () => {
  test('Adam follows the epsilon-hat form step by step', () => {
    // lr 0.1, β1 0.9, β2 0.999, ε 1e-7, θ0 = 1, g = 0.5, −0.25, 1:
    // t=1: m = 0.05, v = 0.001·0.25 = 0.00025, α = 0.1·sqrt(0.001)/0.1 = 0.0316228
    //      Δ = 0.0316228·0.05 / (0.0158114 + 1e-7) = 0.0999994     θ1 = 0.9000006
    // t=2: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
    //      α = 0.1·sqrt(1 − 0.999²)/(1 − 0.81) = 0.0235317
    //      Δ = 0.0235317·0.02 / (0.0176706 + 1e-7) = 0.0266336     θ2 = 0.8733671
    // t=3: m = 0.018 + 0.1 = 0.118, v = 0.000311938 + 0.001 = 0.00131194
    //      α = 0.1·sqrt(1 − 0.999³)/(1 − 0.729) = 0.0202011
    //      Δ = 0.0202011·0.118 / (0.0362207 + 1e-7) = 0.0658110    θ3 = 0.8075561
    const theta = run(optimizerConfig('adam', { learningRate: 0.1 }), 1, [0.5, -0.25, 1]);
    assertTrajectory(theta, [0.9000006, 0.8733671, 0.8075561]);
    let m = 0;
    let v = 0;
    let t = 0;
    let p = 1;
    const expected = [0.5, -0.25, 1].map((g) => {
      t += 1;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      const alpha = (0.1 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      return (p -= (alpha * m) / (Math.sqrt(v) + 1e-7));
    });
    assertTrajectory(theta, expected);
  });

  test('Adam adds ε to the uncorrected sqrt(v), not to the bias-corrected one', () => {
    // A gradient small enough for ε to matter: g = 1e-6, lr 0.001, t = 1.
    //   m = 1e-7, v = 1e-15, sqrt(v) = 3.16228e-8, α = 0.001·0.0316228/0.1 = 3.16228e-4
    //   epsilon hat (Keras):   Δ = 3.16228e-4·1e-7 / (3.16228e-8 + 1e-7) = 2.40253e-4
    //   corrected (TF.js):     Δ = 0.001·1e-6 / (1e-6 + 1e-7)           = 9.09091e-4
    const theta = run(optimizerConfig('adam'), 0, [1e-6]);
    assertClose(theta[0], -2.40253e-4, 1e-5, 0);
  });

  test('the first Adam step moves every parameter by about lr whatever the gradient scale', () => {
    // At t = 1, m̂ = g and sqrt(v̂) = |g|, so Δ = lr·sign(g) up to ε and up to the float32
    // rounding of Keras's scalars (1 − f32(0.9) is 0.10000002, not 0.1): 1.3e-5 relative here.
    const optimizer = createOptimizer(optimizerConfig('adam', { learningRate: 0.01 }), 3);
    const params = Float32Array.of(0, 0, 0);
    optimizer.step(params, Float32Array.of(100, -0.5, 3));
    assertClose(params[0], -0.01, 2e-5, 0);
    assertClose(params[1], 0.01, 2e-5, 0);
    assertClose(params[2], -0.01, 2e-5, 0);
  });
});

describe('optimizer bookkeeping', () => {
  for (const config of [
    optimizerConfig('adam'),
    optimizerConfig('sgd', { momentum: 0.9 }),
    optimizerConfig('rmsprop', { momentum: 0.5 }),
  ]) {
    test(`${config.name} counts its updates and keeps separate state for each parameter`, () => {
      const together = createOptimizer(config, 2);
      const params = Float32Array.of(1, -2);
      const gradients = [
        [0.5, 3],
        [-0.25, 1],
        [1, -2],
      ];
      for (const [a, b] of gradients) together.step(params, Float32Array.of(a, b));
      assert.equal(together.iterations, 3);
      assert.equal(together.config, config);
      // Each parameter on its own follows the same trajectory.
      assert.equal(params[0], run(config, 1, gradients.map((g) => g[0])).at(-1));
      assert.equal(params[1], run(config, -2, gradients.map((g) => g[1])).at(-1));
    });
  }

  test('a zero gradient leaves a parameter unchanged with adam and rmsprop (no 0/0)', () => {
    for (const name of ['adam', 'rmsprop'] as const) {
      const theta = run(optimizerConfig(name), 0.25, [0, 0]);
      assert.deepEqual(theta, [0.25, 0.25], name);
    }
  });
});

describe('the optimizers against real Keras, bit for bit', () => {
  // Keras 3.15.1 on TensorFlow 2.21.0: a float32 variable of three zeros, three
  // apply_gradients calls with the gradients below, the variable printed after each with
  // repr(float(...)). Every operation in Keras is a float32 tensor operation, so batchsim must
  // land on exactly the same float32 values.
  //   v = keras.Variable(np.zeros(3, np.float32))
  //   for g in ([100, -0.5, 3], [0.25, 1e-3, -7], [1, 2, 3]):
  //       opt.apply_gradients([(np.array(g, np.float32), v)])
  const gradients = [
    [100, -0.5, 3],
    [0.25, 1e-3, -7],
    [1, 2, 3],
  ];
  const cases: [string, OptimizerConfig, number[][]][] = [
    [
      'Adam(0.01)',
      optimizerConfig('adam', { learningRate: 0.01 }),
      [
        [-0.009999933652579784, 0.009999869391322136, -0.009999922476708889],
        [-0.016719039529561996, 0.01668543927371502, -0.0057981121353805065],
        [-0.021976642310619354, 0.011739958077669144, -0.005118796601891518],
      ],
    ],
    [
      'SGD(0.01, momentum=0.9, nesterov=True)',
      optimizerConfig('sgd', { momentum: 0.9, nesterov: true }),
      [
        [-1.899999976158142, 0.009499999694526196, -0.056999996304512024],
        [-2.714749813079834, 0.013530999422073364, 0.05170000344514847],
        [-3.4647746086120605, -0.02083209902048111, 0.029530003666877747],
      ],
    ],
    [
      'RMSprop(0.001, momentum=0.5)',
      optimizerConfig('rmsprop', { momentum: 0.5 }),
      [
        [-0.003162277862429619, 0.00316227157600224, -0.0031622773967683315],
        [-0.0047517502680420876, 0.004736740607768297, -0.001814007293432951],
        [-0.005581620614975691, 0.0024388267192989588, -0.002360655926167965],
      ],
    ],
  ];
  for (const [name, config, expected] of cases) {
    test(`${name} gives Keras's float32 values exactly`, () => {
      const optimizer = createOptimizer(config, 3);
      const params = new Float32Array(3);
      gradients.forEach((g, k) => {
        optimizer.step(params, Float32Array.from(g));
        assert.deepEqual(Array.from(params), expected[k], `after step ${k + 1}`);
      });
    });
  }
});
