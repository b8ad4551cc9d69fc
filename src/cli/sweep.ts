/**
 * `train sweep <experiment>`: every grid point of an experiment file (or one shard of them),
 * trained in parallel on worker threads, each finished run appended as one JSON line to the
 * results file. Rerunning with the same results file skips the runs already in it, so a killed
 * sweep picks up where it stopped.
 */
import { wrapWords } from '../report/wrap.js';
import { Command, Option } from 'commander';
import type { CliIo } from '../app/io.js';
import { planSweep, runSweep, type SweepRequest } from '../app/sweep.js';
import { VERSION } from '../app/version.js';
import { english, type Translator } from '../i18n/message.js';
import { RUN_FIELDS } from '../app/run-fields.js';
import { inLanguage, integerAtLeast, pathName } from './parsers.js';
import { parseShard } from './shard.js';
import { langOption } from './train-options.js';

/** The sweep's options as commander hands them over: `--quiet` is absent unless given. */
export type SweepOptions = Omit<SweepRequest, 'quiet'> & { readonly quiet?: boolean };

export function addSweepCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('sweep')
    .description(t('help.sweep'))
    .argument('<experiment>', t('help.sweep.experiment'))
    .addOption(new Option('--out <file.jsonl>', t('help.sweep.out')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('-j, --jobs <n>', t('help.sweep.jobs')).argParser(inLanguage(t, integerAtLeast(1, 'what.jobs'))))
    .addOption(new Option('--shard <i/n|auto>', t('help.sweep.shard')).argParser(inLanguage(t, parseShard)))
    .addOption(new Option('--assert <expr>', t('help.sweep.assert')))
    .addOption(new Option('--metric <name>', t('help.sweep.metric', { names: 'loss, val_loss, accuracy, val_accuracy' })))
    .addOption(new Option('--no-timings', t('help.sweep.noTimings')))
    .addOption(new Option('-q, --quiet', t('help.sweep.quiet')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
  // The field names, wrapped to fit 80 columns under a two-space indent.
  const fields = wrapWords(Object.keys(RUN_FIELDS).join(', '), 78).join('\n  ');
  command.addHelpText('after', t('help.sweep.examples', { fields }));
  command.action(async (experiment: string, options: Omit<SweepOptions, 'experiment'>) => {
    outcome.code = await sweepAction({ ...options, experiment }, io, t);
  });
  return command;
}

export async function sweepAction(options: SweepOptions, io: CliIo, t: Translator = english): Promise<number> {
  // Everything that can be wrong with the input is checked before anything is written.
  const plan = await planSweep({ ...options, quiet: options.quiet === true }, io, VERSION);
  return runSweep(plan, io, t, VERSION);
}
