/**
 * `train sweep <experiment>`: every grid point of an experiment file (or one shard of them),
 * trained in parallel on worker threads, each finished run appended as one JSON line to the
 * results file. Rerunning with the same results file skips the runs already in it, so a killed
 * sweep picks up where it stopped.
 */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { availableParallelism } from 'node:os';
import { readTextBounded } from '../io/safe-read.js';
import { parseJson } from '../io/json.js';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { KerasWeights } from '../core/model.js';
import { loadDataset } from '../io/data.js';
import { describeFsError } from '../io/fs-errors.js';
import { english, msg, type Message, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkNameLength } from '../io/files.js';
import { checkFileSet, type NamedFile } from '../io/file-set.js';
import { lockFile } from '../io/lock.js';
import { readSweepFile, SweepWriter, type SweepFile } from '../io/sweep-file.js';
import { checkWeights } from '../io/weights.js';
import type { Writer } from '../report/output.js';
import { assertLines, doneLine, planLine, runLine, type AssertFailure } from '../report/sweep-lines.js';
import { sampleDataset, splitValidation, type Dataset } from '../training/dataset.js';
import { inShard, type Shard } from '../training/grid.js';
import { RUN_FIELDS, runFields, sweepRecord, type SweepRecord } from '../training/sweep.js';
import { holds, parseAssertion, type Assertion } from './assertion.js';
import { atPoint, loadExperiment, type Experiment, type ExperimentRun } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { formatLayers, inLanguage, integerAtLeast } from './parsers.js';
import { langOption } from './train-options.js';
import { checkModelSize } from './train.js';
import { parseShard, shardFromEnv, type ShardOption } from './shard.js';
import { runPool, type WorkerJob } from './sweep-pool.js';
import { VERSION } from './version.js';

export interface SweepOptions {
  readonly experiment: string;
  readonly out?: string;
  readonly jobs?: number;
  readonly shard?: ShardOption;
  readonly assert?: string;
  readonly timings: boolean;
  readonly quiet?: boolean;
}

export function addSweepCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('sweep')
    .description(t('help.sweep'))
    .argument('<experiment>', t('help.sweep.experiment'))
    .addOption(new Option('--out <file.jsonl>', t('help.sweep.out')))
    .addOption(new Option('-j, --jobs <n>', t('help.sweep.jobs')).argParser(inLanguage(t, integerAtLeast(1, 'what.jobs'))))
    .addOption(new Option('--shard <i/n|auto>', t('help.sweep.shard')).argParser(inLanguage(t, parseShard)))
    .addOption(new Option('--assert <expr>', t('help.sweep.assert')))
    .addOption(new Option('--no-timings', t('help.sweep.noTimings')))
    .addOption(new Option('-q, --quiet', t('help.sweep.quiet')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
  command.addHelpText('after', t('help.sweep.examples', { fields: Object.keys(RUN_FIELDS).join(', ') }));
  command.action(async (experiment: string, options: Omit<SweepOptions, 'experiment'>) => {
    outcome.code = await sweepAction({ ...options, experiment }, io, t);
  });
  return command;
}

/** The path as messages show it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function resolveShard(option: ShardOption | undefined, io: CliIo): { shard: Shard | null; note: Message | null } {
  if (option === undefined) return { shard: null, note: null };
  if (option !== 'auto') return { shard: option, note: null };
  const found = shardFromEnv(io.env);
  if (found === null) return { shard: null, note: msg('sweep.noShardVariables') };
  return { shard: found.shard, note: msg('sweep.shardFrom', { index: found.shard.index, total: found.shard.total, source: found.source }) };
}

/** Default results file: `<name>.jsonl`, or `<name>.shard-i-of-n.jsonl` for a shard, in the working folder. */
export function defaultOut(name: string, shard: Shard | null, cwd: string): string {
  const suffix = shard === null || shard.total === 1 ? '' : `.shard-${shard.index}-of-${shard.total}`;
  return resolve(cwd, `${name}${suffix}.jsonl`);
}

/** Data sets and initial weights of an experiment, loaded once and checked against every run. */
export interface SweepInputs {
  readonly datasets: Dataset[];
  readonly weights: KerasWeights[];
  /** Per run id: indexes into datasets and weights. */
  readonly slots: Map<string, { readonly data: number; readonly weights: number | null }>;
}

/** The files an experiment reads: itself, and every data and weights file its runs name. */
export function experimentFiles(experiment: Experiment, shown: string): NamedFile[] {
  const files: NamedFile[] = [{ option: shown, path: experiment.file }];
  const seen = new Set<string>();
  for (const run of experiment.runs) {
    for (const [option, path] of [['data', run.dataFile], ['weights', run.weightsFile]] as const) {
      if (path !== null && !seen.has(path)) {
        seen.add(path);
        files.push({ option: `${shown}: ${option}`, path });
      }
    }
  }
  return files;
}

export function loadSweepInputs(experiment: Experiment): SweepInputs {
  const datasets: Dataset[] = [];
  const weights: KerasWeights[] = [];
  const dataSlots = new Map<string, number>();
  const weightSlots = new Map<string, number>();
  const weightTexts = new Map<string, unknown>();
  const slots = new Map<string, { data: number; weights: number | null }>();
  const file = basename(experiment.file);
  for (const run of experiment.runs) {
    const problem = (text: Message): InputError => new InputError(msg('experiment.problem', { file, problem: atPoint(run.point, text) }));
    const dataKey = JSON.stringify([run.dataFile, run.config.target]);
    let data = dataSlots.get(dataKey);
    if (data === undefined) {
      datasets.push(run.dataFile === null ? sampleDataset() : loadDataset(run.dataFile, { target: run.config.target ?? undefined }));
      data = datasets.length - 1;
      dataSlots.set(dataKey, data);
    }
    const dataset = datasets[data];
    const outputs = run.run.layers[run.run.layers.length - 1].units;
    if (outputs !== dataset.outputs) {
      throw problem(msg('sweep.layersOutputs', { layers: formatLayers(run.run.layers), outputs, data: run.config.data, targets: dataset.outputs }));
    }
    try {
      // The same limits as train and compare: a model too big to train is refused before any run.
      checkModelSize(dataset.features, run.run.layers, Math.min(run.run.batchSize, dataset.samples));
    } catch (error) {
      throw error instanceof InputError ? problem(error.text) : error;
    }
    if (run.run.validationSplit > 0 && splitValidation(dataset, run.run.validationSplit) === null) {
      throw problem(msg('sweep.validationSplit', { split: run.run.validationSplit, samples: dataset.samples }));
    }
    let weightSlot: number | null = null;
    if (run.weightsFile !== null) {
      const key = JSON.stringify([run.weightsFile, dataset.features, run.run.layers]);
      weightSlot = weightSlots.get(key) ?? null;
      if (weightSlot === null) {
        if (!weightTexts.has(run.weightsFile)) weightTexts.set(run.weightsFile, readJson(run.weightsFile));
        const source = msg('experiment.problem', { file, problem: atPoint(run.point, run.config.weights!) });
        weights.push(checkWeights(weightTexts.get(run.weightsFile), { inputSize: dataset.features, layers: run.run.layers }, source));
        weightSlot = weights.length - 1;
        weightSlots.set(key, weightSlot);
      }
    }
    slots.set(run.id, { data, weights: weightSlot });
  }
  return { datasets, weights, slots };
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readTextBounded(path);
  } catch (error) {
    throw new InputError(msg('weights.cannotRead', { file: path, reason: describeFsError(error), hint: false }));
  }
  try {
    return parseJson(text);
  } catch (error) {
    throw new InputError(msg('weights.notJson', { file: path, message: (error as Error).message }));
  }
}

/** Records of `runs` found in a results file, by id (the first of duplicates). */
export function recordsById(files: readonly SweepFile[]): Map<string, SweepRecord> {
  const byId = new Map<string, SweepRecord>();
  for (const file of files) for (const record of file.records) if (!byId.has(record.id)) byId.set(record.id, record);
  return byId;
}

/** Runs whose records fail the assertion. */
export function assertionFailures(assertion: Assertion, records: readonly SweepRecord[]): AssertFailure[] {
  const failures: AssertFailure[] = [];
  for (const record of records) {
    const values = runFields(record);
    if (!holds(assertion, values)) failures.push({ point: record.point, values });
  }
  return failures;
}

/** A progress bar over runs on a terminal, with finished runs scrolling above it; plain lines elsewhere. */
function progressView(out: Writer, total: number, quiet: boolean, t: Translator): { line(text: string): void; tick(text: string): void; stop(): void } {
  if (out.isTTY !== true || total === 0) {
    return { line: (text) => out.write(`${text}\n`), tick: (text) => (quiet ? undefined : out.write(`${text}\n`)), stop() {} };
  }
  const bars = new cliProgress.MultiBar({
    stream: out as NodeJS.WritableStream,
    format: t('sweep.progress'),
    barsize: 30,
    hideCursor: true,
    linewrap: false,
    clearOnComplete: true,
    gracefulExit: false,
    etaBuffer: Math.max(2, Math.min(20, total)),
  });
  const bar = bars.create(total, 0);
  // cli-progress prints logged lines at its next redraw; redraw now so none is lost at the end.
  return {
    line(text) {
      bars.log(`${text}\n`);
      bars.update();
    },
    tick(text) {
      if (!quiet) bars.log(`${text}\n`);
      bar.increment();
      bars.update();
    },
    stop: () => bars.stop(),
  };
}

export async function sweepAction(options: SweepOptions, io: CliIo, t: Translator = english): Promise<number> {
  // Everything that can be wrong with the input is checked before anything is written.
  const experiment = loadExperiment(options.experiment, io.cwd, VERSION);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const { shard, note } = resolveShard(options.shard, io);
  const out = options.out === undefined ? defaultOut(experiment.name, shard, io.cwd) : resolve(io.cwd, options.out);
  checkFileSet(experimentFiles(experiment, options.experiment), [{ option: '--out', path: out }]);
  checkNameLength(`${out}.lock`, '--out');
  const inputs = loadSweepInputs(experiment);
  const outShown = shownPath(out, io.cwd);
  // One sweep at a time appends to a results file: a second one would write every run again.
  const lock = lockFile(out, outShown);
  try {
    return await sweepLocked({ options, io, t, experiment, assertion, shard, note, out, outShown, inputs });
  } finally {
    lock.release();
  }
}

interface SweepPlan {
  readonly options: SweepOptions;
  readonly io: CliIo;
  readonly t: Translator;
  readonly experiment: Experiment;
  readonly assertion: Assertion | null;
  readonly shard: ReturnType<typeof resolveShard>['shard'];
  readonly note: ReturnType<typeof resolveShard>['note'];
  readonly out: string;
  readonly outShown: string;
  readonly inputs: SweepInputs;
}

async function sweepLocked({ options, io, t, experiment, assertion, shard, note, out, outShown, inputs }: SweepPlan): Promise<number> {
  const existing = readSweepFile(out, { missingOk: true, forAppend: true });

  const selected: ExperimentRun[] = experiment.runs.filter((run) => shard === null || inShard(run.position, shard));
  const done = recordsById([existing]);
  const todo = selected.filter((run) => !done.has(run.id));
  const selectedIds = new Set(selected.map((run) => run.id));
  const foreign = existing.records.filter((r) => !selectedIds.has(r.id)).length;
  const workers = Math.max(1, Math.min(options.jobs ?? availableParallelism(), todo.length));

  if (note !== null) io.stderr.write(`${t.render(note)}\n`);
  if (existing.torn) io.stderr.write(`${t('cli.note', { message: msg('sweep.tornLineDropped', { file: outShown }) })}\n`);
  if (foreign > 0) {
    io.stderr.write(`${t('cli.warning', { message: msg('sweep.foreignRuns', { file: outShown, count: foreign, shard: shard !== null }) })}\n`);
  }
  const view = progressView(io.stdout, todo.length, options.quiet === true, t);
  view.line(
    planLine({
      experiment: experiment.name,
      gridSize: experiment.runs.length,
      shard,
      selected: selected.length,
      alreadyDone: selected.length - todo.length,
      toRun: todo.length,
      workers,
      out: outShown,
    }, t),
  );

  let written = 0;
  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  if (todo.length > 0) {
    const writer = new SweepWriter(out, existing);
    const byTask = todo;
    const jobs: WorkerJob[] = todo.map((run, task) => ({ task, run: run.run, ...inputs.slots.get(run.id)! }));
    const pool = runPool(jobs, {
      workers,
      datasets: inputs.datasets,
      weights: inputs.weights,
      timings: options.timings,
      onResult(job, result, timings) {
        const run = byTask[job.task];
        const data = inputs.datasets[job.data];
        const record = sweepRecord({
          id: run.id,
          experiment: experiment.name,
          point: run.point,
          version: VERSION,
          config: run.config,
          samples: data.samples,
          features: data.features,
          outputs: data.outputs,
          result,
          timings: options.timings ? timings : null,
        });
        writer.append(record);
        done.set(record.id, record);
        written++;
        view.tick(runLine(written, todo.length, record, t));
      },
    });
    const unsubscribe = io.onInterrupt((signal) => {
      interrupted ??= signal;
      pool.stop();
    });
    try {
      await pool.done;
    } finally {
      unsubscribe();
      view.stop();
      writer.close();
    }
  } else {
    view.stop();
  }

  const present = selected.filter((run) => done.has(run.id)).length;
  if (interrupted !== null) {
    io.stderr.write(`${t('sweep.interrupted', { present, total: selected.length, file: outShown })}\n`);
    return interrupted === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  }
  io.stdout.write(`${doneLine(written, present, selected.length, outShown, shard, t)}\n`);
  const records = selected.map((run) => done.get(run.id)!);
  const diverged = records.filter((r) => runFields(r).diverged).length;
  if (diverged > 0) io.stderr.write(`${t('cli.warning', { message: msg('sweep.diverged', { count: diverged, file: outShown }) })}\n`);
  if (assertion !== null) {
    const failures = assertionFailures(assertion, records);
    io.stdout.write(`${assertLines(assertion.source, records.length, failures, assertion.fields, t).join('\n')}\n`);
    if (failures.length > 0) return EXIT.training;
  }
  return EXIT.ok;
}
