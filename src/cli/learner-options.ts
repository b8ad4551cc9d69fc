/**
 * Options for people learning what a batch is: explain the arithmetic, show the batches, report
 * the end-of-epoch loss, Keras 3's line, a Keras script, a Keras CSV log and the gradient noise
 * scale. `train` only.
 */
import { Command, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { ProgbarStyle } from '../report/progbar.js';
import type { LearnerConfig, LossReport } from '../app/run-spec.js';
import { english, type Translator } from '../i18n/message.js';
import { inLanguage, oneOf, pathName } from './parsers.js';

export const LOSS_REPORTS = ['running', 'end'] as const satisfies readonly LossReport[];
export const STYLES = ['keras2', 'keras3'] as const satisfies readonly ProgbarStyle[];

export function addLearnerOptions(command: Command, t: Translator = english): Command {
  return command
    .addOption(new Option('--explain', t('help.explain')))
    .addOption(new Option('--show-batches', t('help.showBatches')))
    .addOption(new Option('--loss-report <kind>', t('help.lossReport')).argParser(inLanguage(t, oneOf('what.lossReport', LOSS_REPORTS))).default('running'))
    .addOption(new Option('--style <style>', t('help.style')).argParser(inLanguage(t, oneOf('what.style', STYLES))).default('keras2'))
    .addOption(new Option('--emit-keras', t('help.emitKeras')))
    .addOption(new Option('--csv-log <file>', t('help.csvLog')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--noise-scale', t('help.noiseScale')));
}

export function resolveLearnerConfig(command: Command, cwd: string): LearnerConfig {
  const o = command.opts<{ explain?: boolean; showBatches?: boolean; lossReport: LossReport; style: ProgbarStyle; emitKeras?: boolean; csvLog?: string; noiseScale?: boolean }>();
  return {
    explain: o.explain === true,
    showBatches: o.showBatches === true,
    lossReport: o.lossReport,
    style: o.style,
    emitKeras: o.emitKeras === true,
    csvLog: o.csvLog === undefined ? null : isAbsolute(o.csvLog) ? o.csvLog : resolve(cwd, o.csvLog),
    noiseScale: o.noiseScale === true,
  };
}
