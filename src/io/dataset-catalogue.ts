/**
 * The embedded data sets' catalogue: what `train datasets` lists and `--dataset` accepts. Kept
 * apart from the reader (datasets.ts) so that checking a name loads no CSV code.
 */
import { fileURLToPath } from 'node:url';
import type { NamedFile } from './file-set.js';

export type DatasetTask = 'regression' | 'binary' | 'multiclass';

export interface EmbeddedDataset {
  readonly name: string;
  readonly rows: number;
  readonly features: number;
  /** What the default target asks for. */
  readonly task: DatasetTask;
  readonly target: string;
  /** Classes of the default target (classification only). */
  readonly classes: number | null;
  /** Who made it and where it was published (data/README.md has the full citation). */
  readonly source: string;
  readonly licence: string;
  /** The package the embedded copy is rebuilt from (scripts/datasets.py). */
  readonly package: string;
}

const SKLEARN = 'scikit-learn 1.9.1';
const VEGA = 'vega-datasets 3.2.1';

/** The catalogue, in the order `train datasets` lists it. test/io/datasets.test.ts checks every figure against the files. */
export const EMBEDDED_DATASETS: readonly EmbeddedDataset[] = [
  { name: 'iris', rows: 150, features: 4, task: 'multiclass', target: 'species', classes: 3, source: 'Fisher, UCI', licence: 'CC BY 4.0', package: SKLEARN },
  { name: 'wine', rows: 178, features: 13, task: 'multiclass', target: 'class', classes: 3, source: 'Forina, UCI', licence: 'CC BY 4.0', package: SKLEARN },
  { name: 'digits', rows: 1797, features: 64, task: 'multiclass', target: 'digit', classes: 10, source: 'Alpaydin, UCI', licence: 'CC BY 4.0', package: SKLEARN },
  { name: 'penguins', rows: 342, features: 4, task: 'multiclass', target: 'species', classes: 3, source: 'Palmer LTER', licence: 'CC0 1.0', package: VEGA },
  { name: 'auto-mpg', rows: 392, features: 7, task: 'regression', target: 'mpg', classes: null, source: 'StatLib, UCI', licence: 'CC BY 4.0', package: VEGA },
  { name: 'diabetes', rows: 442, features: 10, task: 'regression', target: 'progression', classes: null, source: 'Efron, LARS', licence: 'not stated', package: SKLEARN },
];

export const DATASET_NAMES = EMBEDDED_DATASETS.map((d) => d.name);

export function embeddedDataset(name: string): EmbeddedDataset | undefined {
  return EMBEDDED_DATASETS.find((d) => d.name === name);
}

/** The file of an embedded data set: data/datasets/NAME.csv at the package's root (two folders up from src/io/ and from dist/cli/, where the bundle lives). */
export function datasetFile(name: string): string {
  return fileURLToPath(new URL(`../../data/datasets/${name}.csv`, import.meta.url));
}

/**
 * The embedded data set a command trains on, as one of its inputs: no output may land on the
 * package's own file, whatever name the output is given. None without --dataset.
 */
export function datasetInputs(name: string | null): NamedFile[] {
  return name === null ? [] : [{ option: '--dataset', path: datasetFile(name) }];
}
