/**
 * Steps to a target (Shallue et al. 2019, "Measuring the Effects of Data Parallelism on Neural
 * Network Training", JMLR 20(112)): the optimizer steps S a run takes until the evaluation at its
 * current weights first reaches a target, and the examples E = B·S those steps consumed.
 *
 * A target is one field compared with a number, e.g. `valLoss <= 0.05`:
 *   trainLoss, trainAccuracy  the loss or accuracy over every training sample at the current weights
 *   valLoss, valAccuracy      the same over the validation samples
 * All are computed as Keras's `evaluate` (and as fit's val_loss and val_accuracy), in chunks of
 * the run's batch size, so at an epoch's end valLoss is exactly that epoch's val_loss.
 *
 * Checking after every step would cost, for small batches, far more than training: one check is
 * a forward pass over the m evaluated samples, one step a forward and a backward pass over its B
 * samples. Measured (bench/check-cost.ts), a training step costs 1.35 to 19 times an
 * evaluation per sample, the least for tiny models and large batches; counting it as 1.25,
 * checking every k steps costs at most m / (1.25·B·k) of training; `checkInterval` picks the
 * smallest k that keeps this at or under a quarter. The target is checked after steps k, 2k, 3k, …, at the initial
 * weights (S = 0 when they already reach it) and, for a validation field, at the end of every
 * epoch, where the fit loop evaluates the validation part anyway. So S is exact to within k − 1 steps.
 */

/** What a target can compare. */
export const TARGET_FIELDS = ['trainLoss', 'valLoss', 'trainAccuracy', 'valAccuracy'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** The metric a field reads (`accuracy`), or null for a loss. */
export function targetMetricName(field: TargetField): string | null {
  return field.endsWith('Accuracy') ? 'accuracy' : null;
}

export type TargetOp = '<' | '<=' | '>' | '>=';

/** `field op value`, e.g. valLoss <= 0.05. */
export interface TargetCondition {
  readonly field: TargetField;
  readonly op: TargetOp;
  readonly value: number;
}

/** Where a run first reached its target. */
export interface TargetReached {
  /** Optimizer steps taken when the check found the target reached (0: at the initial weights). */
  readonly steps: number;
  /** Examples those steps consumed: batch size × steps (E = B·S). */
  readonly examples: number;
  /** 1-based epoch the step belongs to (0 for the initial weights). */
  readonly epoch: number;
  /** The field's value at that check. */
  readonly value: number;
}

/** What a run records about its target. */
export interface TargetOutcome {
  readonly condition: TargetCondition;
  /** Steps between checks (besides the one at the start and the one at each epoch's end). */
  readonly everySteps: number;
  /** Checks made. */
  readonly checks: number;
  /** null: never reached. */
  readonly reached: TargetReached | null;
}

/** Largest share of training time the checks may cost. */
export const CHECK_BUDGET = 0.25;

/** The least a training step costs per sample, in evaluations of one sample (measured; see above). */
export const STEP_COST_PER_SAMPLE = 1.25;

/**
 * Steps between target checks: the smallest k with m / (1.25·rows·k) ≤ CHECK_BUDGET, where m is
 * the samples one check evaluates and rows the samples of a full batch.
 */
export function checkInterval(evaluatedSamples: number, rowsPerStep: number): number {
  return Math.max(1, Math.ceil(evaluatedSamples / (STEP_COST_PER_SAMPLE * rowsPerStep * CHECK_BUDGET)));
}

/** Whether `value` meets the condition (NaN never does). */
export function meets(condition: TargetCondition, value: number): boolean {
  switch (condition.op) {
    case '<':
      return value < condition.value;
    case '<=':
      return value <= condition.value;
    case '>':
      return value > condition.value;
    case '>=':
      return value >= condition.value;
  }
}

/** `valLoss <= 0.05` */
export function conditionText(condition: TargetCondition): string {
  return `${condition.field} ${condition.op} ${condition.value}`;
}

/** Whether the field is measured on the validation part. */
export function onValidation(field: TargetField): boolean {
  return field.startsWith('val');
}
