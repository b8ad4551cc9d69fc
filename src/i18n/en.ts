/**
 * The English message catalogue: every human sentence batchsim prints that is not a Keras line.
 * Each entry is a function of its parameters, so word order can differ between languages.
 * Other catalogues must have exactly these keys (the compiler and a test check it).
 */
export const en = {
  // --explain
  'explain.title': () => 'What this run does',
  'explain.samples': (p: { total: number; train: number; validation: number }) =>
    p.validation > 0 ? `${p.total} samples: ${p.train} to train on, the last ${p.validation} held out for validation` : `${p.total} samples, all used for training`,
  'explain.batchSize': (p: { batchSize: number }) => `batch size ${p.batchSize}: each optimizer update looks at up to ${p.batchSize} samples`,
  'explain.steps': (p: { n: number; b: number; steps: number }) => `ceil(${p.n} / ${p.b}) = ${p.steps} step${p.steps === 1 ? '' : 's'} per epoch`,
  'explain.batchTooLarge': (p: { b: number; n: number }) => `the batch size ${p.b} is larger than the ${p.n} samples, so each epoch is one batch of all ${p.n} (full batch)`,
  'explain.fullBatch': () => 'one batch holds every sample: this is full-batch training, one update per epoch',
  'explain.batches': (p: { sizes: string; short: boolean }) =>
    p.short ? `batch sizes ${p.sizes}: the short batch comes last and is never dropped` : `batch sizes ${p.sizes}`,
  'explain.updates': (p: { steps: number; epochs: number; updates: number }) =>
    `${p.steps} step${p.steps === 1 ? '' : 's'} × ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} = ${p.updates} optimizer update${p.updates === 1 ? '' : 's'} in all`,
  'explain.loss': (p: { loss: string }) =>
    `the logged loss (${p.loss}) is the running mean of the batch losses in the epoch, weighted by batch size; each batch's loss is taken before its update`,
  'explain.lossOneStep': () => 'with one step per epoch, the logged loss is the loss at the weights the epoch started from, before its update',
  'explain.shuffleOn': (p: { seed: number }) => `shuffling is on: every epoch puts the samples in a new random order (seed ${p.seed}), so each batch holds different samples each epoch`,
  'explain.shuffleOff': () => 'shuffling is off: every epoch cuts the samples in the same order, so each batch always holds the same samples',
  'explain.validation': (p: { count: number }) =>
    `val_loss: the loss on the ${p.count} held-out sample${p.count === 1 ? '' : 's'} (taken from the end, before shuffling) at the weights after each epoch's last update`,
  'explain.endLoss': () => 'end_loss: the loss on all training samples at the weights after each epoch, the fair number to compare runs with',

  // --show-batches
  'batches.epoch': (p: { epoch: number; shuffled: boolean }) => `batches of epoch ${p.epoch}${p.shuffled ? ' (shuffled)' : ' (in order)'}:`,
  'batches.more': (p: { count: number }) => `… ${p.count} more batch${p.count === 1 ? '' : 'es'}`,
  'batches.sameAsBefore': () => 'same batches as before (shuffling is off)',
} as const;

export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
export type MessageKey = keyof Catalogue;
