/** batchsim as a library: the numerical core and the training loop, no CLI. */
export * from './core/activations.js';
export * from './core/loss.js';
export * from './core/crossentropy.js';
export * from './core/metrics.js';
export * from './core/model.js';
export * from './core/optimizers.js';
export * from './core/random.js';
export * from './training/batcher.js';
export * from './training/dataset.js';
export * from './training/fit.js';
export * from './training/run.js';
export * from './training/timer.js';
export * from './training/compare.js';
export * from './training/record.js';
export * from './training/invalid-loss.js';
export * from './training/synthetic.js';
// Summaries of a comparison's records, and where a loss sits on a chart's x-axis.
export * from './report/summary.js';
export * from './report/axes.js';
// The batch-size lab's measurements: the gradient noise scale, a step's memory, scaling rules.
export * from './core/noise-scale.js';
export * from './core/step-memory.js';
export * from './training/lr-scaling.js';
