/**
 * `train lab`: the batch-size lab. train's options plus the grid (batch sizes × learning rates ×
 * seeds), the target and the sweep's results file, shards and workers; then the table, the
 * charts and the verdict, or the JSON document, and the --plot and --report files.
 */
import { Command, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from '../app/io.js';
import { EXIT } from '../app/io.js';
import { lossTarget, parseTarget, planLab, runLab, shardDoneMessage, type LabRequest } from '../app/lab.js';
import { labViews, plotFiles } from '../app/lab-views.js';
import type { ShardOption } from '../app/shard.js';
import { VERSION } from '../app/version.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFolderCreatable, writeFileGroup } from '../io/files.js';
import type { NamedFile } from '../io/file-set.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { terminalColumns } from '../report/width.js';
import { groupOptions } from './help-groups.js';
import { inLanguage, integerAtLeast, learningRate, listOf, positiveNumber } from './parsers.js';
import { parseShard } from './shard.js';
import { addTrainOptions, resolveTrainConfig } from './train-options.js';

/** Most seeds a lab repeats every point with. */
const MAX_SEEDS = 1000;

/** Epochs a lab's runs train for unless told. */
export const DEFAULT_MAX_EPOCHS = 20;

interface LabOptionValues {
  batchSizes?: number[];
  lrs?: number[];
  lr?: number;
  seeds: number;
  targetLoss?: number;
  targetMetric?: string;
  maxEpochs: number;
  jobs?: number;
  shard?: ShardOption;
  out?: string;
  plot?: string;
  report?: string;
  quiet?: boolean;
  noiseScale?: boolean;
}

export function addLabCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const inLang = <T>(parse: (text: string) => T): ((text: string) => T) => inLanguage(t, parse);
  const command = program
    .command('lab')
    .description(t('help.lab'))
    .addOption(new Option('--batch-sizes <list>', t('help.lab.batchSizes')).argParser(inLang(listOf(integerAtLeast(1, 'what.batchSize'), 'what.batchSizes', '1,4,16,64'))))
    .addOption(new Option('--lrs <list>', t('help.lab.lrs')).argParser(inLang(listOf(learningRate('0.001'), 'what.learningRates', '0.001,0.003'))))
    .addOption(new Option('--seeds <k>', t('help.lab.seeds')).argParser(inLang(integerAtLeast(1, 'what.seeds'))).default(1))
    .addOption(new Option('--target-loss <x>', t('help.lab.targetLoss')).argParser(inLang(positiveNumber('what.targetLoss', '0.05'))))
    .addOption(new Option('--target-metric <expr>', t('help.lab.targetMetric')))
    .addOption(new Option('--max-epochs <n>', t('help.lab.maxEpochs')).argParser(inLang(integerAtLeast(1, 'what.epochs'))).default(DEFAULT_MAX_EPOCHS))
    .addOption(new Option('-j, --jobs <n>', t('help.sweep.jobs')).argParser(inLang(integerAtLeast(1, 'what.jobs'))))
    .addOption(new Option('--shard <i/n|auto>', t('help.sweep.shard')).argParser(inLang(parseShard)))
    .addOption(new Option('--out <file.jsonl>', t('help.lab.out')))
    .addOption(new Option('--plot <dir>', t('help.lab.plot')))
    .addOption(new Option('--report <file.html>', t('help.lab.report')))
    .addOption(new Option('--noise-scale', t('help.lab.noiseScale')))
    .addOption(new Option('-q, --quiet', t('help.sweep.quiet')));
  addTrainOptions(command, t, { batchSize: false, epochs: false });
  // train's options that a lab's runs do not take stay out of its help: --save-weights is refused
  // (every run's weights are in the results file), and a run stops at its first NaN as in a sweep.
  for (const option of command.options) {
    if (option.long === '--save-weights' || option.long === '--verbose' || option.long === '--on-nan') option.hideHelp();
    if (option.long === '--json') option.description = t('help.lab.json');
  }
  command.addHelpText('after', t('help.lab.examples'));
  groupOptions(command, t);
  command.action(async (_options, cmd: Command) => {
    outcome.code = await labAction(cmd, io, t);
  });
  return command;
}

export async function labAction(cmd: Command, io: CliIo, t: Translator = english): Promise<number> {
  const train = resolveTrainConfig(cmd, io.cwd);
  const o = cmd.opts<LabOptionValues>();
  if (train.saveWeights !== null) throw new InputError(msg('lab.saveWeights'));
  if (o.lrs !== undefined && o.lr !== undefined) throw new InputError(msg('compare.lrAndLrs'));
  if (o.seeds > MAX_SEEDS) throw new InputError(msg('compare.tooManySeeds', { seeds: o.seeds, max: MAX_SEEDS }));
  if (train.seed + o.seeds - 1 > 0xffffffff) throw new InputError(msg('lab.seedOverflow', { seed: train.seed, seeds: o.seeds }));
  if (o.targetLoss !== undefined && o.targetMetric !== undefined) throw new InputError(msg('lab.twoTargets'));
  if (o.targetLoss === undefined && o.targetMetric === undefined) throw new InputError(msg('lab.noTarget'));
  const target = o.targetLoss !== undefined ? lossTarget(o.targetLoss, train.validationSplit) : parseTarget(o.targetMetric!);

  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(io.cwd, path));
  const plot = o.plot === undefined ? null : absolute(o.plot);
  const report = o.report === undefined ? null : absolute(o.report);
  const plotExists = plot !== null && checkFolderCreatable(plot, '--plot');
  const outputs: NamedFile[] = [
    ...plotFiles(plot, o.noiseScale === true).map((path) => ({ option: '--plot', path, inNewFolder: !plotExists })),
    ...(report === null ? [] : [{ option: '--report', path: report }]),
  ];
  const request: LabRequest = {
    train,
    batchSizes: o.batchSizes ?? null,
    learningRates: o.lrs ?? null,
    seeds: o.seeds,
    maxEpochs: o.maxEpochs,
    target,
    out: o.out ?? null,
    jobs: o.jobs ?? null,
    shard: o.shard ?? null,
    quiet: o.quiet === true || train.json,
    noiseScale: o.noiseScale === true,
    outputs,
  };
  // Everything that can be wrong with the input is checked here, before any run.
  const plan = await planLab(request, io, VERSION);
  // With --json, stdout holds the document alone: the sweep's lines go to stderr.
  const progress: CliIo = train.json ? { ...io, stdout: io.stderr } : io;
  const ran = await runLab(plan, io, progress, t, VERSION);
  if (ran.exitCode !== EXIT.ok) return ran.exitCode;
  if (plan.shard !== null && plan.shard.total > 1) {
    io.stderr.write(`${t('cli.note', { message: shardDoneMessage(plan) })}\n`);
    return EXIT.ok;
  }
  if (ran.records === null) {
    io.stderr.write(`${t('cli.error', { message: msg('lab.incomplete') })}\n`);
    return EXIT.failure;
  }
  const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, train.color));
  const views = await labViews(ran.records, plan.grid, plan.target, { json: train.json, timings: train.timings, plot, report, paint, columns: terminalColumns(io.stdout, io.env) }, t, VERSION);
  io.stdout.write(views.stdout);
  if (views.files.length > 0) writeFileGroup(views.files);
  return EXIT.ok;
}
