/**
 * The rules a classification run obeys, checked before any training: a model and metrics that
 * make sense together (from the options alone), and targets the crossentropy loss can read (once
 * the data is loaded). Each problem is one message naming the fix.
 */
import { isCrossentropy, targetColumns, type LossName } from '../core/loss.js';
import type { MetricName } from '../core/metrics.js';
import type { LayerSpec } from '../core/model.js';
import { msg, type Message } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import type { Dataset } from '../training/dataset.js';
import { formatLayers } from './layers.js';

const ACCURACIES: readonly MetricName[] = ['accuracy', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy'];

/** The first problem with the model and metrics for this loss, or null. */
export function modelProblem(loss: LossName, layers: readonly LayerSpec[], metrics: readonly MetricName[]): Message | null {
  const last = layers[layers.length - 1];
  if (last.activation === 'softmax' && last.units === 1) return msg('train.softmaxOneUnit', { layers: formatLayers(layers) });
  const accuracy = metrics.find((m) => ACCURACIES.includes(m));
  if (accuracy !== undefined && !isCrossentropy(loss)) return msg('train.metricNeedsCrossentropy', { metric: accuracy, loss });
  return null;
}

/**
 * Checks the data's targets against the loss and the output layer: the column count, and for the
 * crossentropies class ids in 0..units−1, one-hot rows, or values in [0, 1]. Samples are counted
 * from 1 in the data's order.
 */
export function checkTargets(loss: LossName, layers: readonly LayerSpec[], data: Dataset): void {
  const units = layers[layers.length - 1].units;
  const columns = targetColumns(loss, units);
  if (data.outputs !== columns) {
    if (!isCrossentropy(loss)) throw new InputError(msg('train.layersOutputs', { layers: formatLayers(layers), outputs: units, targets: data.outputs }));
    throw new InputError(msg('train.crossentropyColumns', { loss, units, columns, targets: data.outputs }));
  }
  const y = data.y;
  for (let r = 0; r < data.samples; r++) {
    const at = r * columns;
    switch (loss) {
      case 'sparse_categorical_crossentropy': {
        const label = y[at];
        if (!(Number.isInteger(label) && label >= 0 && label < units)) {
          throw new InputError(msg('train.sparseLabel', { sample: r + 1, value: String(label), most: units - 1 }));
        }
        break;
      }
      case 'categorical_crossentropy': {
        let ones = 0;
        for (let j = 0; j < columns; j++) {
          const t = y[at + j];
          if (t === 1) ones++;
          else if (t !== 0) ones = 2;
        }
        if (ones !== 1) throw new InputError(msg('train.notOneHot', { sample: r + 1 }));
        break;
      }
      case 'binary_crossentropy':
        for (let j = 0; j < columns; j++) {
          const t = y[at + j];
          if (!(t >= 0 && t <= 1)) throw new InputError(msg('train.binaryTarget', { sample: r + 1, value: String(t) }));
        }
        break;
      default:
        return;
    }
  }
}
