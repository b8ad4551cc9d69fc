/**
 * The embedded data sets: real tables shipped with the package in data/datasets/ (rebuilt by
 * scripts/datasets.py; data/README.md has each one's source, citation and licence), read with
 * the CSV reader every --data file goes through.
 */
import { msg } from '../i18n/message.js';
import type { Dataset } from '../training/dataset.js';
import { parseCsvDataset } from './data.js';
import { InputError } from './errors.js';
import { readTextBounded, MAX_DATA_BYTES } from './safe-read.js';
import { describeFsError } from './fs-errors.js';
import { DATASET_NAMES, datasetFile, embeddedDataset } from './dataset-catalogue.js';

export { EMBEDDED_DATASETS, DATASET_NAMES, datasetFile, embeddedDataset, datasetInputs, type EmbeddedDataset, type DatasetTask } from './dataset-catalogue.js';


/**
 * Loads an embedded data set with its default target, or `target` columns when given. Errors
 * name the data set as `--dataset NAME`, not its file.
 */
export function loadEmbeddedDataset(name: string, target?: readonly string[]): Dataset {
  const entry = embeddedDataset(name);
  if (entry === undefined) throw new InputError(msg('dataset.unknown', { name, names: DATASET_NAMES.join(', ') }));
  let text: string;
  try {
    text = readTextBounded(datasetFile(name), MAX_DATA_BYTES);
  } catch (error) {
    throw new InputError(msg('dataset.missingFile', { name, reason: describeFsError(error) }));
  }
  const targets = target !== undefined && target.length > 0 ? target : [entry.target];
  // A class column is a label, never a feature: with another target it is left out.
  const ignore = entry.classes !== null && !targets.includes(entry.target) ? [entry.target] : [];
  return parseCsvDataset(text, `--dataset ${name}`, { target: targets, ignore, labels: true });
}
