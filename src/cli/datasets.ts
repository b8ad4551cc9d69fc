/** `train datasets`: lists the embedded data sets, as a table or (--json) one JSON document. */
import { Command, Option } from 'commander';
import type { CliIo } from '../app/io.js';
import { english, type Translator } from '../i18n/message.js';
import { EMBEDDED_DATASETS } from '../io/dataset-catalogue.js';
import { datasetsTable } from '../report/datasets-table.js';
import { terminalColumns } from '../report/width.js';
import { wrapWords } from '../report/wrap.js';
import { langOption } from './train-options.js';

export function addDatasetsCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('datasets')
    .description(t('help.datasets'))
    .addOption(new Option('--json', t('help.json')))
    .addOption(langOption(t));
  command.action((options: { json?: boolean }) => {
    outcome.code = datasetsAction(options.json === true, io, t);
  });
  return command;
}

export function datasetsAction(json: boolean, io: CliIo, t: Translator = english): number {
  if (json) {
    io.stdout.write(`${JSON.stringify({ datasets: EMBEDDED_DATASETS }, null, 2)}\n`);
    return 0;
  }
  const columns = terminalColumns(io.stdout, io.env);
  const lines = [...datasetsTable(EMBEDDED_DATASETS, t('datasets.header').split(','), columns), ...wrapWords(t('datasets.footer'), columns)];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
