/**
 * `train sweep <experiment>`: every grid point of an experiment file (or one shard of them),
 * trained in parallel on worker threads, each finished run appended as one JSON line to the
 * results file. Rerunning with the same results file skips the runs already in it, so a killed
 * sweep picks up where it stopped.
 */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { KerasWeights } from '../core/model.js';
import { describeFsError, loadDataset } from '../io/data.js';
import { InputError } from '../io/errors.js';
import { checkWritableFile } from '../io/files.js';
import { readSweepFile, SweepWriter, type SweepFile } from '../io/sweep-file.js';
import { checkWeights } from '../io/weights.js';
import type { Writer } from '../report/output.js';
import { assertLines, doneLine, planLine, runLine, type AssertFailure } from '../report/sweep-lines.js';
import { sampleDataset, splitValidation, type Dataset } from '../training/dataset.js';
import { describePoint, inShard, type Shard } from '../training/grid.js';
import { RUN_FIELDS, runFields, sweepRecord, type SweepRecord } from '../training/sweep.js';
import { holds, parseAssertion, type Assertion } from './assertion.js';
import { loadExperiment, type Experiment, type ExperimentRun } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { formatLayers, integerAtLeast } from './parsers.js';
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

const EXAMPLES = `
Examples:
  $ train sweep examples/batch-vs-lr.json                   every grid point → batch-vs-lr.jsonl
  $ train sweep exp.json --shard 2/3 --out part-2.jsonl     the second of three CI shards
  $ train sweep exp.json --shard auto                       shard from BATCHSIM_SHARD, GitLab or CircleCI
  $ train sweep exp.json --assert 'finalLoss < 0.5'         exit 3 if a run misses the bar

Rerun the same command to finish a sweep that was stopped: runs already in --out are skipped.
--assert fields: ${Object.keys(RUN_FIELDS).join(', ')};
  numbers, < <= > >= == !=, && || ! and parentheses.
Exit codes: 0 done, 2 bad input, 3 an --assert failed, 130/143 interrupted.`;

export function addSweepCommand(program: Command, io: CliIo, outcome: { code: number }): Command {
  const command = program
    .command('sweep')
    .description('Train every grid point of an experiment file on worker threads; one JSON line per run in --out.')
    .argument('<experiment>', 'experiment file (.json, .yaml): train options in camelCase plus "grid"')
    .addOption(new Option('--out <file.jsonl>', 'results file, appended to and resumed (default: <name>.jsonl, or <name>.shard-i-of-n.jsonl, in the current folder)'))
    .addOption(new Option('-j, --jobs <n>', 'worker threads (default: the number of cores)').argParser(integerAtLeast(1, 'jobs')))
    .addOption(new Option('--shard <i/n|auto>', 'run only shard i of n (round-robin over the sorted grid), or auto from the CI').argParser(parseShard))
    .addOption(new Option('--assert <expr>', "exit 3 unless every run satisfies it, e.g. 'finalLoss < 0.5 && !diverged'"))
    .addOption(new Option('--no-timings', 'record no wall-clock times, so results files can be diffed'))
    .addOption(new Option('-q, --quiet', 'no line per finished run'))
    .addOption(new Option('--debug', 'show stack traces of unexpected errors').hideHelp());
  command.addHelpText('after', EXAMPLES);
  command.action(async (experiment: string, options: Omit<SweepOptions, 'experiment'>) => {
    outcome.code = await sweepAction({ ...options, experiment }, io);
  });
  return command;
}

/** The path as messages show it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function resolveShard(option: ShardOption | undefined, io: CliIo): { shard: Shard | null; note: string | null } {
  if (option === undefined) return { shard: null, note: null };
  if (option !== 'auto') return { shard: option, note: null };
  const found = shardFromEnv(io.env);
  if (found === null) return { shard: null, note: '--shard auto: no CI shard variables set (BATCHSIM_SHARD, CI_NODE_INDEX, CIRCLE_NODE_INDEX): running the whole grid' };
  return { shard: found.shard, note: `--shard auto: shard ${found.shard.index}/${found.shard.total} from ${found.source}` };
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

export function loadSweepInputs(experiment: Experiment): SweepInputs {
  const datasets: Dataset[] = [];
  const weights: KerasWeights[] = [];
  const dataSlots = new Map<string, number>();
  const weightSlots = new Map<string, number>();
  const weightTexts = new Map<string, unknown>();
  const slots = new Map<string, { data: number; weights: number | null }>();
  const file = basename(experiment.file);
  for (const run of experiment.runs) {
    const at = Object.keys(run.point).length > 0 ? `grid point ${describePoint(run.point)}: ` : '';
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
      throw new InputError(
        `${file}: ${at}layers "${formatLayers(run.run.layers)}" ends with ${outputs} unit(s) but ${run.config.data} has ${dataset.outputs} target column(s); make the last layer ${dataset.outputs}`,
      );
    }
    if (run.run.validationSplit > 0 && splitValidation(dataset, run.run.validationSplit) === null) {
      throw new InputError(`${file}: ${at}validationSplit ${run.run.validationSplit} of ${dataset.samples} samples leaves an empty training or validation part`);
    }
    let weightSlot: number | null = null;
    if (run.weightsFile !== null) {
      const key = JSON.stringify([run.weightsFile, dataset.features, run.run.layers]);
      weightSlot = weightSlots.get(key) ?? null;
      if (weightSlot === null) {
        if (!weightTexts.has(run.weightsFile)) weightTexts.set(run.weightsFile, readJson(run.weightsFile));
        weights.push(checkWeights(weightTexts.get(run.weightsFile), { inputSize: dataset.features, layers: run.run.layers }, `${file}: ${at}${run.config.weights}`));
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
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read weights file ${path}: ${describeFsError(error)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${path} is not valid JSON (${(error as Error).message}); a weights file looks like [[[0.5]], [0]]`);
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
function progressView(out: Writer, total: number, quiet: boolean): { line(text: string): void; tick(text: string): void; stop(): void } {
  if (out.isTTY !== true || total === 0) {
    return { line: (text) => out.write(`${text}\n`), tick: (text) => (quiet ? undefined : out.write(`${text}\n`)), stop() {} };
  }
  const bars = new cliProgress.MultiBar({
    stream: out as NodeJS.WritableStream,
    format: 'runs [{bar}] {value}/{total} | ETA {eta_formatted}',
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

export async function sweepAction(options: SweepOptions, io: CliIo): Promise<number> {
  // Everything that can be wrong with the input is checked before anything is written.
  const experiment = loadExperiment(options.experiment, io.cwd, VERSION);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const { shard, note } = resolveShard(options.shard, io);
  const out = options.out === undefined ? defaultOut(experiment.name, shard, io.cwd) : resolve(io.cwd, options.out);
  checkWritableFile(out, '--out');
  const inputs = loadSweepInputs(experiment);
  const existing = readSweepFile(out, { missingOk: true });
  const outShown = shownPath(out, io.cwd);

  const selected: ExperimentRun[] = experiment.runs.filter((run) => shard === null || inShard(run.position, shard));
  const done = recordsById([existing]);
  const todo = selected.filter((run) => !done.has(run.id));
  const selectedIds = new Set(selected.map((run) => run.id));
  const foreign = existing.records.filter((r) => !selectedIds.has(r.id)).length;
  const workers = Math.max(1, Math.min(options.jobs ?? availableParallelism(), todo.length));

  if (note !== null) io.stderr.write(`${note}\n`);
  if (existing.torn) io.stderr.write(`note: ${outShown}: dropped a half-written last line left by an interrupted sweep\n`);
  if (foreign > 0) {
    io.stderr.write(
      `warning: ${outShown} holds ${foreign} run(s) that are not part of this ${shard === null ? 'sweep' : 'shard'} (another experiment, configuration or version); they are kept\n`,
    );
  }
  const view = progressView(io.stdout, todo.length, options.quiet === true);
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
    }),
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
        view.tick(runLine(written, todo.length, record));
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
    io.stderr.write(`interrupted: ${present} of ${selected.length} runs are in ${outShown}; run the same command again to finish\n`);
    return interrupted === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  }
  io.stdout.write(`${doneLine(written, present, selected.length, outShown, shard)}\n`);
  const records = selected.map((run) => done.get(run.id)!);
  const diverged = records.filter((r) => runFields(r).diverged).length;
  if (diverged > 0) io.stderr.write(`warning: ${diverged} run(s) diverged (NaN or infinite loss); see "stopped" in ${outShown}\n`);
  if (assertion !== null) {
    const failures = assertionFailures(assertion, records);
    io.stdout.write(`${assertLines(assertion.source, records.length, failures, assertion.fields).join('\n')}\n`);
    if (failures.length > 0) return EXIT.training;
  }
  return EXIT.ok;
}
