/**
 * --help in groups a learner can scan: what to look at first, then the model, the data, the
 * training, the output. Each option is placed by its long name; the groups are listed in this
 * order, whatever order the options were added in. Only the help changes: parsing does not
 * depend on the order of the options.
 */
import { Option, type Command } from 'commander';
import type { Translator } from '../i18n/message.js';

type Group = 'learners' | 'training' | 'model' | 'data' | 'output';

const GROUP_OF: Readonly<Record<string, Group>> = {
  '--explain': 'learners',
  '--show-batches': 'learners',
  '--loss-report': 'learners',
  '--style': 'learners',
  '--noise-scale': 'learners',
  '--batch-size': 'training',
  '--batch-sizes': 'training',
  '--epochs': 'training',
  '--seeds': 'training',
  '--target-loss': 'training',
  '--target-metric': 'training',
  '--max-epochs': 'training',
  '--lrs': 'training',
  '--seed': 'training',
  '--no-shuffle': 'training',
  '--on-nan': 'training',
  '--layers': 'model',
  '--loss': 'model',
  '--metrics': 'model',
  '--optimizer': 'model',
  '--lr': 'model',
  '--lr-scaling': 'training',
  '--base-batch-size': 'training',
  '--warmup-epochs': 'training',
  '--momentum': 'model',
  '--nesterov': 'model',
  '--weights': 'model',
  '--save-weights': 'model',
  '--data': 'data',
  '--dataset': 'data',
  '--drop-missing': 'data',
  '--standardize': 'data',
  '--test-split': 'data',
  '--synthetic': 'data',
  '--samples': 'data',
  '--features': 'data',
  '--noise': 'data',
  '--target': 'data',
  '--validation-split': 'data',
};

const ORDER: readonly Group[] = ['learners', 'training', 'model', 'data', 'output'];

/** Puts every option of `command` under its group's heading, the groups in ORDER. */
export function groupOptions(command: Command, t: Translator): void {
  const heading: Record<Group, string> = {
    learners: t('help.group.learners'),
    training: t('help.group.training'),
    model: t('help.group.model'),
    data: t('help.group.data'),
    output: t('help.group.output'),
  };
  const groupOf = (long: string | undefined): Group => GROUP_OF[long ?? ''] ?? 'output';
  for (const option of command.options) option.helpGroup(heading[groupOf(option.long)]);
  // -h goes with the other general options (-V, --verbose, --lang …), not in a group of its own.
  command.addHelpOption(new Option('-h, --help', t('help.help')).helpGroup(heading.output));
  // commander lists groups in the order their first option appears.
  (command.options as unknown as Array<(typeof command.options)[number]>).sort((a, b) => ORDER.indexOf(groupOf(a.long)) - ORDER.indexOf(groupOf(b.long)));
}
