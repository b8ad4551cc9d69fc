/**
 * The learner views as fit subscribers: the batches of each epoch, and the Keras CSV log
 * (rewritten whole, atomically, at most once a second and at the end).
 */
import type { Translator } from '../i18n/message.js';
import { writeFileAtomic } from '../io/files.js';
import { csvLogText } from '../report/csv-log.js';
import { batchListing } from '../report/explain.js';
import type { LineSink } from '../report/output.js';
import type { FitCallback, History } from '../training/fit.js';

export function showBatches(sink: LineSink, t: Translator, batchSize: number): FitCallback {
  let inOrder: Uint32Array | null = null;
  return {
    onTrainBegin(info) {
      inOrder = null;
      if (info.trainSamples > 0) inOrder = Uint32Array.from({ length: info.trainSamples }, (_, i) => i);
    },
    onEpochPlan(epoch, order) {
      if (order === null && epoch > 0) {
        sink.line(`${t('batches.epoch', { epoch: epoch + 1, shuffled: false })} ${t('batches.sameAsBefore')}`);
        return;
      }
      for (const line of batchListing(t, epoch, order ?? inOrder!, batchSize, order !== null)) sink.line(line);
    },
  };
}

/** Writes the CSV log after each epoch (at most once a second) and when training ends. */
export function csvLogger(path: string, clock: () => number): FitCallback {
  const epochs: number[] = [];
  const loss: number[] = [];
  const valLoss: number[] = [];
  const endLoss: number[] = [];
  let lastWrite = -Infinity;
  const write = (): void => {
    const history: History = {
      epoch: epochs,
      loss,
      ...(valLoss.length > 0 ? { val_loss: valLoss } : {}),
      ...(endLoss.length > 0 ? { end_loss: endLoss } : {}),
    };
    writeFileAtomic(path, csvLogText(history));
    lastWrite = clock();
  };
  return {
    onEpochEnd(epoch, logs) {
      epochs.push(epoch);
      loss.push(logs.loss);
      if (logs.val_loss !== undefined) valLoss.push(logs.val_loss);
      if (logs.end_loss !== undefined) endLoss.push(logs.end_loss);
      if (clock() - lastWrite >= 1) write();
    },
    onTrainEnd() {
      write();
    },
  };
}
