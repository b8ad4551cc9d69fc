/**
 * Keras's CSVLogger format: a header `epoch,loss[,val_loss]` (after `epoch`, the log keys in
 * sorted order, as CSVLogger sorts them, so `end_loss` comes first when present), one row per
 * epoch with the 0-based epoch number and full-precision floats as Python writes them.
 */
import type { History } from '../training/fit.js';
import { pyRepr } from './format.js';

export function csvLogText(history: History): string {
  const columns: Array<[string, number[]]> = [['loss', history.loss]];
  if (history.val_loss) columns.push(['val_loss', history.val_loss]);
  if (history.end_loss) columns.push(['end_loss', history.end_loss]);
  columns.sort(([a], [b]) => (a < b ? -1 : 1));
  const rows = history.epoch.map((epoch, i) => [String(epoch), ...columns.map(([, values]) => pyRepr(values[i]))].join(','));
  return `${['epoch', ...columns.map(([name]) => name)].join(',')}\n${rows.map((row) => `${row}\n`).join('')}`;
}
