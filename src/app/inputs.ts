/**
 * A run's inputs, loaded and checked once before any training: the data (a file, generated, or
 * the embedded sample), its fit with the model, and the memory the model and batches will take.
 */
import { parameterCount, type KerasWeights, type LayerSpec } from '../core/model.js';
import { msg } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { isCrossentropy } from '../core/loss.js';
import { adaptNormalization, normalize, type Normalization } from '../core/normalization.js';
import { createRandom } from '../core/random.js';
import { reorderRows, sampleDataset, splitTest, trainSampleCount, validationFits, type Dataset } from '../training/dataset.js';
import { syntheticDataset } from '../training/synthetic.js';
import { checkTargets } from './classification.js';
import { formatLayers } from './layers.js';
import type { TrainConfig } from './run-spec.js';

/** Most memory one run may hold in weights, optimizer state and batch buffers: batchsim trains small models. */
export const MEMORY_LIMIT_BYTES = 2 ** 30;

function aboutBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${Number((bytes / 2 ** 30).toFixed(1))} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;
}

/**
 * Refuses a model that would not fit in MEMORY_LIMIT_BYTES before allocating anything: float32
 * weights, gradients and up to two optimizer slots, plus, for `rows` samples per batch, every
 * layer's outputs and deltas and the gathered inputs and targets.
 */
export function checkModelSize(features: number, layers: readonly LayerSpec[], rows: number): void {
  const weights = parameterCount({ inputSize: features, layers });
  const units = layers.reduce((sum, layer) => sum + layer.units, 0);
  const weightBytes = 4 * 4 * weights;
  const bytesPerRow = 4 * (2 * units + features + layers[layers.length - 1].units);
  if (weightBytes + rows * bytesPerRow <= MEMORY_LIMIT_BYTES) return;
  const spec = formatLayers(layers);
  const limit = aboutBytes(MEMORY_LIMIT_BYTES);
  if (weightBytes + bytesPerRow > MEMORY_LIMIT_BYTES) {
    throw new InputError(msg('train.modelTooBig', { layers: spec, features, weights, size: aboutBytes(weightBytes), limit }));
  }
  const most = Math.floor((MEMORY_LIMIT_BYTES - weightBytes) / bytesPerRow);
  throw new InputError(msg('train.batchTooBig', { rows, layers: spec, size: aboutBytes(weightBytes + rows * bytesPerRow), limit, most }));
}

/** The data a run trains on, with what was held out and how the features were scaled. */
export interface TrainingData extends Dataset {
  /** The held-out test part (--test-split), scaled as the training data is, or null. */
  readonly test: Dataset | null;
  /** The Normalization adapted on the training part (--standardize), or null. */
  readonly normalization: Normalization | null;
  /** Every sample: the training and validation parts and the test part. */
  readonly totalSamples: number;
  /** With --standardize, the parts as they were before scaling (what --emit-keras hands Keras's own layer). */
  readonly unscaled: { readonly fit: Dataset; readonly test: Dataset | null } | null;
}

/**
 * The fixed order the rows of an embedded data set are put in before any part is taken: the
 * files keep their sources' order, which is sorted by class, so without it a validation or test
 * part taken from the end would hold one class only. The same permutation every run, whatever
 * --seed says: the seed changes the initial weights and the shuffles, never which rows are held out.
 */
export function embeddedOrder(samples: number): Uint32Array {
  const order = Uint32Array.from({ length: samples }, (_, i) => i);
  const random = createRandom(0, 'dataset order');
  for (let i = samples - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** The options that say which data a run reads and how it is split and scaled. */
export type DataConfig = Pick<
  TrainConfig,
  'synthetic' | 'dataset' | 'data' | 'target' | 'loss' | 'layers' | 'dropMissing' | 'standardize' | 'testSplit' | 'validationSplit'
>;

/** Reads or generates the data the config names (all of it, before any part is held out). */
export async function readData(config: Omit<DataConfig, 'layers' | 'standardize' | 'testSplit' | 'validationSplit'>): Promise<Dataset> {
  if (config.synthetic !== null) return syntheticDataset(config.synthetic);
  if (config.dataset !== null) {
    const { loadEmbeddedDataset } = await import('../io/datasets.js');
    const data = loadEmbeddedDataset(config.dataset, config.target ?? undefined);
    return reorderRows(data, embeddedOrder(data.samples));
  }
  if (config.data === null) return sampleDataset();
  // Text class labels are read for a classification loss only: for a regression loss they are a mistake in the file.
  const labels = isCrossentropy(config.loss);
  return (await import('../io/data.js')).loadDataset(config.data, { target: config.target ?? undefined, dropMissing: config.dropMissing, labels });
}

/** The data without its held-out test part (--test-split), and that part; null when the split leaves a part empty. */
export function holdOutTest(all: Dataset, testSplit: number): { readonly fit: Dataset; readonly test: Dataset | null } | null {
  if (testSplit <= 0) return { fit: all, test: null };
  return splitTest(all, testSplit);
}

/**
 * The parts as training takes them: with --standardize, every part scaled by the mean and
 * standard deviation of the training part (the fit part without its validation samples).
 */
export function scaleParts(all: Dataset, parts: { readonly fit: Dataset; readonly test: Dataset | null }, config: Pick<DataConfig, 'standardize' | 'validationSplit'>): TrainingData {
  let data = parts.fit;
  let test = parts.test;
  let normalization: Normalization | null = null;
  const unscaled = config.standardize === true ? { fit: data, test } : null;
  if (config.standardize === true) {
    normalization = adaptNormalization(data.x, data.features, trainSampleCount(data.samples, config.validationSplit));
    data = { ...data, x: normalize(data.x, data.features, normalization) };
    if (test !== null) test = { ...test, x: normalize(test.x, test.features, normalization) };
  }
  return { ...data, test, normalization, totalSamples: all.samples, unscaled };
}

/**
 * Loads or generates the data named by the config, or the embedded sample, and checks it once:
 * the model and a batch of `largestBatch` rows fit in memory, the targets suit the loss and the
 * last layer (one output per target, class ids, one-hot rows), and the test and validation
 * splits leave every part a sample. Then holds out the test part and, with --standardize, scales
 * every part by the training part's mean and standard deviation. The file reader loads only when
 * there is a file to read: plain training starts without it.
 */
export async function loadTrainingData(config: DataConfig, largestBatch: number): Promise<TrainingData> {
  const all = await readData(config);
  const testSplit = config.testSplit ?? 0;
  const parts = holdOutTest(all, testSplit);
  if (parts === null) throw new InputError(msg('train.testSplit', { split: testSplit, samples: all.samples }));
  const data = parts.fit;
  checkModelSize(data.features, config.layers, Math.min(largestBatch, data.samples));
  // The test part too: a label beyond the output layer anywhere is refused before training.
  checkTargets(config.loss, config.layers, all);
  if (!validationFits(data.samples, config.validationSplit)) {
    throw new InputError(
      msg('train.validationSplit', {
        split: config.validationSplit,
        samples: data.samples,
        low: (1 / data.samples).toFixed(3),
        high: (1 - 1 / data.samples).toFixed(3),
      }),
    );
  }
  return scaleParts(all, parts, config);
}

/**
 * The initial weights file named by the config, checked against the model and the data; null to
 * draw them from the seed. The reader loads only when a file is named.
 */
export async function readStartWeights(config: Pick<TrainConfig, 'weightsFile' | 'layers'>, data: Dataset): Promise<KerasWeights | null> {
  if (config.weightsFile === null) return null;
  const { readWeightsFile } = await import('../io/weights.js');
  return readWeightsFile(config.weightsFile, { inputSize: data.features, layers: config.layers });
}
