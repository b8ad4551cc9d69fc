/**
 * The history a comparison or a merge is ranked and charted by (`--metric`): `loss`, `val_loss`
 * or a tracked metric such as `accuracy` / `val_accuracy`. Accuracies are better higher, losses
 * and error metrics (mae, mse) lower; runs are ranked by the metric's last epoch, mean over seeds.
 */
import type { CompareSummary, Spread } from './summary.js';

/**
 * The histories runs of this configuration will have, before any training: `loss`, the tracked
 * metrics, and their `val_` twins with a validation split.
 */
export function plannedMetrics(metrics: readonly string[], validation: boolean): string[] {
  const train = ['loss', ...metrics];
  return validation ? [...train, ...train.map((name) => `val_${name}`)] : train;
}

/** History keys that are not metrics a user ranks by. */
const NOT_RANKED = new Set(['end_loss']);

/** True for accuracies (`accuracy`, `val_sparse_categorical_accuracy`, ...): higher is better. */
export function higherIsBetter(metric: string): boolean {
  const base = metric.startsWith('val_') ? metric.slice(4) : metric;
  return base === 'accuracy' || base.endsWith('_accuracy');
}

/** The history keys every run of every summary has, in Keras's order: loss, metrics, then val_ ones. */
export function rankableMetrics(summary: readonly CompareSummary[]): string[] {
  if (summary.length === 0) return [];
  const names = Object.keys(summary[0].histories).filter((name) => !NOT_RANKED.has(name) && summary.every((s) => name in s.histories));
  const order = (name: string): number => (name.startsWith('val_') ? 2 : 0) + (name === 'loss' || name === 'val_loss' ? 0 : 1);
  return names.sort((a, b) => order(a) - order(b));
}

/** The last-epoch value of `metric` in a summary (mean and spread over seeds), or null. */
export function finalOf(summary: CompareSummary, metric: string): Spread | null {
  return summary.histories[metric]?.final ?? null;
}

/**
 * Summaries ordered best first by `metric` (stable: ties keep their order; runs without a finite
 * value last).
 */
export function rankBy<R extends CompareSummary>(summary: readonly R[], metric: string): R[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  const key = (s: R): number => {
    const value = finalOf(s, metric)?.mean ?? NaN;
    return Number.isFinite(value) ? sign * value : Infinity;
  };
  return summary
    .map((s, i) => ({ s, i, k: key(s) }))
    .sort((a, b) => (a.k === b.k ? a.i - b.i : a.k < b.k ? -1 : 1))
    .map(({ s }) => s);
}

/** Why `metric` is not among `available`: it needs a validation split, or --metrics; null: neither helps. */
export function missingFix(metric: string, available: readonly string[]): 'validation' | 'metrics' | null {
  const base = metric.startsWith('val_') ? metric.slice(4) : metric;
  if (metric !== base && available.includes(base)) return 'validation';
  return base === 'accuracy' || base.endsWith('_accuracy') || base === 'mae' || base === 'mse' ? 'metrics' : null;
}
