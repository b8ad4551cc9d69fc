/**
 * A batch-size lab: a sweep over batch size × learning rate × seed, every run watching one
 * target, then the analysis (lab-analysis.ts) and its views. The runs are a sweep's: trained on the
 * worker pool, appended to a results file as they finish, resumed from it, shardable; each record
 * carries the lab's grid (`lab`), so that `train merge --lab` can rebuild the expected runs from
 * the shards' files alone.
 */
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { msg, type Message } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFileSet, named, type NamedFile } from '../io/file-set.js';
import { checkNameLength } from '../io/files.js';
import { lockFile } from '../io/lock.js';
import { readSweepFile } from '../io/sweep-file.js';
import type { KerasWeights } from '../core/model.js';
import { parseAssertion, type Expr } from './assertion.js';
import type { Dataset } from '../training/dataset.js';
import { trainSampleCount } from '../training/dataset.js';
import type { RunSpec, SweepRecord } from '../training/record.js';
import type { RunConfig } from '../training/run.js';
import { onValidation, TARGET_FIELDS, targetMetricName, type TargetCondition, type TargetField, type TargetOp } from '../training/target.js';
import type { MetricName } from '../core/metrics.js';
import { scaledLearningRate } from '../training/lr-scaling.js';
import type { Experiment, ExperimentRun } from './experiment.js';
import { inShard, runId, type GridAxis, type Shard } from './grid.js';
import { loadTrainingData, readStartWeights, type TrainingData } from './inputs.js';
import type { CliIo } from './io.js';
import { runConfigOf, specAt, type TrainConfig } from './run-spec.js';
import type { ShardOption } from './shard.js';
import { resolveShard } from './shard.js';
import { defaultOut, recordsById, runSweep, shownPath, type SweepPlan } from './sweep.js';
import type { Translator } from '../i18n/message.js';

/** The lab's grid, as every record of it carries it. */
export interface LabGrid {
  readonly batchSizes: readonly number[];
  readonly learningRates: readonly number[];
  readonly seeds: readonly number[];
}

/** The name of a lab's runs (their `experiment`) and of its default results file. */
export const LAB_NAME = 'lab';

/** Most runs one lab may make. */
export const MAX_LAB_RUNS = 100_000;

/** The default learning rates: the base rate ×⅓, ×1 and ×3 (half a decade apart), to three significant digits. */
export function defaultLearningRates(base: number): number[] {
  return [base / 3, base, base * 3].map((rate) => Number(rate.toPrecision(3)));
}

/** The default batch sizes: the powers of two up to the training samples. */
export function defaultBatchSizes(trainSamples: number): number[] {
  const sizes: number[] = [];
  for (let b = 1; b <= trainSamples; b *= 2) sizes.push(b);
  return sizes;
}

/** Fields a `--target-metric` expression may compare, with what they measure. */
export const TARGET_FIELD_TYPES: Readonly<Record<TargetField, { readonly type: 'number' }>> = Object.fromEntries(
  TARGET_FIELDS.map((name) => [name, { type: 'number' as const }]),
) as Record<TargetField, { readonly type: 'number' }>;

const FLIPPED: Readonly<Record<TargetOp, TargetOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * `--target-metric 'valLoss <= 0.05'`: parsed with the --assert language against the target
 * fields; a target is one field compared with a number, in either order.
 */
export function parseTarget(source: string): TargetCondition {
  const assertion = parseAssertion(source, TARGET_FIELD_TYPES);
  const e: Expr = assertion.expr;
  if (e.kind === 'compare' && e.op !== '==' && e.op !== '!=') {
    if (e.left.kind === 'field' && e.right.kind === 'number') return { field: e.left.name as TargetField, op: e.op, value: e.right.value };
    if (e.left.kind === 'number' && e.right.kind === 'field') return { field: e.right.name as TargetField, op: FLIPPED[e.op], value: e.left.value };
  }
  throw new InputError(msg('lab.targetShape', { source, fields: TARGET_FIELDS.join(', ') }));
}

/** --target-loss x: the evaluation loss, on the validation part if there is one, at most x. */
export function lossTarget(value: number, validationSplit: number): TargetCondition {
  return { field: validationSplit > 0 ? 'valLoss' : 'trainLoss', op: '<=', value };
}

export interface LabRequest {
  readonly train: TrainConfig;
  readonly batchSizes: readonly number[] | null;
  readonly learningRates: readonly number[] | null;
  readonly seeds: number;
  readonly maxEpochs: number;
  readonly target: TargetCondition;
  readonly out: string | null;
  readonly jobs: number | null;
  readonly shard: ShardOption | null;
  readonly quiet: boolean;
  /** Measure the gradient noise scale in every run, at the initial weights and after every epoch. */
  readonly noiseScale: boolean;
  /** Output files, absolute (checked against the inputs here): named by their option. */
  readonly outputs: readonly NamedFile[];
}

export interface LabPlan {
  readonly sweep: SweepPlan;
  readonly grid: LabGrid;
  readonly target: TargetCondition;
  readonly data: Dataset;
  readonly shard: Shard | null;
}

/**
 * The rate a lab run trains with: the grid's rate, or with `--lr-scaling` the grid's rate taken as
 * the rate for the base batch size and scaled to this batch size (linear or square-root rule).
 */
function trainingRate(base: RunSpec, batchSize: number, learningRate: number): number {
  const scaling = base.lrScaling;
  return scaling === undefined ? learningRate : scaledLearningRate(learningRate, batchSize, scaling.baseBatchSize, scaling.rule);
}

/** The lab's points and run ids, in the canonical grid order (batch size, then learning rate, then seed). */
export function labPoints(base: RunSpec, grid: LabGrid, version: string): Array<{ position: number; point: { batchSize: number; learningRate: number; seed: number }; id: string; config: RunSpec }> {
  const points = [];
  for (const batchSize of grid.batchSizes) {
    for (const learningRate of grid.learningRates) {
      for (const seed of grid.seeds) {
        const point = { batchSize, learningRate, seed };
        const config = specAt(base, { batchSize, learningRate: trainingRate(base, batchSize, learningRate), baseLearningRate: learningRate, seed });
        points.push({ position: points.length, point, id: runId(config, version), config });
      }
    }
  }
  return points;
}

/** The lab's runs: its points with the configuration each trains with. */
export function labRuns(base: RunSpec, run: RunConfig, grid: LabGrid, version: string): ExperimentRun[] {
  return labPoints(base, grid, version).map(({ position, point, id, config }) => ({
    position,
    point,
    id,
    config,
    run: {
      ...run,
      batchSize: point.batchSize,
      seed: point.seed,
      optimizer: { ...run.optimizer, learningRate: config.learningRate },
      // A warm-up climbs from the grid's rate to the rate the scaling rule gives this batch size.
      warmUp: run.warmUp === null || run.warmUp === undefined ? null : { ...run.warmUp, fromLearningRate: point.learningRate },
    },
    dataFile: null,
    dataset: null,
    weightsFile: null,
  }));
}

export function labAxes(grid: LabGrid): GridAxis[] {
  return [
    { name: 'batchSize', values: grid.batchSizes },
    { name: 'learningRate', values: grid.learningRates },
    { name: 'seed', values: grid.seeds },
  ];
}

const ascending = (values: readonly number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

/** Everything a lab will do, worked out and checked before anything is written. */
export async function planLab(request: LabRequest, io: CliIo, version: string): Promise<LabPlan> {
  const { train, target } = request;
  if (onValidation(target.field) && train.validationSplit === 0) throw new InputError(msg('lab.targetNeedsValidation', { field: target.field }));
  const inputs = named({ '--data': train.data, '--weights': train.weightsFile });
  const { shard, note } = resolveShard(request.shard ?? undefined, io.env);
  const out = request.out === null ? defaultOut(LAB_NAME, shard, io.cwd) : resolve(io.cwd, request.out);
  checkFileSet(inputs, [{ option: '--out', path: out }, ...request.outputs]);
  checkNameLength(`${out}.lock`, '--out');

  const largest = request.batchSizes === null ? Infinity : Math.max(...request.batchSizes);
  const data = await loadTrainingData(train, Math.min(largest, 2 ** 31));
  const weights = await readStartWeights(train, data);
  const trainSamples = trainSampleCount(data.samples, train.validationSplit);
  const grid: LabGrid = {
    batchSizes: ascending(request.batchSizes ?? defaultBatchSizes(trainSamples)),
    learningRates: ascending(request.learningRates ?? defaultLearningRates(train.spec.lrScaling?.baseLearningRate ?? train.spec.learningRate)),
    seeds: Array.from({ length: request.seeds }, (_, i) => train.seed + i),
  };
  const size = grid.batchSizes.length * grid.learningRates.length * grid.seeds.length;
  if (size > MAX_LAB_RUNS) throw new InputError(msg('lab.tooManyRuns', { size, max: MAX_LAB_RUNS }));

  // An accuracy target needs the accuracy metric tracked.
  const needed = targetMetricName(target.field) as MetricName | null;
  const given = train.spec.metrics ?? [];
  const metrics = needed === null || given.includes(needed) ? given : [...given, needed];
  const tracked = metrics.length > 0 ? { metrics } : {};
  const base: RunSpec = { ...train.spec, epochs: request.maxEpochs, ...tracked, goal: target };
  const run: RunConfig = { ...runConfigOf(train), epochs: request.maxEpochs, ...tracked, goal: target, ...(request.noiseScale ? { noiseScale: true } : {}) };
  const runs = labRuns(base, run, grid, version);
  const experiment: Experiment = { name: LAB_NAME, file: out, axes: labAxes(grid), runs };
  const outShown = shownPath(out, io.cwd);
  const lock = lockFile(out, outShown);
  try {
    const existing = readSweepFile(out, { missingOk: true, forAppend: true, idOf: runId });
    const selected = runs.filter((r) => shard === null || inShard(r.position, shard));
    const done = recordsById([existing]);
    const todo = selected.filter((r) => !done.has(r.id));
    const workers = Math.max(1, Math.min(request.jobs ?? availableParallelism(), todo.length));
    const datasets: TrainingData[] = [data];
    const weightSets: KerasWeights[] = weights === null ? [] : [weights];
    const slots = new Map(runs.map((r) => [r.id, { data: 0, weights: weights === null ? null : 0 }]));
    const sweep: SweepPlan = {
      request: { experiment: LAB_NAME, timings: train.timings, quiet: request.quiet },
      assertion: null,
      shard,
      note,
      experiment,
      out,
      outShown,
      inputs: { datasets, weights: weightSets, slots },
      existing,
      selected,
      todo,
      workers,
      lock,
      stamp: { lab: grid },
    };
    return { sweep, grid, target, data, shard };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export interface LabRunOutcome {
  readonly exitCode: number;
  /** Every run of the lab (of its shard), when all are in the results file; else null. */
  readonly records: readonly SweepRecord[] | null;
}

/** Trains what the lab has still to do (progress lines on `progress`) and reads its records back. */
export async function runLab(plan: LabPlan, io: CliIo, progress: CliIo, t: Translator, version: string): Promise<LabRunOutcome> {
  const exitCode = await runSweep(plan.sweep, progress, t, version);
  const file = readSweepFile(plan.sweep.out, { idOf: runId });
  const byId = recordsById([file]);
  const records = plan.sweep.selected.map((r) => byId.get(r.id));
  return { exitCode, records: records.every((r) => r !== undefined) ? (records as SweepRecord[]) : null };
}

/** A message naming where a shard's results are and how to join them. */
export function shardDoneMessage(plan: LabPlan): Message {
  return msg('lab.shardDone', { file: plan.sweep.outShown, shard: `${plan.shard!.index}/${plan.shard!.total}` });
}
