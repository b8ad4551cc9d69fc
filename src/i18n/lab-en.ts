/**
 * The English messages of `train lab` and `train merge --lab`: help, errors, the table's columns,
 * the charts' captions, the verdict's sentences and the report page. Part of the catalogue (en.ts
 * spreads them in); lab-ko.ts has the same keys.
 */

/** Per-doubling figures the verdict quotes. */
export interface DoublingText {
  readonly from: number;
  readonly to: number;
  /** Percent of the steps saved, or added when `moreSteps`. */
  readonly saved: string;
  readonly moreSteps: boolean;
  /** Percent more examples, or fewer when `fewer`. */
  readonly added: string;
  readonly fewer: boolean;
}

export interface GapText {
  readonly small: number;
  readonly smallGap: string;
  readonly large: number;
  readonly largeGap: string;
}

const doubled = (d: DoublingText | null): string => (d === null ? '' : ` (batch ${d.from} → ${d.to}: ${d.saved}% ${d.moreSteps ? 'more' : 'fewer'} steps, ${d.added}% ${d.fewer ? 'fewer' : 'more'} examples)`);

export const labEn = {
  // ---- --help ------------------------------------------------------------------------------------
  'help.lab': () => 'The batch-size lab: steps to a target for every batch size, the critical batch size, and a verdict',
  'help.lab.examples': () => `
Examples:
  # every power of two up to the data, three rates, to a validation loss of 0.05
  $ train lab --synthetic linear --samples 256 --loss mse \\
      --validation-split 0.25 --target-loss 0.05 --max-epochs 40
  # chosen batch sizes and rates, two seeds, a report page and SVG charts
  $ train lab --synthetic linear --batch-sizes 2,8,32 --lrs 0.01,0.03 \\
      --seeds 2 --target-loss 0.05 --report lab.html --plot charts
  # a shard of a lab on one CI job, then the shards joined
  $ train lab --synthetic linear --target-loss 0.05 --shard 1/2 --out l1.jsonl
  $ train merge --lab l1.jsonl l2.jsonl

The target is checked every k steps, k the smallest that keeps evaluation
under a quarter of the training (k = ceil(m / (0.3125 · B)) for m evaluated
samples), and at every epoch's end; the "check every" column shows k.
See docs/lab.md.`,
  'help.lab.batchSizes': () => 'comma-separated batch sizes (default: the powers of two up to the training samples)',
  'help.lab.lrs': () => 'comma-separated learning rates (default: --lr or the optimizer default ×1/3, ×1, ×3)',
  'help.lab.seeds': () => 'seeds per batch size and learning rate: seed, seed+1, …; steps are the median over them',
  'help.lab.targetLoss': () => 'target: the evaluation loss (validation part if any, else the training samples) at most this',
  'help.lab.targetMetric': () => "target as an expression, e.g. 'valLoss <= 0.05' (fields: trainLoss, valLoss, trainAccuracy, valAccuracy)",
  'help.lab.maxEpochs': () => 'epochs every run trains for (the target is watched throughout)',
  'help.lab.out': () => 'results file, appended to and resumed (default: lab.jsonl, or lab.shard-i-of-n.jsonl)',
  'help.lab.plot': () => 'folder to write the charts to as SVG files',
  'help.lab.report': () => 'write one self-contained HTML page with the charts, the table and the verdict',
  'help.lab.noiseScale': () => 'also measure the gradient noise scale B_simple at the initial weights and after every epoch (one more pass over the data per epoch)',
  'help.lab.json': () => 'print the analysis as one JSON document on stdout (progress goes to stderr)',
  'help.merge.lab': () => 'the files are the shards of a train lab: join them and show the lab analysis',

  // ---- errors and notes -----------------------------------------------------------------------------
  'what.targetLoss': () => 'target loss',
  'lab.saveWeights': () => "--save-weights writes one run's weights; a lab keeps every run's final weights in its results file (--out)",
  'lab.noTarget': () => "train lab needs a target: give --target-loss 0.05 or --target-metric 'valLoss <= 0.05'",
  'lab.twoTargets': () => 'give either --target-loss or --target-metric, not both',
  'lab.targetShape': (p: { source: string; fields: string }) => `--target-metric "${p.source}": a target is one field compared with a number with <, <=, > or >=, e.g. 'valLoss <= 0.05' (fields: ${p.fields})`,
  'lab.targetNeedsValidation': (p: { field: string }) => `the target ${p.field} is measured on the validation part: add --validation-split, e.g. --validation-split 0.2`,
  'lab.tooManyRuns': (p: { size: number; max: number }) => `the lab has ${p.size} runs, more than ${p.max}; give fewer --batch-sizes, --lrs or --seeds`,
  'lab.seedOverflow': (p: { seed: number; seeds: number }) => `--seed ${p.seed} with --seeds ${p.seeds} goes past the largest seed, 4294967295; give a smaller --seed`,
  'lab.withBatchSize': () => 'train lab takes --batch-sizes, not --batch-size',
  'lab.shardDone': (p: { file: string; shard: string }) => `shard ${p.shard} is in ${p.file}; when every shard is done, join them with: train merge --lab <files…>`,
  'lab.incomplete': () => 'some runs are missing from the results file (interrupted); run the same command again to finish',
  'lab.merge.noLab': (p: { file: string }) => `${p.file} holds no train lab runs; give the results files a train lab wrote, or leave out --lab`,
  'lab.merge.mixed': (p: { file: string }) => `${p.file} holds runs of another lab (other batch sizes, rates, seeds or options); merge the shards of one lab at a time`,
  'lab.merge.labOnly': (p: { option: string }) => `${p.option} is for the shards of a train lab: add --lab, or use --format json with --experiment`,
  'lab.merge.withExperiment': () => 'train merge --lab reads the lab from its results files: leave out --experiment',
  'lab.merge.noExperiment': () => "required option '--experiment <file>' not specified (or give --lab for the shards of a train lab)",

  // ---- the table, the fit and the charts -------------------------------------------------------------
  'lab.title': (p: { runs: number; details: string }) => `lab: ${p.runs} runs; ${p.details}`,
  'lab.targetLine': (p: { target: string }) => `target: ${p.target}; per batch size, the learning rate that reached it in the fewest steps (median over seeds)`,
  'lab.col.batch': () => 'batch',
  'lab.col.bestLr': () => 'best lr',
  'lab.col.steps': () => 'steps S',
  'lab.col.examples': () => 'examples E',
  'lab.col.reached': () => 'reached',
  'lab.col.every': () => 'check every',
  'lab.col.memory': () => 'step memory',
  'lab.col.time': () => 'time to target',
  'lab.col.trainLoss': () => 'final train loss',
  'lab.col.valLoss': () => 'final val loss',
  'lab.col.trainAccuracy': () => 'final train acc',
  'lab.col.valAccuracy': () => 'final val acc',
  'lab.col.gap': () => 'gap',
  'lab.fitLine': (p: { sMin: string; eMin: string; bCrit: string; rms: string }) =>
    `fit (S/S_min − 1)(E/E_min − 1) = 1: S_min ≈ ${p.sMin} steps, E_min ≈ ${p.eMin} examples, B_crit = E_min/S_min ≈ ${p.bCrit} (rms residual ${p.rms}%)`,
  'lab.chart.stepsByBatch': () => 'steps to the target against batch size (log₂ of both: a slope of −1 is perfect scaling)',
  'lab.chart.stepsByExamples': () => 'steps against examples to the target (log₂ of both), with the fitted hyperbola',
  'lab.chart.measured': () => 'measured (best lr)',
  'lab.chart.perfect': (p: { batch: number }) => `perfect scaling from batch ${p.batch}`,
  'lab.chart.fit': (p: { bCrit: string }) => `fit, B_crit ≈ ${p.bCrit}`,
  'lab.chart.hyperbola': () => 'fitted hyperbola',
  'lab.chart.log2Batch': () => 'log₂ batch size',
  'lab.chart.log2Steps': () => 'log₂ steps',
  'lab.chart.log2Examples': () => 'log₂ examples',
  'lab.chart.batch': () => 'batch size',
  'lab.chart.steps': () => 'steps to the target',
  'lab.chart.examples': () => 'examples to the target',
  'lab.chart.series': () => 'series',
  'lab.chart.noise': () => 'the gradient noise scale B_simple over epochs (log₂), at each batch size\'s best rate',
  'lab.chart.epoch': () => 'epoch',
  'lab.chart.log2BSimple': () => 'log₂ B_simple',
  'lab.chart.bSimple': () => 'B_simple',
  'lab.chart.atBatch': (p: { batch: number }) => `batch ${p.batch}`,
  'lab.chart.bCrit': (p: { bCrit: string }) => `B_crit ≈ ${p.bCrit} (the fit)`,

  // ---- the verdict ---------------------------------------------------------------------------------
  'lab.verdict.atStart': () => 'The initial weights already reach the target, so it measures nothing: make the target harder.',
  'lab.verdict.noFit': () => 'Fewer than two batch sizes reached the target, so the steps–examples trade-off cannot be fitted; train for more epochs or loosen the target.',
  'lab.verdict.beyond': (p: { largest: number; bCrit: string }) =>
    `The steps fell almost in proportion to the batch size over the whole range: the critical batch size lies beyond the largest batch that reached the target, ${p.largest} (the fit says ${p.bCrit}).`,
  'lab.verdict.critical': (p: { bCrit: string; sMin: string; eMin: string; below: DoublingText | null; above: DoublingText | null }) =>
    `Critical batch size ≈ ${p.bCrit} (any batch size needs at least ${p.sMin} steps and ${p.eMin} examples): well below it (up to half of it), doubling the batch saves a third to a half of the steps${doubled(p.below)}; above it, doubling saves at most a quarter of the steps and adds at least half as many examples again${doubled(p.above)}.`,
  'lab.verdict.belowRange': (p: { bCrit: string; smallest: number; above: DoublingText | null }) =>
    `Critical batch size ≈ ${p.bCrit}, at or below the smallest batch measured (${p.smallest}): every doubling here saves at most a quarter of the steps and adds at least half as many examples again${doubled(p.above)}.`,
  'lab.verdict.fewest': (p: { stepsBatch: number; steps: string; examplesBatch: number; examples: string }) =>
    `Fewest steps at batch ${p.stepsBatch} (${p.steps}); fewest examples at batch ${p.examplesBatch} (${p.examples}).`,
  'lab.verdict.bestFinal': (p: { validation: boolean; batch: number; loss: string; gap: GapText | null }) =>
    `Best final ${p.validation ? 'validation' : 'training'} loss at batch ${p.batch} (${p.loss})${
      p.gap === null ? '' : `; the gap between validation and training loss is ${p.gap.smallGap} at batch ${p.gap.small} and ${p.gap.largeGap} at batch ${p.gap.large}`
    }.`,
  'lab.verdict.bestAccuracy': (p: { validation: boolean; batch: number; accuracy: string; gap: GapText | null }) =>
    `Best final ${p.validation ? 'validation' : 'training'} accuracy at batch ${p.batch} (${p.accuracy})${
      p.gap === null ? '' : `; training accuracy (as logged over the last epoch) exceeds validation accuracy by ${p.gap.smallGap} at batch ${p.gap.small} and ${p.gap.largeGap} at batch ${p.gap.large}`
    }.`,
  'lab.verdict.fastest': (p: { batch: number; time: string }) => `Fastest to the target on this machine: batch ${p.batch} (${p.time}).`,
  'lab.verdict.noise': (p: { batch: number; first: string; last: string; low: string; high: string; epochs: number; bCrit: string | null }) =>
    `The gradient noise scale B_simple (at batch ${p.batch}) went from ${p.first} at the initial weights to ${p.last} after ${p.epochs} epochs (between ${p.low} and ${p.high}); McCandlish et al. predict B_crit ≈ B_simple${p.bCrit === null ? '' : `, and the fit gives ${p.bCrit}`}.`,
  'lab.verdict.unreached': (p: { batches: string; count: number; epochs: number }) =>
    `${p.count === 1 ? 'Batch size' : 'Batch sizes'} ${p.batches} did not reach the target within ${p.epochs} epochs at any learning rate.`,

  // ---- the report page -------------------------------------------------------------------------------
  'lab.report.title': () => 'batchsim lab: which batch size, and why',
  'lab.report.verdict': () => 'Verdict',
  'lab.report.table': () => 'Per batch size, at its best learning rate',
  'lab.report.charts': () => 'Steps and examples to the target',
  'lab.report.all': () => 'Every batch size and learning rate (medians over seeds)',
  'lab.report.lr': () => 'learning rate',
  'lab.report.footer': (p: { version: string }) => `Made by batchsim ${p.version}. Quantities and citations: docs/lab.md.`,
} as const;
