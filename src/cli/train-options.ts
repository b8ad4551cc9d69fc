/**
 * The `train` options, shared by every command that trains (`train`, `train compare`), and their
 * conversion into one typed, checked configuration at the edge.
 */
import { Command, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { LOSSES, type LossName } from '../core/loss.js';
import { METRIC_NAMES, type MetricName } from '../core/metrics.js';
import type { LayerSpec } from '../core/model.js';
import { OPTIMIZERS, type OptimizerName } from '../core/optimizers.js';
import { asLanguage, LANGUAGES } from '../i18n/languages.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { ON_NAN, type OnNan } from '../training/invalid-loss.js';
import { LR_SCALINGS, type LrScaling } from '../training/lr-scaling.js';
import { SYNTHETIC_KINDS, type SyntheticKind, type SyntheticSpec } from '../training/synthetic.js';
import {
  inLanguage,
  integerAtLeast,
  listOf,
  numberInRange,
  oneOf,
  parseColumns,
  pathName,
  parseSeed,
  positiveNumber,
} from './parsers.js';
import { parseLayers } from '../app/layers.js';
import { DATASET_NAMES } from '../io/dataset-catalogue.js';

/** An embedded data set's name, or the one-line error that lists them. */
function datasetName(text: string): string {
  if (DATASET_NAMES.includes(text)) return text;
  throw new InputError(msg('dataset.unknown', { name: text, names: DATASET_NAMES.join(', ') }));
}
import { DEFAULTS, resolveRun, type RunSource, type TrainConfig, type Verbosity } from '../app/run-spec.js';


/** Raw option values as commander produces them. */
interface TrainOptionValues {
  batchSize: number;
  epochs: number;
  lr?: number;
  lrScaling: LrScaling;
  baseBatchSize?: number;
  warmupEpochs?: number;
  optimizer: OptimizerName;
  momentum?: number;
  nesterov?: boolean;
  loss: LossName;
  layers: LayerSpec[];
  metrics?: MetricName[];
  data?: string;
  dataset?: string;
  dropMissing?: boolean;
  standardize?: boolean;
  testSplit?: number;
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
  debug?: boolean;
}

export function addTrainOptions(command: Command, t: Translator = english, options: { batchSize: boolean; epochs?: boolean } = { batchSize: true }): Command {
  const inLang = <T>(parse: (text: string) => T): ((text: string) => T) => inLanguage(t, parse);
  if (options.batchSize) {
    command.addOption(
      new Option('-b, --batch-size <n>', t('help.batchSize')).argParser(inLang(integerAtLeast(1, 'what.batchSize'))).default(DEFAULTS.batchSize),
    );
  }
  if (options.epochs !== false) {
    command.addOption(new Option('-e, --epochs <n>', t('help.epochs')).argParser(inLang(integerAtLeast(1, 'what.epochs'))).default(DEFAULTS.epochs));
  }
  return command
    .addOption(new Option('--lr <rate>', t('help.lr')).argParser(inLang(positiveNumber('what.learningRate', '0.001'))))
    .addOption(new Option('--lr-scaling <rule>', t('help.lrScaling')).argParser(inLang(oneOf('what.lrScaling', LR_SCALINGS))).default('none'))
    .addOption(new Option('--base-batch-size <n>', t('help.baseBatchSize')).argParser(inLang(integerAtLeast(1, 'what.batchSize'))))
    .addOption(new Option('--warmup-epochs <k>', t('help.warmupEpochs')).argParser(inLang(integerAtLeast(0, 'what.warmupEpochs'))))
    .addOption(
      new Option('--optimizer <name>', t('help.optimizer', { names: OPTIMIZERS.join(', ') }))
        .argParser(inLang(oneOf('what.optimizer', OPTIMIZERS)))
        .default(DEFAULTS.optimizer),
    )
    .addOption(
      new Option('--momentum <m>', t('help.momentum')).argParser(
        inLang(numberInRange('what.momentum', 0, 1, { minOpen: false, maxOpen: true, example: '0.9' })),
      ),
    )
    .addOption(new Option('--nesterov', t('help.nesterov')))
    .addOption(new Option('--loss <name>', t('help.loss', { names: LOSSES.join(', ') })).argParser(inLang(oneOf('what.loss', LOSSES))).default(DEFAULTS.loss))
    .addOption(
      new Option('--layers <spec>', t('help.layers'))
        .argParser(inLang((text) => parseLayers(text)))
        .default(parseLayers(DEFAULTS.layers), DEFAULTS.layers),
    )
    .addOption(
      new Option('--metrics <names>', t('help.metrics', { names: METRIC_NAMES.join(', ') })).argParser(
        inLang(listOf(oneOf('what.metric', METRIC_NAMES), 'what.metric', 'accuracy')),
      ),
    )
    .addOption(new Option('--data <file>', t('help.data')).argParser(inLang(pathName('file'))))
    .addOption(new Option('--dataset <name>', t('help.dataset', { names: DATASET_NAMES.join(', ') })).argParser(inLang(datasetName)))
    .addOption(new Option('--drop-missing', t('help.dropMissing')))
    .addOption(new Option('--standardize', t('help.standardize')))
    .addOption(
      new Option('--test-split <f>', t('help.testSplit')).argParser(
        inLang(numberInRange('what.testSplit', 0, 1, { minOpen: true, maxOpen: true, example: '0.2' })),
      ),
    )
    .addOption(new Option('--synthetic <kind>', t('help.synthetic')).argParser(inLang(oneOf('what.syntheticData', SYNTHETIC_KINDS))))
    .addOption(new Option('--samples <n>', t('help.samples', { value: DEFAULTS.samples })).argParser(inLang(integerAtLeast(1, 'what.samples'))))
    .addOption(new Option('--features <f>', t('help.features', { value: DEFAULTS.features })).argParser(inLang(integerAtLeast(1, 'what.features'))))
    .addOption(
      new Option('--noise <s>', t('help.noise', { value: DEFAULTS.noise })).argParser(
        inLang(numberInRange('what.noise', 0, 1e6, { minOpen: false, maxOpen: false, example: '0.1' })),
      ),
    )
    .addOption(new Option('--target <cols>', t('help.target')).argParser(inLang(parseColumns)))
    .addOption(new Option('--seed <n>', t('help.seed')).argParser(inLang(parseSeed)).default(DEFAULTS.seed))
    .addOption(new Option('--no-shuffle', t('help.noShuffle')))
    .addOption(
      new Option('--validation-split <f>', t('help.validationSplit'))
        .argParser(inLang(numberInRange('what.validationSplit', 0, 1, { minOpen: true, maxOpen: true, example: '0.2' })))
        .default(DEFAULTS.validationSplit, t('help.validationSplit.none')),
    )
    .addOption(new Option('--weights <file>', t('help.weights')).argParser(inLang(pathName('file'))))
    .addOption(new Option('--save-weights <file>', t('help.saveWeights')).argParser(inLang(pathName('file'))))
    .addOption(new Option('--on-nan <policy>', t('help.onNan')).argParser(inLang(oneOf('what.onNanPolicy', ON_NAN))).default('stop'))
    .addOption(
      new Option('-v, --verbose <level>', t('help.verbose')).argParser(inLang(oneOf('what.verbosity', ['auto', '0', '1', '2'] as const))).default('auto'),
    )
    .addOption(new Option('--json', t('help.json')))
    .addOption(new Option('--no-color', t('help.noColor')))
    .addOption(new Option('--no-timings', t('help.noTimings')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
}

/**
 * `--lang`: the language is read from argv before the commands are built (their help is in it),
 * so the option is here to be listed in --help and to refuse a language batchsim does not speak.
 */
export function langOption(t: Translator): Option {
  // A tag with a region or a locale's encoding (ko-KR, ko_KR.UTF-8) names its language, as LANG does.
  const name = oneOf('what.language', LANGUAGES);
  return new Option('--lang <code>', t('help.lang', { names: LANGUAGES.join(', ') })).argParser(inLanguage(t, (text) => asLanguage(text) ?? name(text)));
}

/** The most memory --synthetic data may take. */
const MAX_SYNTHETIC_BYTES = 2 ** 31;

/** --synthetic and its sizes, checked against --data. */
function syntheticSpec(o: TrainOptionValues): SyntheticSpec | null {
  if (o.synthetic === undefined) {
    const stray = (['samples', 'features', 'noise'] as const).find((name) => o[name] !== undefined);
    if (stray !== undefined) throw new InputError(msg('options.strayForSynthetic', { flag: `--${stray}` }));
    return null;
  }
  if (o.data !== undefined) throw new InputError(msg('options.syntheticAndData'));
  if (o.dataset !== undefined) throw new InputError(msg('options.datasetAndData', { other: '--synthetic' }));
  const samples = o.samples ?? DEFAULTS.samples;
  const features = o.features ?? DEFAULTS.features;
  // x, y and the shuffle order: 4 bytes each per value.
  const bytes = samples * (features + 2) * 4;
  if (bytes > MAX_SYNTHETIC_BYTES) {
    const most = Math.floor(MAX_SYNTHETIC_BYTES / ((features + 2) * 4));
    throw new InputError(msg('options.syntheticTooBig', { samples, features, gib: Math.ceil(bytes / 2 ** 30), most }));
  }
  return {
    kind: o.synthetic,
    samples,
    features,
    noise: o.noise ?? DEFAULTS.noise,
    seed: o.seed,
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Turns parsed option values into a checked configuration. Throws InputError for conflicts. */
export function resolveTrainConfig(command: Command, cwd: string): TrainConfig {
  const o = command.opts<TrainOptionValues>();
  const source: RunSource = {
    kind: 'flags',
    resolve: (path) => absolute(path, cwd),
    label: (file) => file,
    fail(problem) {
      throw new InputError(problem);
    },
  };
  // What the user did not give is left out, so that an embedded data set's defaults can fill it.
  const given = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const { spec, run, dataFile, weightsFile } = resolveRun(
    {
      ...o,
      loss: given('loss') ? o.loss : undefined,
      layers: given('layers') ? o.layers : undefined,
      learningRate: o.lr,
      synthetic: o.synthetic,
    },
    source,
  );
  const synthetic = syntheticSpec(o);
  const saveWeights = o.saveWeights === undefined ? null : absolute(o.saveWeights, cwd);
  if (saveWeights !== null && saveWeights === dataFile) {
    throw new InputError(msg('options.saveOverData', { file: o.saveWeights! }));
  }
  const verbose: Verbosity = o.verbose === 'auto' ? 1 : (Number(o.verbose) as Verbosity);
  return {
    ...run,
    spec,
    data: dataFile,
    dataset: o.dataset ?? null,
    dropMissing: o.dropMissing === true,
    standardize: o.standardize === true,
    testSplit: o.testSplit ?? 0,
    synthetic,
    target: spec.target,
    weightsFile,
    saveWeights,
    onNan: o.onNan,
    verbose,
    verboseExplicit: command.getOptionValueSource('verbose') === 'cli',
    json: o.json === true,
    color: o.color,
    timings: o.timings,
    debug: o.debug === true,
  };
}
