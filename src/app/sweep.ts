/**
 * A sweep: the runs of an experiment (or one shard of them) whose records are not yet in the
 * results file, trained in parallel on worker threads, each finished run appended as one JSON
 * line. Inputs are loaded and checked once, before anything is written.
 */
import { checkTargets } from './classification.js';
import { isCrossentropy } from '../core/loss.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { KerasWeights } from '../core/model.js';
import { msg, type Message, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFileSet } from '../io/file-set.js';
import { checkNameLength } from '../io/files.js';
import { parseJson } from '../io/json.js';
import { lockFile, type Lock } from '../io/lock.js';
import { readTextBounded } from '../io/safe-read.js';
import { describeFsError } from '../io/fs-errors.js';
import { readSweepFile, SweepWriter, type SweepFile } from '../io/sweep-file.js';
import { checkWeights } from '../io/weights.js';
import { assertLines, doneLine, planLine, runLine, type AssertFailure } from './sweep-lines.js';
import { plannedMetrics } from '../report/metric-choice.js';
import { mergeView, tableText } from './merge-views.js';
import { checkMetric } from './metric-option.js';
import { validationFits, type Dataset } from '../training/dataset.js';
import { inShard, runId, type Shard } from './grid.js';
import type { SweepRecord, SweepRecordSummary } from '../training/record.js';
import { runFields } from './run-fields.js';
import { holds, parseAssertion, type Assertion } from './assertion.js';
import { atPoint, experimentFiles, loadExperiment, type Experiment, type ExperimentRun } from './experiment.js';
import { checkModelSize, holdOutTest, readData, scaleParts, type DataConfig, type TrainingData } from './inputs.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import { formatLayers } from './layers.js';
import { exitCodeOf, interruptWatcher } from './session.js';
import { resolveShard, type ShardOption } from './shard.js';
import { progressView } from './sweep-progress.js';
import { runPool, StartedWorkers, type Pool, type WorkerJob } from './sweep-pool.js';

/** The path as messages show it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Default results file: `<name>.jsonl`, or `<name>.shard-i-of-n.jsonl` for a shard, in the working folder. */
export function defaultOut(name: string, shard: Shard | null, cwd: string): string {
  const suffix = shard === null || shard.total === 1 ? '' : `.shard-${shard.index}-of-${shard.total}`;
  return resolve(cwd, `${name}${suffix}.jsonl`);
}

/** Data sets and initial weights of an experiment, loaded once and checked against every run. */
export interface SweepInputs {
  /** The data each run trains on, split and scaled, with its held-out test part. */
  readonly datasets: TrainingData[];
  readonly weights: KerasWeights[];
  /** Per run id: indexes into datasets and weights. */
  readonly slots: Map<string, { readonly data: number; readonly weights: number | null }>;
}

/** What a run's data is read from and how it is split and scaled, as train takes it from its flags. */
function dataConfig(run: ExperimentRun): DataConfig {
  const { config, run: training } = run;
  return {
    synthetic: null,
    dataset: run.dataset,
    data: run.dataFile,
    target: config.target,
    loss: training.loss,
    layers: training.layers,
    dropMissing: config.dropMissing === true,
    standardize: config.standardize === true,
    testSplit: config.testSplit ?? 0,
    validationSplit: training.validationSplit,
  };
}

export async function loadSweepInputs(experiment: Experiment): Promise<SweepInputs> {
  const datasets: TrainingData[] = [];
  const weights: KerasWeights[] = [];
  /** Each source read once (all of it), and each way of splitting and scaling it made once. */
  const read = new Map<string, Dataset>();
  const dataSlots = new Map<string, number>();
  const weightSlots = new Map<string, number>();
  const weightTexts = new Map<string, unknown>();
  const slots = new Map<string, { data: number; weights: number | null }>();
  const split = new Map<string, { readonly fit: Dataset; readonly test: Dataset | null } | null>();
  const checked = new Set<string>();
  const file = basename(experiment.file);
  for (const run of experiment.runs) {
    const problem = (text: Message): InputError => new InputError(msg('experiment.problem', { file, problem: atPoint(run.point, text) }));
    const options = dataConfig(run);
    // Text labels are read for a crossentropy only, so the loss's kind is part of what is read.
    const readKey = JSON.stringify([options.data, options.dataset, options.target, options.dropMissing, isCrossentropy(options.loss)]);
    let all = read.get(readKey);
    if (all === undefined) {
      try {
        all = await readData(options);
      } catch (error) {
        throw error instanceof InputError && options.dataset !== null ? problem(error.text) : error;
      }
      read.set(readKey, all);
    }
    const splitKey = JSON.stringify([readKey, options.testSplit]);
    if (!split.has(splitKey)) split.set(splitKey, holdOutTest(all, options.testSplit));
    const parts = split.get(splitKey)!;
    if (parts === null) throw problem(msg('sweep.testSplit', { split: options.testSplit, samples: all.samples }));
    const dataset = parts.fit;
    // Runs that differ only in what the checks below do not read (a seed, a learning rate) are
    // checked once: the labels check reads every sample, and a grid often has hundreds of such runs.
    const checkKey = JSON.stringify([splitKey, run.run.loss, run.run.layers, Math.min(run.run.batchSize, dataset.samples), run.run.validationSplit]);
    if (!checked.has(checkKey)) {
      checkRun(run, all, dataset, problem);
      checked.add(checkKey);
    }
    // The scaling is adapted on the training part, which the validation split decides.
    const dataKey = JSON.stringify([readKey, options.testSplit, options.standardize, options.standardize ? options.validationSplit : null]);
    let data = dataSlots.get(dataKey);
    if (data === undefined) {
      datasets.push(scaleParts(all, parts, options));
      data = datasets.length - 1;
      dataSlots.set(dataKey, data);
    }
    let weightSlot: number | null = null;
    if (run.weightsFile !== null) {
      const key = JSON.stringify([run.weightsFile, dataset.features, run.run.layers]);
      weightSlot = weightSlots.get(key) ?? null;
      if (weightSlot === null) {
        if (!weightTexts.has(run.weightsFile)) {
          try {
            weightTexts.set(run.weightsFile, readJson(run.weightsFile));
          } catch (error) {
            // A weights file that cannot be read or is not JSON: named with the experiment that names it.
            throw error instanceof InputError ? problem(error.text) : error;
          }
        }
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

/** Whether a run can train on its data: outputs and labels, the model's size, the validation split. */
function checkRun(run: ExperimentRun, all: Dataset, dataset: Dataset, problem: (text: Message) => InputError): void {
  const outputs = run.run.layers[run.run.layers.length - 1].units;
  if (!isCrossentropy(run.run.loss) && outputs !== dataset.outputs) {
    throw problem(msg('sweep.layersOutputs', { layers: formatLayers(run.run.layers), outputs, data: run.config.data, targets: dataset.outputs }));
  }
  try {
    // A crossentropy reads one label column for several units (sparse): checked as train checks
    // it, on the test part too.
    checkTargets(run.run.loss, run.run.layers, all);
    // The same limits as train and compare: a model too big to train is refused before any run.
    checkModelSize(dataset.features, run.run.layers, Math.min(run.run.batchSize, dataset.samples));
  } catch (error) {
    throw error instanceof InputError ? problem(error.text) : error;
  }
  if (!validationFits(dataset.samples, run.run.validationSplit)) {
    throw problem(msg('sweep.validationSplit', { split: run.run.validationSplit, samples: dataset.samples }));
  }
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
export function assertionFailures(assertion: Assertion, records: readonly SweepRecordSummary[]): AssertFailure[] {
  const failures: AssertFailure[] = [];
  for (const record of records) {
    const values = runFields(record);
    if (!holds(assertion, values)) failures.push({ point: record.point, values });
  }
  return failures;
}

export interface SweepRequest {
  readonly experiment: string;
  readonly out?: string;
  readonly jobs?: number;
  readonly shard?: ShardOption;
  /** The --assert expression. */
  readonly assert?: string;
  /** Print the summary after the sweep, ranked by this history (`val_accuracy`, `loss`, ...). */
  readonly metric?: string;
  readonly timings: boolean;
  readonly quiet: boolean;
}

/** What a sweep will do, worked out and checked before anything is written. */
export interface SweepPlan {
  readonly request: SweepRequest;
  readonly assertion: Assertion | null;
  readonly shard: Shard | null;
  /** Where --shard auto found the shard, for stderr; null without it. */
  readonly note: Message | null;
  readonly experiment: Experiment;
  readonly out: string;
  /** The results file as messages show it. */
  readonly outShown: string;
  readonly inputs: SweepInputs;
  readonly existing: SweepFile;
  readonly selected: readonly ExperimentRun[];
  readonly todo: readonly ExperimentRun[];
  readonly workers: number;
  /** The results file's lock, held from reading it until the sweep ends (runSweep releases it). */
  readonly lock: Lock;
  /** Fields every record of this sweep carries besides the run's own (a lab's grid). */
  readonly stamp?: Readonly<Record<string, unknown>>;
  /** Workers started while the inputs were read (runSweep ends those it does not use). */
  readonly started?: StartedWorkers;
}

/** The histories every run of the experiment will have: loss, the tracked metrics, their val_ twins. */
function sweepMetrics(runs: readonly ExperimentRun[]): string[] {
  const planned = runs.map((run) => plannedMetrics(run.run.metrics ?? [], run.run.validationSplit > 0));
  return planned.length === 0 ? [] : planned[0].filter((name) => planned.every((names) => names.includes(name)));
}

export async function planSweep(request: SweepRequest, io: CliIo, version: string): Promise<SweepPlan> {
  const experiment = loadExperiment(request.experiment, io.cwd, version);
  const assertion = request.assert === undefined ? null : parseAssertion(request.assert);
  // The metric must be a history every run will have, checked before any work.
  if (request.metric !== undefined) checkMetric(request.metric, sweepMetrics(experiment.runs));
  const { shard, note } = resolveShard(request.shard, io.env);
  const out = request.out === undefined ? defaultOut(experiment.name, shard, io.cwd) : resolve(io.cwd, request.out);
  // Outputs are checked against the inputs by file identity, before any work.
  checkFileSet(experimentFiles(experiment, request.experiment), [{ option: '--out', path: out }]);
  checkNameLength(`${out}.lock`, '--out');
  const selected = experiment.runs.filter((run) => shard === null || inShard(run.position, shard));
  // The workers load while the data and the results file are read (as many as there are cores at
  // most; the pool starts any more it needs). Ended again if anything below is wrong.
  const started = new StartedWorkers(Math.min(request.jobs ?? availableParallelism(), availableParallelism(), selected.length));
  try {
    const inputs = await loadSweepInputs(experiment);
    const outShown = shownPath(out, io.cwd);
    // One sweep at a time appends to a results file: a second one would write every run again.
    const lock = lockFile(out, outShown);
    try {
      const existing = readSweepFile(out, { missingOk: true, forAppend: true, idOf: runId });
      const done = recordsById([existing]);
      const todo = selected.filter((run) => !done.has(run.id));
      const workers = Math.max(1, Math.min(request.jobs ?? availableParallelism(), todo.length));
      return { request, assertion, shard, note, experiment, out, outShown, inputs, existing, selected, todo, workers, lock, started };
    } catch (error) {
      lock.release();
      throw error;
    }
  } catch (error) {
    started.stop();
    throw error;
  }
}

/** Trains what the plan has still to do, appends each record, and reports; returns the exit code. */
export async function runSweep(plan: SweepPlan, io: CliIo, t: Translator, version: string): Promise<number> {
  try {
    return await sweepLocked(plan, io, t, version);
  } finally {
    plan.started?.stop();
    plan.lock.release();
  }
}

async function sweepLocked(plan: SweepPlan, io: CliIo, t: Translator, version: string): Promise<number> {
  const { request, experiment, existing, selected, todo, outShown, inputs, shard, assertion } = plan;
  if (plan.note !== null) io.stderr.write(`${t.render(plan.note)}\n`);
  const selectedIds = new Set(selected.map((run) => run.id));
  const foreign = existing.records.filter((r) => !selectedIds.has(r.id)).length;
  if (existing.torn) io.stderr.write(`${t('cli.note', { message: msg('sweep.tornLineDropped', { file: outShown }) })}\n`);
  if (foreign > 0) {
    io.stderr.write(`${t('cli.warning', { message: msg('sweep.foreignRuns', { file: outShown, count: foreign, shard: shard !== null }) })}\n`);
  }
  const view = progressView(io.stdout, todo.length, request.quiet, t);
  const counts = {
    experiment: experiment.name,
    gridSize: experiment.runs.length,
    shard,
    selected: selected.length,
    alreadyDone: selected.length - todo.length,
    toRun: todo.length,
    workers: plan.workers,
    out: outShown,
  };
  view.line(planLine(counts, t));

  const done = new Map<string, SweepRecordSummary>(recordsById([existing]));
  let written = 0;
  let interrupted: InterruptSignal | null = null;
  // The shared watcher: the first Ctrl-C or SIGTERM stops the workers, a second exits at once. It
  // listens before anything is written, so a Ctrl-C that came while the sweep started (and was
  // kept until now) stops it before the results file is even created.
  let pool: Pool | null = null;
  const again = (signal: InterruptSignal): string => t('sweep.interruptedAgain', { signal, file: outShown });
  const interrupt = interruptWatcher(io, () => view.stop(), t, { onFirst: () => pool?.stop(), again });
  try {
    // A signal that came while the inputs were read is heard before anything is written.
    if (todo.length > 0) await io.hearSignals?.();
    if (todo.length > 0 && interrupt.signal === null) {
      const writer = new SweepWriter(plan.out, existing);
      const jobs: WorkerJob[] = todo.map((run, task) => ({ task, run: run.run, ...inputs.slots.get(run.id)!, spec: run.config, id: run.id, point: run.point }));
      pool = runPool(jobs, {
        workers: plan.workers,
        // The training part, and the test part apart: a worker evaluates it as each run ends.
        datasets: inputs.datasets.map(({ test: _test, normalization: _normalization, unscaled: _unscaled, ...fit }) => fit),
        tests: inputs.datasets.map((data) => data.test),
        weights: inputs.weights,
        timings: request.timings,
        record: { version, experiment: experiment.name, ...(plan.stamp === undefined ? {} : { stamp: plan.stamp }) },
        onResult(_job, line, record) {
          writer.appendLine(line);
          done.set(record.id, record);
          written++;
          view.tick(runLine(written, todo.length, record, t));
          io.sweepRunWritten?.(written);
        },
      }, plan.started);
      try {
        await pool.done;
      } finally {
        writer.close();
      }
    }
  } finally {
    interrupted = interrupt.signal;
    interrupt.dispose();
    view.stop();
  }

  const present = selected.filter((run) => done.has(run.id)).length;
  if (interrupted !== null) {
    io.stderr.write(`${t('sweep.interrupted', { present, total: selected.length, file: outShown })}\n`);
    return exitCodeOf(interrupted);
  }
  io.stdout.write(`${doneLine(written, present, selected.length, outShown, shard, t, existsSync(plan.out))}\n`);
  const records = selected.map((run) => done.get(run.id)!);
  const diverged = records.filter((r) => runFields(r).diverged).length;
  if (diverged > 0) io.stderr.write(`${t('cli.warning', { message: msg('sweep.diverged', { count: diverged, file: outShown }) })}\n`);
  if (request.metric !== undefined && records.length > 0) {
    // The summary merge prints for these runs, ranked by the metric, from the whole records as
    // the results file holds them (the workers send this thread each record without its weights).
    const whole = recordsById([readSweepFile(plan.out, { idOf: runId })]);
    const view = mergeView(experiment, selected.map((run) => whole.get(run.id)!), { metric: request.metric, timings: request.timings }, t);
    io.stdout.write(`\n${tableText(view, { x: 'epoch', color: true }, io, t)}\n`);
  }
  if (assertion !== null) {
    const failures = assertionFailures(assertion, records);
    io.stdout.write(`${assertLines(assertion.source, records.length, failures, assertion.fields, t).join('\n')}\n`);
    if (failures.length > 0) return EXIT.training;
  }
  return EXIT.ok;
}
