/**
 * `train merge <files...> --experiment <file>`: joins the results files of a sweep's shards,
 * checks that they hold every grid point exactly once (exit 1 naming what is missing or
 * duplicated), and shows the runs with compare's views — table and chart, Markdown, JSON, CSV,
 * SVG — with the swept options as columns and the seeds of a grid point summarised together.
 * With --lab, the files are the shards of a `train lab` and the lab's own views are shown.
 */
import { Command, Option } from 'commander';
import { FORMATS } from '../app/compare-views.js';
import type { CliIo } from '../app/io.js';
import { runMerge, type MergeOptions } from '../app/merge.js';
import { runLabMerge } from '../app/lab-merge.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../app/version.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { X_AXES } from '../report/axes.js';
import { inLanguage, oneOf, pathName } from './parsers.js';
import { langOption } from './train-options.js';

export function addMergeCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('merge')
    .description(t('help.merge'))
    .argument('<files...>', t('help.merge.files'))
    .addOption(new Option('--experiment <file>', t('help.merge.experiment')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--lab', t('help.merge.lab')))
    .addOption(new Option('--json', t('help.lab.json')))
    .addOption(new Option('--report <file.html>', t('help.lab.report')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--format <format>', t('help.format', { names: FORMATS.join(', ') })).argParser(inLanguage(t, oneOf('what.format', FORMATS))).default('table'))
    .addOption(new Option('--plot <file.svg>', t('help.plot')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--x <axis>', t('help.x', { names: X_AXES.join(', ') })).argParser(inLanguage(t, oneOf('what.xAxis', X_AXES))).default('epoch'))
    .addOption(new Option('--metric <name>', t('help.metric', { names: 'loss, val_loss, accuracy, val_accuracy' })))
    .addOption(new Option('--assert <expr>', t('help.merge.assert')))
    .addOption(new Option('--no-timings', t('help.merge.noTimings')))
    .addOption(new Option('--no-color', t('help.merge.noColor')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
  command.addHelpText('after', t('help.merge.examples'));
  command.action(async (files: string[], options: Omit<MergeOptions, 'files' | 'experiment'> & MergeLabValues) => {
    if (options.lab === true) {
      if (options.experiment !== undefined) throw new InputError(msg('lab.merge.withExperiment'));
      const { plot, report, json, timings, color } = options;
      outcome.code = await runLabMerge({ files, plot: plot ?? null, report: report ?? null, json: json === true, timings, color }, io, t, VERSION);
      return;
    }
    if (options.experiment === undefined) throw new InputError(msg('lab.merge.noExperiment'));
    if (options.report !== undefined || options.json === true) throw new InputError(msg('lab.merge.labOnly', { option: options.report !== undefined ? '--report' : '--json' }));
    outcome.code = await mergeAction({ ...options, experiment: options.experiment, files }, io, t);
  });
  return command;
}

/** The options only `merge --lab` reads. */
interface MergeLabValues {
  readonly experiment?: string;
  readonly lab?: boolean;
  readonly json?: boolean;
  readonly report?: string;
}

export function mergeAction(options: MergeOptions, io: CliIo, t: Translator = english): Promise<number> {
  return runMerge(options, io, t, VERSION);
}
