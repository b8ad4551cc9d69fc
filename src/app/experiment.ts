/**
 * Experiment files: read (JSON or YAML), checked against the zod schema, and resolved into one
 * fully specified run per grid point, each with its run id. Every problem is an InputError
 * naming the file and the key; nothing runs until the whole file is sound.
 */
import { readTextBounded } from '../io/safe-read.js';
import { jsonDepth, MAX_JSON_DEPTH, parseJson } from '../io/json.js';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import type { LayerSpec } from '../core/model.js';
import { describeFsError } from '../io/fs-errors.js';
import { msg, type Message } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import type { NamedFile } from '../io/file-set.js';
import { datasetFile } from '../io/datasets.js';
import { describePoint, expandGrid, gridSize, runId, sortAxes, type GridAxis, type GridPoint, type GridValue } from './grid.js';
import type { RunConfig } from '../training/run.js';
import { experimentSchema, OPTION_NAMES, type ExperimentInput } from './experiment-schema.js';
import { ArgumentError, closest } from './argument-error.js';
import { parseLayers } from './layers.js';
import { resolveRun, type RunSource, type RunSpec } from './run-spec.js';

export interface ExperimentRun {
  /** 0-based position in the canonical grid order. */
  readonly position: number;
  readonly point: GridPoint;
  readonly id: string;
  readonly config: RunSpec;
  readonly run: RunConfig;
  /** Absolute paths, or null for the sample (or an embedded data set) / drawn weights. */
  readonly dataFile: string | null;
  /** The embedded data set the run trains on, or null. */
  readonly dataset: string | null;
  readonly weightsFile: string | null;
}

export interface Experiment {
  readonly name: string;
  /** Absolute path of the experiment file. */
  readonly file: string;
  /** Swept axes in canonical order (sorted names, sorted values). */
  readonly axes: readonly GridAxis[];
  /** Every grid point in canonical order. */
  readonly runs: readonly ExperimentRun[];
}

/** Most runs one experiment may describe: beyond this a typo (an extra zero) is likelier than intent. */
export const MAX_RUNS = 100_000;

/** Reads, checks and resolves an experiment file. `version` goes into the run ids. */
/** The files an experiment reads: itself, and every data, embedded data set and weights file its runs name. */
export function experimentFiles(experiment: Experiment, shown: string): NamedFile[] {
  const files: NamedFile[] = [{ option: shown, path: experiment.file }];
  const seen = new Set<string>();
  for (const run of experiment.runs) {
    const embedded = run.dataset === null ? null : datasetFile(run.dataset);
    for (const [option, path] of [['data', run.dataFile], ['dataset', embedded], ['weights', run.weightsFile]] as const) {
      if (path !== null && !seen.has(path)) {
        seen.add(path);
        files.push({ option: `${shown}: ${option}`, path });
      }
    }
  }
  return files;
}

export function loadExperiment(path: string, cwd: string, version: string): Experiment {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = readTextBounded(file);
  } catch (error) {
    throw new InputError(msg('experiment.cannotRead', { file: path, reason: describeFsError(error) }));
  }
  return parseExperiment(text, file, version);
}

/** The file name as messages show it. */
function shown(file: string): string {
  return basename(file);
}

export function parseExperiment(text: string, file: string, version: string): Experiment {
  const doc = parseDocument(text, file);
  const checked = experimentSchema.safeParse(doc);
  if (!checked.success) throw new InputError(problemsMessage(file, checked.error.issues.flatMap((issue) => issueText(issue, doc))));
  const input = checked.data as ExperimentInput;

  const problems: Array<Message | string> = [];
  const grid = input.grid ?? {};
  const axes: GridAxis[] = [];
  for (const name of OPTION_NAMES) {
    const values = grid[name] as GridValue[] | undefined;
    if (values === undefined) continue;
    if (input[name] !== undefined) problems.push(msg('experiment.setTwice', { name }));
    const seen = new Set<string>();
    for (const value of values) {
      const key = JSON.stringify(value);
      if (seen.has(key)) problems.push(msg('experiment.listedTwice', { name, value: key }));
      seen.add(key);
    }
    axes.push({ name, values });
  }
  // Layers are checked once per distinct spec, with parseLayers's messages.
  const layerSpecs = new Map<string, LayerSpec[]>();
  for (const [where, spec] of [['layers', input.layers], ...(grid.layers ?? []).map((s, i) => [`grid.layers[${i}]`, s])] as const) {
    if (spec === undefined) continue;
    try {
      layerSpecs.set(spec, parseLayers(spec, '"8:relu,1"'));
    } catch (error) {
      if (!(error instanceof ArgumentError)) throw error;
      problems.push(msg('experiment.at', { where, problem: error.text }));
    }
  }
  const size = gridSize(axes);
  if (size > MAX_RUNS) problems.push(msg('experiment.tooManyRuns', { size, max: MAX_RUNS }));
  if (problems.length > 0) throw new InputError(problemsMessage(file, problems));

  const folder = dirname(file);
  const name = input.name ?? basename(file, extname(file));
  const points = expandGrid(axes);
  const runs = points.map((point, position) => {
    const options = { ...input, ...point } as ExperimentInput;
    const resolved = resolvePoint(options, layerSpecs, folder, point, file);
    const config = resolved.config;
    return { position, point, id: runId(config, version), ...resolved };
  });
  return { name, file, axes: sortAxes(axes), runs };
}

/** The YAML parser, loaded for the first YAML file: it took a tenth of the start-up of a sweep of a JSON file. */
function parseYaml(source: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof Yaml).parse(source);
}

function parseDocument(text: string, file: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  const yaml = /\.ya?ml$/i.test(file);
  try {
    if (yaml && jsonDepth(source) > MAX_JSON_DEPTH) throw new SyntaxError(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    return yaml ? parseYaml(source) : parseJson(source);
  } catch (error) {
    const message = ((error as Error).message.split('\n')[0] ?? '').trim();
    throw new InputError(msg('experiment.notParsable', { file: shown(file), format: yaml ? 'YAML' : 'JSON', message }));
  }
}

/** One line, as every bad-input message: several problems are numbered. */
function problemsMessage(file: string, problems: ReadonlyArray<Message | string>): Message {
  if (problems.length === 1) return msg('experiment.problem', { file: shown(file), problem: problems[0] });
  return msg('experiment.problems', { file: shown(file), problems });
}

/** `grid.batchSize[1]` */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let value = doc;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

function describeValue(value: unknown): Message | string {
  if (value === undefined) return msg('value.nothing');
  if (value === null) return 'null';
  if (Array.isArray(value)) return msg('value.array');
  if (typeof value === 'object') return msg('value.object');
  return JSON.stringify(value);
}

const EXPECTED: Record<string, Message> = {
  number: msg('value.number'),
  int: msg('value.wholeNumber'),
  string: msg('value.string'),
  boolean: msg('value.boolean'),
  array: msg('value.array'),
  object: msg('value.object'),
};

/** Options whose numbers must be whole (zod reports a non-number there as "expected number"). */
const WHOLE_NUMBERS = new Set(['batchSize', 'epochs', 'seed']);

/** The problems of one zod issue (one per unknown key, else one): the key, what is wrong, what to write instead. */
function issueText(issue: z.core.$ZodIssue, doc: unknown): Array<Message | string> {
  const where = pathText(issue.path);
  const at = (problem: Message | string): Message | string => (where === '' ? problem : msg('experiment.at', { where, problem }));
  const value = valueAt(doc, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = issue.path.length === 0 ? ['name', 'grid', ...OPTION_NAMES] : OPTION_NAMES;
      return issue.keys.map((key) => at(msg('experiment.unknownKey', { key, suggestion: closest(key, known), known: known.join(', ') })));
    }
    case 'invalid_type': {
      if (issue.expected === 'object' && issue.path.length === 0) return [msg('experiment.notObject', { value: describeValue(value) })];
      const key = [...issue.path].reverse().find((k) => typeof k === 'string');
      const expected = issue.expected === 'number' && WHOLE_NUMBERS.has(String(key)) ? 'int' : issue.expected;
      return [at(msg('experiment.expected', { expected: EXPECTED[expected] ?? expected, value: describeValue(value) }))];
    }
    case 'too_small':
      if (issue.origin === 'array') return [at(msg('experiment.emptyArray', { minimum: Number(issue.minimum) }))];
      if (issue.origin === 'string') return [at(msg('experiment.emptyString'))];
      return [at(msg('experiment.bound', { op: issue.inclusive ? '≥' : '>', limit: Number(issue.minimum), value: describeValue(value) }))];
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return [at(msg('experiment.tooLong', { maximum: Number(issue.maximum) }))];
      return [at(msg('experiment.bound', { op: issue.inclusive ? '≤' : '<', limit: Number(issue.maximum), value: describeValue(value) }))];
    case 'invalid_value': {
      const names = issue.values.map(String);
      const suggestion = typeof value === 'string' ? closest(value, names) : null;
      return [at(msg('experiment.notOneOf', { value: describeValue(value), names: names.join(', '), suggestion }))];
    }
    case 'invalid_format':
      return [at(msg('experiment.badName', { value: describeValue(value) }))];
    case 'invalid_union':
      return [where.endsWith('target') || /target\[\d+\]$/.test(where) ? at(msg('experiment.badTarget', { value: describeValue(value) })) : at(issue.message)];
    default:
      return [at(issue.message)];
  }
}

/** `problem`, prefixed with the grid point it belongs to when the experiment has a grid. */
export function atPoint(point: GridPoint, problem: Message | string): Message | string {
  return Object.keys(point).length > 0 ? msg('experiment.atPoint', { point: describePoint(point), problem }) : problem;
}

/** Posix-style path of `target` relative to the experiment's folder. */
function relativePath(folder: string, target: string): string {
  return relative(folder, target).split(sep).join('/');
}

function resolvePoint(
  o: ExperimentInput,
  layerSpecs: ReadonlyMap<string, LayerSpec[]>,
  folder: string,
  point: GridPoint,
  file: string,
): Omit<ExperimentRun, 'position' | 'point' | 'id'> {
  const source: RunSource = {
    kind: 'file',
    resolve: (path) => resolve(folder, path),
    label: (target) => relativePath(folder, target),
    fail(problem) {
      throw new InputError(msg('experiment.problem', { file: shown(file), problem: atPoint(point, problem) }));
    },
  };
  const target = o.target === undefined ? undefined : typeof o.target === 'string' ? o.target.split(',').map((s) => s.trim()) : o.target;
  const layers = o.layers === undefined ? undefined : layerSpecs.get(o.layers);
  const { spec, run, dataFile, weightsFile } = resolveRun({ ...o, target, layers }, source);
  if (target !== undefined && (target.some((t) => t === '') || new Set(target).size !== target.length)) {
    source.fail(msg('experiment.targetNames'));
  }
  return { config: spec, run, dataFile, dataset: o.dataset ?? null, weightsFile };
}
