/**
 * A data set as two row-major float32 matrices: x [samples, features] and y [samples, outputs].
 */
export interface Dataset {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly samples: number;
  readonly features: number;
  readonly outputs: number;
  /** Column names, when the data came with a header. */
  readonly featureNames?: readonly string[];
  readonly targetNames?: readonly string[];
  /** Class names of a target column that held text labels, in id order: y holds 0..classes.length − 1. */
  readonly classes?: readonly string[];
  /** Rows left out for a missing value (with --drop-missing), and the line of the first. */
  readonly dropped?: number;
  readonly firstDropped?: number;
}

/** The embedded sample: x = y = 1..6, one feature and one target. */
export function sampleDataset(): Dataset {
  const values = Float32Array.from([1, 2, 3, 4, 5, 6]);
  return { x: values, y: values.slice(), samples: 6, features: 1, outputs: 1, featureNames: ['x'], targetNames: ['y'] };
}

/** Rows [start, end) as views onto the same memory. */
export function sliceRows(data: Dataset, start: number, end: number): Dataset {
  return {
    ...data,
    x: data.x.subarray(start * data.features, end * data.features),
    y: data.y.subarray(start * data.outputs, end * data.outputs),
    samples: end - start,
  };
}

/**
 * Training samples after Keras's validation_split: floor(n·(1 − f)), or n without a split. The
 * one place the split is worked out; everything else asks here.
 */
export function trainSampleCount(samples: number, fraction: number): number {
  return fraction > 0 ? Math.floor(samples * (1 - fraction)) : samples;
}

/** Whether a split of `fraction` leaves both parts non-empty (no split always fits). */
export function validationFits(samples: number, fraction: number): boolean {
  const splitAt = trainSampleCount(samples, fraction);
  return fraction === 0 || (splitAt > 0 && splitAt < samples);
}

/**
 * Keras's validation_split: the first floor(n·(1 − f)) samples train, the rest validate,
 * taken before any shuffling. Returns null for a part that would be empty.
 */
export function splitValidation(data: Dataset, fraction: number): { train: Dataset; validation: Dataset } | null {
  if (fraction <= 0 || !validationFits(data.samples, fraction)) return null;
  const splitAt = trainSampleCount(data.samples, fraction);
  return { train: sliceRows(data, 0, splitAt), validation: sliceRows(data, splitAt, data.samples) };
}

/** Rows in the order of `order` (a permutation of 0..samples − 1), copied. */
export function reorderRows(data: Dataset, order: ArrayLike<number>): Dataset {
  const x = new Float32Array(data.x.length);
  const y = new Float32Array(data.y.length);
  for (let r = 0; r < data.samples; r++) {
    x.set(data.x.subarray(order[r] * data.features, (order[r] + 1) * data.features), r * data.features);
    y.set(data.y.subarray(order[r] * data.outputs, (order[r] + 1) * data.outputs), r * data.outputs);
  }
  return { ...data, x, y };
}

/**
 * The test part of `--test-split f`: the last n − floor(n·(1 − f)) rows, held out before Keras's
 * validation_split takes its part from the end of what is left. So the rows run
 * [train | validation | test]. Returns null when a part would be empty.
 */
export function splitTest(data: Dataset, fraction: number): { fit: Dataset; test: Dataset } | null {
  if (fraction <= 0 || !validationFits(data.samples, fraction)) return null;
  const splitAt = trainSampleCount(data.samples, fraction);
  return { fit: sliceRows(data, 0, splitAt), test: sliceRows(data, splitAt, data.samples) };
}
