/**
 * `train compare`: one training per batch size (× learning rate × seed) on the same data from the
 * same initial weights, then the views: summary table, terminal chart, JSON, CSV, Markdown, SVG.
 */
import { Command, Option } from 'commander';
import { isAbsolute, join, resolve } from 'node:path';
import { runCompare } from '../app/compare.js';
import { csvText, formatText, FORMATS, jsonText, markdownText, svgText, type CompareConfig, type CompareFormat } from '../app/compare-views.js';
import type { CliIo } from '../app/io.js';
import { VERSION } from '../app/version.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFolderCreatable, writeFileGroup } from '../io/files.js';
import { checkFileSet, named } from '../io/file-set.js';
import { datasetInputs } from '../io/dataset-catalogue.js';
import { X_AXES, type XAxis } from '../report/axes.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { terminalColumns } from '../report/width.js';
import { checkMetric } from '../app/metric-option.js';
import { plannedMetrics } from '../report/metric-choice.js';
import { groupOptions } from './help-groups.js';
import { inLanguage, integerAtLeast, learningRate, listOf, oneOf, pathName } from './parsers.js';
import { addTrainOptions, resolveTrainConfig } from './train-options.js';

/** Most seeds one comparison repeats every batch size with. */
const MAX_SEEDS = 1000;

/** Adds `compare` to the program (it inherits the program's output, help and exit settings). */
export function addCompareCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('compare')
    .description(t('help.compare'))
    .addOption(
      new Option('--batch-sizes <list>', t('help.batchSizes'))
        .argParser(inLanguage(t, listOf(integerAtLeast(1, 'what.batchSize'), 'what.batchSizes', '6,3,1')))
        .makeOptionMandatory(),
    )
    .addOption(new Option('--seeds <k>', t('help.seeds')).argParser(inLanguage(t, integerAtLeast(1, 'what.seeds'))).default(1))
    .addOption(
      new Option('--lrs <list>', t('help.lrs')).argParser(inLanguage(t, listOf(learningRate('0.001'), 'what.learningRates', '0.001,0.01'))),
    )
    .addOption(new Option('--x <axis>', t('help.x', { names: X_AXES.join(', ') })).argParser(inLanguage(t, oneOf('what.xAxis', X_AXES))).default('epoch'))
    .addOption(new Option('--metric <name>', t('help.metric', { names: 'loss, val_loss, accuracy, val_accuracy' })))
    .addOption(new Option('--format <format>', t('help.format', { names: FORMATS.join(', ') })).argParser(inLanguage(t, oneOf('what.format', FORMATS))).default('table'))
    .addOption(new Option('--plot <file.svg>', t('help.plot')).argParser(inLanguage(t, pathName('file'))))
    .addOption(new Option('--out <dir>', t('help.out')).argParser(inLanguage(t, pathName('folder'))))
    .addOption(new Option('-q, --quiet', t('help.quiet')))
    .addOption(new Option('--explain', t('help.explain')));
  addTrainOptions(command, t, { batchSize: false });
  command.addHelpText('after', t('help.compare.examples'));
  groupOptions(command, t);
  command.action(async (_options, cmd: Command) => {
    outcome.code = await compareAction(resolveCompareConfig(cmd, io.cwd), io, t);
  });
  return command;
}

interface CompareOptionValues {
  batchSizes: number[];
  seeds: number;
  lrs?: number[];
  x: XAxis;
  format: CompareFormat;
  plot?: string;
  out?: string;
  quiet?: boolean;
  explain?: boolean;
  lr?: number;
  metric?: string;
}

export function resolveCompareConfig(command: Command, cwd: string): CompareConfig {
  const train = resolveTrainConfig(command, cwd);
  const o = command.opts<CompareOptionValues>();
  if (train.saveWeights !== null) {
    throw new InputError(msg('compare.saveWeights'));
  }
  if (o.lrs !== undefined && o.lr !== undefined) throw new InputError(msg('compare.lrAndLrs'));
  if (o.seeds > MAX_SEEDS) throw new InputError(msg('compare.tooManySeeds', { seeds: o.seeds, max: MAX_SEEDS }));
  if (train.seed + o.seeds - 1 > 0xffffffff) {
    throw new InputError(msg('compare.seedOverflow', { seed: train.seed, seeds: o.seeds }));
  }
  if (train.json && command.getOptionValueSource('format') === 'cli' && o.format !== 'json') {
    throw new InputError(msg('compare.jsonAndFormat', { format: o.format }));
  }
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    ...train,
    batchSizes: o.batchSizes,
    seedCount: o.seeds,
    learningRates: o.lrs ?? [],
    x: o.x,
    format: train.json ? 'json' : o.format,
    plot: o.plot === undefined ? null : absolute(o.plot),
    out: o.out === undefined ? null : absolute(o.out),
    quiet: o.quiet === true || train.verbose === 0,
    explain: o.explain === true,
    metric: o.metric === undefined ? null : checkMetric(o.metric, plannedMetrics(train.spec.metrics ?? [], train.validationSplit > 0)),
  };
}

/** The files `--out` writes, in the order of the texts in compareAction. */
function outFiles(out: string | null): string[] {
  return out === null ? [] : ['runs.json', 'history.csv', 'summary.md', 'loss.svg'].map((name) => join(out, name));
}

export async function compareAction(config: CompareConfig, io: CliIo, t: Translator = english): Promise<number> {
  // Check every output before any training.
  const outExists = config.out !== null && checkFolderCreatable(config.out, '--out');
  checkFileSet(
    [...named({ '--data': config.data, '--weights': config.weightsFile }), ...datasetInputs(config.dataset)],
    [...named({ '--plot': config.plot }), ...outFiles(config.out).map((path) => ({ option: '--out', path, inNewFolder: !outExists }))],
  );
  const outcome = await runCompare(config, io, t, VERSION);
  io.stdout.write(formatText(outcome, createPaint(colorWanted(io.stdout.isTTY === true, io.env, config.color)), VERSION, t, terminalColumns(io.stdout, io.env)));
  if (config.plot !== null || config.out !== null) {
    const svg = await svgText(outcome, t);
    // All or nothing: every file is written, or none is changed.
    const texts = [jsonText(outcome, VERSION), csvText(outcome), markdownText(outcome, t), svg];
    writeFileGroup([
      ...(config.plot === null ? [] : [{ path: config.plot, text: svg }]),
      ...outFiles(config.out).map((path, i) => ({ path, text: texts[i] })),
    ]);
  }
  if (outcome.note !== null) io.stderr.write(`${outcome.note}\n`);
  return outcome.exitCode;
}
