/**
 * The embedded data sets' catalogue: what `train datasets` lists and `--dataset` accepts. Kept
 * apart from the reader (datasets.ts) so that checking a name loads no CSV code.
 */
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
  readonly source: string;
  readonly licence: string;
}

/** The catalogue, in the order `train datasets` lists it. test/io/datasets.test.ts checks every figure against the files. */
export const EMBEDDED_DATASETS: readonly EmbeddedDataset[] = [
  { name: 'iris', rows: 150, features: 4, task: 'multiclass', target: 'species', classes: 3, source: 'Fisher 1936, UCI (scikit-learn)', licence: 'CC BY 4.0' },
  { name: 'wine', rows: 178, features: 13, task: 'multiclass', target: 'class', classes: 3, source: 'Forina et al., UCI (scikit-learn)', licence: 'CC BY 4.0' },
  { name: 'digits', rows: 1797, features: 64, task: 'multiclass', target: 'digit', classes: 10, source: 'Alpaydin & Kaynak, UCI optdigits (scikit-learn)', licence: 'CC BY 4.0' },
  { name: 'penguins', rows: 342, features: 4, task: 'multiclass', target: 'species', classes: 3, source: 'Gorman et al. 2014, Palmer LTER (vega-datasets)', licence: 'CC0 1.0' },
  { name: 'auto-mpg', rows: 392, features: 7, task: 'regression', target: 'mpg', classes: null, source: 'Quinlan 1993, StatLib (vega-datasets)', licence: 'CC BY 4.0 (UCI)' },
  { name: 'diabetes', rows: 442, features: 10, task: 'regression', target: 'progression', classes: null, source: 'Efron et al. 2004, LARS (scikit-learn)', licence: 'free for research (no licence named)' },
];

export const DATASET_NAMES = EMBEDDED_DATASETS.map((d) => d.name);

export function embeddedDataset(name: string): EmbeddedDataset | undefined {
  return EMBEDDED_DATASETS.find((d) => d.name === name);
}
