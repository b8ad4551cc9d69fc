/**
 * Learning-rate scaling rules for comparing batch sizes fairly, and the warm-up that goes with
 * them. `lr` is the rate for the base batch size B0; a run of batch size B trains with
 *
 *   none     lr
 *   linear   lr · B / B0         Goyal et al. 2017, "Accurate, Large Minibatch SGD" (arXiv:1706.02677)
 *   sqrt     lr · sqrt(B / B0)   Malladi et al. 2022, "On the SDEs and Scaling Rules for Adaptive
 *                                Gradient Algorithms" (arXiv:2205.10287), for Adam and RMSprop
 *
 * Warm-up over k epochs (Goyal et al. §2.2, "gradual warmup"): the rate starts at the base rate
 * lr and grows by the same amount every step until it reaches the scaled rate after k epochs'
 * steps. With W = k · (steps per epoch) and t the 0-based update count before an update:
 *
 *   rate(t) = lr + (lr(B) − lr) · t / W    for t < W;   lr(B) from then on
 *
 * computed in double and rounded to float32 where the optimizer takes it, as Keras evaluates a
 * LearningRateSchedule at `optimizer.iterations` and casts the result to the variables' dtype.
 */
export const LR_SCALINGS = ['none', 'linear', 'sqrt'] as const;
export type LrScaling = (typeof LR_SCALINGS)[number];

/** The default base batch size: Keras's default batch size, the one its default rates go with. */
export const DEFAULT_BASE_BATCH_SIZE = 32;

/** The rate for batch size `batchSize` when `learningRate` is right for `baseBatchSize`. */
export function scaledLearningRate(learningRate: number, batchSize: number, baseBatchSize: number, rule: LrScaling): number {
  switch (rule) {
    case 'none':
      return learningRate;
    case 'linear':
      return (learningRate * batchSize) / baseBatchSize;
    case 'sqrt':
      return learningRate * Math.sqrt(batchSize / baseBatchSize);
  }
}

/** A linear warm-up from `fromLearningRate` to the optimizer's rate over `epochs` epochs. */
export interface WarmUp {
  readonly fromLearningRate: number;
  readonly epochs: number;
}

/** The warm-up's rate before update `step` (0-based) of `steps` warm-up steps, toward `target`. */
export function warmUpRate(from: number, target: number, step: number, steps: number): number {
  return step < steps ? from + ((target - from) * step) / steps : target;
}
