/**
 * `--metric`: the history compare and merge rank their rows by and chart, checked against the
 * histories the runs have (or will have) before any work.
 */
import { msg } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { missingFix } from '../report/metric-choice.js';
import { closest } from './argument-error.js';

/** `metric` when the runs have it; else one line naming the ones they have and how to get it. */
export function checkMetric(metric: string, available: readonly string[]): string {
  if (available.includes(metric)) return metric;
  throw new InputError(
    msg('metric.notTracked', { metric, names: available.join(', '), fix: missingFix(metric, available), suggestion: available.find((name) => name.startsWith(metric)) ?? closest(metric, available) }),
  );
}
