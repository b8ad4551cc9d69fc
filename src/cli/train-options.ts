/**
 * The `train` options, shared by every command that trains (`train`, `train compare`), and their
 * conversion into one typed, checked configuration at the edge.
 */
import { Command, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { LOSSES, type LossName } from '../core/loss.js';
import type { LayerSpec } from '../core/model.js';
import { OPTIMIZERS, optimizerConfig, type OptimizerName } from '../core/optimizers.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { InputError } from '../io/errors.js';
import { ON_NAN, type OnNan } from '../training/invalid-loss.js';
import type { RunConfig } from '../training/run.js';
import { SYNTHETIC_KINDS, type SyntheticKind, type SyntheticSpec } from '../training/synthetic.js';
import {
  integerAtLeast,
  numberInRange,
  oneOf,
  parseColumns,
  parseLayers,
  parseSeed,
  positiveNumber,
} from './parsers.js';

/** Defaults, defined once: Keras's where Keras has one. */
export const DEFAULTS = {
  batchSize: 32,
  epochs: 1,
  optimizer: 'adam' as OptimizerName,
  loss: 'mae' as LossName,
  layers: '1',
  seed: 42,
  validationSplit: 0,
  /** --synthetic data: samples, features and the noise's standard deviation. */
  samples: 1000,
  features: 1,
  noise: 0.1,
} as const;

export type Verbosity = 0 | 1 | 2;

export interface TrainConfig extends RunConfig {
  /** Data file (absolute), or null for the embedded sample. */
  readonly data: string | null;
  /** Generated data (--synthetic), or null. */
  readonly synthetic: SyntheticSpec | null;
  readonly target: readonly string[] | null;
  /** Initial weights file (absolute), or null to draw them from the seed. */
  readonly weightsFile: string | null;
  readonly saveWeights: string | null;
  /** What a NaN or infinite loss does: stop training (TerminateOnNaN) or train on (Keras's default). */
  readonly onNan: OnNan;
  readonly verbose: Verbosity;
  /** Whether --verbose was given (with --json the log then goes to stderr). */
  readonly verboseExplicit: boolean;
  readonly json: boolean;
  readonly color: boolean;
  /** False with --no-timings: all times read as 0, for byte-identical output. */
  readonly timings: boolean;
  /** --lang, or null to follow the environment (LANG). */
  readonly lang: Language | null;
  readonly debug: boolean;
}

/** Raw option values as commander produces them. */
interface TrainOptionValues {
  batchSize: number;
  epochs: number;
  lr?: number;
  optimizer: OptimizerName;
  momentum?: number;
  nesterov?: boolean;
  loss: LossName;
  layers: LayerSpec[];
  data?: string;
  synthetic?: SyntheticKind;
  samples?: number;
  features?: number;
  noise?: number;
  target?: string[];
  seed: number;
  shuffle: boolean;
  validationSplit: number;
  weights?: string;
  saveWeights?: string;
  onNan: OnNan;
  verbose: 'auto' | Verbosity;
  json?: boolean;
  color: boolean;
  timings: boolean;
  lang?: Language;
  debug?: boolean;
}

export function addTrainOptions(command: Command, options: { batchSize: boolean } = { batchSize: true }): Command {
  if (options.batchSize) {
    command.addOption(
      new Option('-b, --batch-size <n>', 'samples per optimizer step (Keras default)')
        .argParser(integerAtLeast(1, 'batch size'))
        .default(DEFAULTS.batchSize),
    );
  }
  return command
    .addOption(new Option('-e, --epochs <n>', 'passes over the training data').argParser(integerAtLeast(1, 'epochs')).default(DEFAULTS.epochs))
    .addOption(new Option('--lr <rate>', "learning rate (default: the optimizer's Keras default)").argParser(positiveNumber('learning rate', '0.001')))
    .addOption(
      new Option('--optimizer <name>', `optimizer: ${OPTIMIZERS.join(', ')}`).argParser(oneOf('optimizer', OPTIMIZERS)).default(DEFAULTS.optimizer),
    )
    .addOption(
      new Option('--momentum <m>', 'momentum for sgd and rmsprop (default 0)').argParser(
        numberInRange('momentum', 0, 1, { minOpen: false, maxOpen: true, example: '0.9' }),
      ),
    )
    .addOption(new Option('--nesterov', 'Nesterov momentum (sgd)'))
    .addOption(new Option('--loss <name>', `loss: ${LOSSES.join(', ')}`).argParser(oneOf('loss', LOSSES)).default(DEFAULTS.loss))
    .addOption(
      new Option('--layers <spec>', 'comma-separated units[:activation] (linear, relu, tanh, sigmoid); the last is the output layer')
        .argParser(parseLayers)
        .default(parseLayers(DEFAULTS.layers), DEFAULTS.layers),
    )
    .addOption(new Option('--data <file>', 'CSV with a header row, or JSON {"x": [...], "y": [...]} (default: the embedded sample x = y = 1..6)'))
    .addOption(
      new Option('--synthetic <kind>', 'generate the data: linear (y = x·w + b + noise) or sine (a curve a small MLP can learn)').argParser(
        oneOf('synthetic data', SYNTHETIC_KINDS),
      ),
    )
    .addOption(new Option('--samples <n>', `samples of --synthetic data (default ${DEFAULTS.samples})`).argParser(integerAtLeast(1, 'samples')))
    .addOption(new Option('--features <f>', `features of --synthetic data (default ${DEFAULTS.features})`).argParser(integerAtLeast(1, 'features')))
    .addOption(
      new Option('--noise <s>', `standard deviation of the noise on --synthetic targets (default ${DEFAULTS.noise})`).argParser(
        numberInRange('noise', 0, 1e6, { minOpen: false, maxOpen: false, example: '0.1' }),
      ),
    )
    .addOption(new Option('--target <cols>', 'comma-separated target columns of a CSV (default: the last column)').argParser(parseColumns))
    .addOption(new Option('--seed <n>', 'seed for initial weights and shuffling').argParser(parseSeed).default(DEFAULTS.seed))
    .addOption(new Option('--no-shuffle', 'keep the sample order every epoch (Keras shuffles by default)'))
    .addOption(
      new Option('--validation-split <f>', 'fraction of samples, taken from the end, held out for val_loss')
        .argParser(numberInRange('validation split', 0, 1, { minOpen: true, maxOpen: true, example: '0.2' }))
        .default(DEFAULTS.validationSplit, 'none'),
    )
    .addOption(new Option('--weights <file>', 'initial weights: JSON [W0, b0, W1, b1, ...] in Keras get_weights() order'))
    .addOption(new Option('--save-weights <file>', 'write the final weights in the same format'))
    .addOption(
      new Option('--on-nan <policy>', "when the loss becomes NaN or infinite: stop (Keras's TerminateOnNaN) or continue (Keras's default)")
        .argParser(oneOf('--on-nan policy', ON_NAN))
        .default('stop'),
    )
    .addOption(
      new Option('-v, --verbose <level>', 'auto, 0 (silent), 1 (progress bar) or 2 (one line per epoch)')
        .argParser(oneOf('verbosity', ['auto', '0', '1', '2'] as const))
        .default('auto'),
    )
    .addOption(new Option('--json', 'print one JSON document with the results on stdout'))
    .addOption(new Option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)'))
    .addOption(new Option('--no-timings', 'stop the clock: every time shows as 0, so whole outputs can be diffed'))
    .addOption(new Option('--lang <code>', `language of the text around the Keras lines: ${LANGUAGES.join(', ')} (default: from LANG)`).argParser(oneOf('language', LANGUAGES)))
    .addOption(new Option('--debug', 'show stack traces of unexpected errors').hideHelp());
}

/** The most memory --synthetic data may take. */
const MAX_SYNTHETIC_BYTES = 2 ** 31;

/** --synthetic and its sizes, checked against --data. */
function syntheticSpec(o: TrainOptionValues): SyntheticSpec | null {
  if (o.synthetic === undefined) {
    const stray = (['samples', 'features', 'noise'] as const).find((name) => o[name] !== undefined);
    if (stray !== undefined) throw new InputError(`--${stray} applies to --synthetic data; add e.g. --synthetic linear or drop --${stray}`);
    return null;
  }
  if (o.data !== undefined) throw new InputError('--synthetic generates the data and --data reads it from a file; give one of them');
  const samples = o.samples ?? DEFAULTS.samples;
  const features = o.features ?? DEFAULTS.features;
  // x, y and the shuffle order: 4 bytes each per value.
  const bytes = samples * (features + 2) * 4;
  if (bytes > MAX_SYNTHETIC_BYTES) {
    const most = Math.floor(MAX_SYNTHETIC_BYTES / ((features + 2) * 4));
    throw new InputError(`--samples ${samples} with --features ${features} needs about ${Math.ceil(bytes / 2 ** 30)} GiB; use --samples ${most} or less`);
  }
  return {
    kind: o.synthetic,
    samples,
    features,
    noise: o.noise ?? DEFAULTS.noise,
    seed: o.seed,
  };
}

/** How the data is named in reports: the file, `synthetic linear`, or `sample`. */
export function dataLabel(config: Pick<TrainConfig, 'data' | 'synthetic'>): string {
  if (config.data !== null) return config.data;
  return config.synthetic === null ? 'sample' : `synthetic ${config.synthetic.kind}`;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Turns parsed option values into a checked configuration. Throws InputError for conflicts. */
export function resolveTrainConfig(command: Command, cwd: string): TrainConfig {
  const o = command.opts<TrainOptionValues>();
  if (o.momentum !== undefined && o.optimizer === 'adam') {
    throw new InputError('--momentum applies to --optimizer sgd or rmsprop, not adam; drop --momentum or choose sgd');
  }
  if (o.nesterov && o.optimizer !== 'sgd') {
    throw new InputError(`--nesterov applies to --optimizer sgd, not ${o.optimizer}; drop --nesterov or choose sgd`);
  }
  if (o.nesterov && !(o.momentum !== undefined && o.momentum > 0)) {
    throw new InputError('--nesterov needs momentum: add e.g. --momentum 0.9');
  }
  if (o.target !== undefined && o.data === undefined) {
    throw new InputError('--target names columns of a --data CSV file; add --data <file> or drop --target');
  }
  const synthetic = syntheticSpec(o);
  const data = o.data === undefined ? null : absolute(o.data, cwd);
  const saveWeights = o.saveWeights === undefined ? null : absolute(o.saveWeights, cwd);
  if (saveWeights !== null && saveWeights === data) {
    throw new InputError(`--save-weights ${o.saveWeights} would overwrite the --data file; write the weights to another file`);
  }
  const verbose: Verbosity = o.verbose === 'auto' ? 1 : (Number(o.verbose) as Verbosity);
  return {
    layers: o.layers,
    loss: o.loss,
    optimizer: optimizerConfig(o.optimizer, { learningRate: o.lr, momentum: o.momentum, nesterov: o.nesterov }),
    batchSize: o.batchSize ?? DEFAULTS.batchSize,
    epochs: o.epochs,
    shuffle: o.shuffle,
    seed: o.seed,
    validationSplit: o.validationSplit,
    data,
    synthetic,
    target: o.target ?? null,
    weightsFile: o.weights === undefined ? null : absolute(o.weights, cwd),
    saveWeights,
    onNan: o.onNan,
    verbose,
    verboseExplicit: command.getOptionValueSource('verbose') === 'cli',
    json: o.json === true,
    color: o.color,
    timings: o.timings,
    lang: o.lang ?? null,
    debug: o.debug === true,
  };
}
