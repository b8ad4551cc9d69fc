/**
 * `train merge <files...> --experiment <file>`: joins the results files of a sweep's shards,
 * checks that they hold every grid point exactly once (exit 1 naming what is missing or
 * duplicated), and shows the runs with compare's views — table and chart, Markdown, JSON, CSV,
 * SVG — with the swept options as columns and the seeds of a grid point summarised together.
 */
import { Command, Option } from 'commander';
import { FORMATS } from '../app/compare-views.js';
import type { CliIo } from '../app/io.js';
import { runMerge, type MergeOptions } from '../app/merge.js';
import { VERSION } from '../app/version.js';
import { english, type Translator } from '../i18n/message.js';
import { X_AXES } from '../report/axes.js';
import { inLanguage, oneOf, pathName } from './parsers.js';
import { langOption } from './train-options.js';

export function addMergeCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('merge')
    .description(t('help.merge'))
    .argument('<files...>', t('help.merge.files'))
    .addOption(new Option('--experiment <file>', t('help.merge.experiment')).argParser(inLanguage(t, pathName('file'))).makeOptionMandatory())
    .addOption(new Option('--format <format>', t('help.format', { names: FORMATS.join(', ') })).argParser(inLanguage(t, oneOf('what.format', FORMATS))).default('table'))
    .addOption(new Option('--plot <file.svg>', t('help.plot')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--x <axis>', t('help.x', { names: X_AXES.join(', ') })).argParser(inLanguage(t, oneOf('what.xAxis', X_AXES))).default('epoch'))
    .addOption(new Option('--assert <expr>', t('help.merge.assert')))
    .addOption(new Option('--no-timings', t('help.merge.noTimings')))
    .addOption(new Option('--no-color', t('help.merge.noColor')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
  command.addHelpText('after', t('help.merge.examples'));
  command.action(async (files: string[], options: Omit<MergeOptions, 'files'>) => {
    outcome.code = await mergeAction({ ...options, files }, io, t);
  });
  return command;
}

export function mergeAction(options: MergeOptions, io: CliIo, t: Translator = english): Promise<number> {
  return runMerge(options, io, t, VERSION);
}
