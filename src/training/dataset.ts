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
