/**
 * A run's inputs, loaded and checked once before any training: the data (a file, generated, or
 * the embedded sample), its fit with the model, and the memory the model and batches will take.
 */
import { parameterCount, type KerasWeights, type LayerSpec } from '../core/model.js';
import { msg } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { sampleDataset, validationFits, type Dataset } from '../training/dataset.js';
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

/**
 * Loads or generates the data named by the config, or the embedded sample, and checks it once:
 * the model and a batch of `largestBatch` rows fit in memory, the targets suit the loss and the
 * last layer (one output per target, class ids, one-hot rows), and the validation split leaves both parts a sample. The file reader loads only when
 * there is a file to read: plain training starts without it.
 */
export async function loadTrainingData(config: TrainConfig, largestBatch: number): Promise<Dataset> {
  const data =
    config.synthetic !== null
      ? syntheticDataset(config.synthetic)
      : config.data === null
        ? sampleDataset()
        : (await import('../io/data.js')).loadDataset(config.data, { target: config.target ?? undefined });
  checkModelSize(data.features, config.layers, Math.min(largestBatch, data.samples));
  checkTargets(config.loss, config.layers, data);
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
  return data;
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
