/**
 * Keras metrics as weighted running means (keras/src/metrics/accuracy_metrics.py,
 * regression_metrics.py, reduction_metrics.py). Each metric gives one value per sample; Keras's
 * `Mean` adds the batch's float32 sum of them to a float32 total and the batch's sample count to a
 * float32 count, and reports total / count.
 *
 *   binary_accuracy              mean over units of (p > 0.5) == t
 *   categorical_accuracy         argmax(p) == argmax(t)   (first index on ties, as argmax)
 *   sparse_categorical_accuracy  argmax(p) == label
 *   mae / mse                    mean over units of |p − t| / (p − t)² (one target column
 *                                broadcast over the units)
 *
 * `accuracy` is resolved as Keras's compile does, by shapes: one output unit → binary; one target
 * column for several units → sparse categorical; otherwise categorical. It keeps the name
 * `accuracy` in the logs.
 */
export const METRIC_KINDS = ['binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy', 'mae', 'mse'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_NAMES = ['accuracy', ...METRIC_KINDS] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

/** A metric as it is logged (`name`) and computed (`kind`). */
export interface Metric {
  readonly name: MetricName;
  readonly kind: MetricKind;
}

/** Keras's resolution of a metric name for `units` outputs and `targetColumns` target columns. */
export function resolveMetric(name: MetricName, units: number, targetColumns: number): Metric {
  if (name !== 'accuracy') return { name, kind: name };
  const kind: MetricKind = units === 1 ? 'binary_accuracy' : targetColumns === 1 ? 'sparse_categorical_accuracy' : 'categorical_accuracy';
  return { name, kind };
}

const f = Math.fround;

function argmax(values: Float32Array, at: number, count: number): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (values[at + j] > values[at + best]) best = j;
  return best;
}

/**
 * The float32 sum over `rows` samples of the metric's per-sample values, into `out[at]`:
 * predictions from element 0, `units` per row; targets from `targetStart`, `targetColumns` per
 * row. (Written to an array rather than returned: a returned fraction may be boxed in a fresh heap
 * object, and the training step allocates nothing.)
 */
export function metricSum(
  kind: MetricKind,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  rows: number,
  units: number,
  targetColumns: number,
  out: Float64Array,
  at: number,
): void {
  // One loop per kind, each adding to `total` directly: no per-sample value crosses a branch.
  let total = 0;
  switch (kind) {
    case 'sparse_categorical_accuracy':
      for (let r = 0; r < rows; r++) total += +(argmax(predicted, r * units, units) === target[targetStart + r * targetColumns]);
      break;
    case 'categorical_accuracy':
      for (let r = 0; r < rows; r++) total += +(argmax(predicted, r * units, units) === argmax(target, targetStart + r * targetColumns, targetColumns));
      break;
    case 'binary_accuracy':
      for (let r = 0; r < rows; r++) {
        let hits = 0;
        for (let j = 0; j < units; j++) hits += +(+(predicted[r * units + j] > 0.5) === target[targetStart + r * targetColumns + j]);
        total += units === 1 ? hits : f(hits / units);
      }
      break;
    case 'mae':
    case 'mse': {
      const square = kind === 'mse';
      // One target column against several units broadcasts, as Keras's subtraction does.
      const step = targetColumns === 1 ? 0 : 1;
      for (let r = 0; r < rows; r++) {
        let row = 0;
        for (let j = 0, t = targetStart + r * targetColumns; j < units; j++, t += step) {
          const e = f(predicted[r * units + j] - target[t]);
          row = f(row + (square ? f(e * e) : Math.abs(e)));
        }
        total += units === 1 ? row : f(row / units);
      }
      break;
    }
  }
  out[at] = f(total);
}
