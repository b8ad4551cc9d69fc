/**
 * Keras's CSVLogger format: a header `epoch,loss[,val_loss]` (after `epoch`, the log keys in
 * sorted order, as CSVLogger sorts them, so `end_loss` comes first when present and metrics sort
 * among the losses: `epoch,accuracy,loss,val_accuracy,val_loss`), one row per
 * epoch with the 0-based epoch number and full-precision floats as Python writes them.
 */
import type { History } from '../training/fit.js';
import { pyRepr } from './format.js';

export function csvLogText(history: History): string {
  const columns: Array<[string, number[]]> = [];
  for (const [name, values] of Object.entries(history)) if (name !== 'epoch' && values !== undefined) columns.push([name, values]);
  columns.sort(([a], [b]) => (a < b ? -1 : 1));
  const rows = history.epoch.map((epoch, i) => [String(epoch), ...columns.map(([, values]) => pyRepr(values[i]))].join(','));
  return `${['epoch', ...columns.map(([name]) => name)].join(',')}\n${rows.map((row) => `${row}\n`).join('')}`;
}
