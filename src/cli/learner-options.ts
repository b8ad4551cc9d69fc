/**
 * Options for people learning what a batch is: explain the arithmetic, show the batches, report
 * the end-of-epoch loss, Keras 3's line, a Keras script and a Keras CSV log. `train` only.
 */
import { Command, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { ProgbarStyle } from '../report/progbar.js';
import { oneOf } from './parsers.js';

export const LOSS_REPORTS = ['running', 'end'] as const;
export type LossReport = (typeof LOSS_REPORTS)[number];
export const STYLES = ['keras2', 'keras3'] as const satisfies readonly ProgbarStyle[];

export interface LearnerConfig {
  /** Print the run's arithmetic in words before training. */
  readonly explain: boolean;
  /** List the sample indices of each batch, every epoch. */
  readonly showBatches: boolean;
  /** `end` also evaluates the loss on all training data after each epoch (end_loss). */
  readonly lossReport: LossReport;
  readonly style: ProgbarStyle;
  /** Print a Python/Keras script that repeats the run, instead of training. */
  readonly emitKeras: boolean;
  /** Keras CSVLogger file (absolute), or null. */
  readonly csvLog: string | null;
}

export function addLearnerOptions(command: Command): Command {
  return command
    .addOption(new Option('--explain', 'before training, explain the arithmetic: steps per epoch, batch sizes, updates, what the loss means'))
    .addOption(new Option('--show-batches', 'list which samples (0-based indices) form each batch, every epoch'))
    .addOption(
      new Option('--loss-report <kind>', "running: Keras's logged loss; end: also the loss on all training data after each epoch (end_loss)")
        .argParser(oneOf('loss report', LOSS_REPORTS))
        .default('running'),
    )
    .addOption(new Option('--style <style>', "progress line: keras2 (30-wide '=' bar) or keras3 (20-wide '━' bar)").argParser(oneOf('style', STYLES)).default('keras2'))
    .addOption(new Option('--emit-keras', 'print a Python script that repeats this run in Keras (same data, weights, settings), and do not train'))
    .addOption(new Option('--csv-log <file>', "write Keras CSVLogger's file: epoch,loss[,val_loss] with 0-based epochs"));
}

export function resolveLearnerConfig(command: Command, cwd: string): LearnerConfig {
  const o = command.opts<{ explain?: boolean; showBatches?: boolean; lossReport: LossReport; style: ProgbarStyle; emitKeras?: boolean; csvLog?: string }>();
  return {
    explain: o.explain === true,
    showBatches: o.showBatches === true,
    lossReport: o.lossReport,
    style: o.style,
    emitKeras: o.emitKeras === true,
    csvLog: o.csvLog === undefined ? null : isAbsolute(o.csvLog) ? o.csvLog : resolve(cwd, o.csvLog),
  };
}
