/**
 * Fake-clock training runs for the Progbar golden tests. Each scenario is the list of calls that
 * Keras's ProgbarLogger would make during `fit` (header, start, per-batch updates at verbose 1,
 * finalize), and `transcript` turns its results into the text stored in test/golden/.
 */
import { pyFixed } from '../../src/report/format.js';
import { epochHeader, Progbar, type ProgbarOptions } from '../../src/report/progbar.js';

export type Call =
  | { readonly kind: 'header'; readonly epoch: number; readonly epochs: number }
  | { readonly kind: 'start'; readonly now: number }
  | {
      readonly kind: 'update';
      readonly current: number;
      readonly values: ReadonlyArray<readonly [string, number]>;
      readonly now: number;
      readonly finalize: boolean;
    };

export interface Scenario {
  /** Golden file: test/golden/progbar-{name}.txt */
  readonly name: string;
  readonly description: string;
  readonly options: ProgbarOptions;
  readonly calls: readonly Call[];
}

interface EpochPlan {
  /** Samples in each batch, e.g. [4, 4, 2]. */
  readonly batchSizes: readonly number[];
  /** Each batch's loss. */
  readonly batchLosses: readonly number[];
  /** Seconds from the epoch start to the end of each batch. */
  readonly batchEnds: readonly number[];
  readonly valLoss?: number;
}

/**
 * The calls of a fit run: `Epoch e/E` only when there are several epochs, `start` at each epoch's
 * beginning, one update per batch with the running loss weighted by batch size (verbose 1 only,
 * as ProgbarLogger does), then the finalize update with the epoch logs at the last batch's time.
 */
export function fitCalls(epochs: readonly EpochPlan[], options: { verbose?: 1 | 2; epochGap?: number } = {}): Call[] {
  const calls: Call[] = [];
  let t = 0;
  epochs.forEach((plan, e) => {
    if (epochs.length > 1) calls.push({ kind: 'header', epoch: e + 1, epochs: epochs.length });
    const start = t;
    calls.push({ kind: 'start', now: start });
    let weightedSum = 0;
    let samples = 0;
    let loss = NaN;
    plan.batchSizes.forEach((size, i) => {
      weightedSum += plan.batchLosses[i] * size;
      samples += size;
      loss = weightedSum / samples;
      t = start + plan.batchEnds[i];
      if ((options.verbose ?? 1) === 1) {
        calls.push({ kind: 'update', current: i + 1, values: [['loss', loss]], now: t, finalize: false });
      }
    });
    const logs: Array<[string, number]> = [['loss', loss]];
    if (plan.valLoss !== undefined) logs.push(['val_loss', plan.valLoss]);
    calls.push({ kind: 'update', current: plan.batchSizes.length, values: logs, now: t, finalize: true });
    t += options.epochGap ?? 0.001;
  });
  return calls;
}

/** i · step for i = 1..n, computed as i * step (not by repeated addition). */
function evenly(n: number, step: number, first = step): number[] {
  return Array.from({ length: n }, (_, i) => first + i * step);
}

/** Epoch 1 is fast (redraws throttled), epoch 2 slow (every batch redrawn). */
const partialBatchEpochs: EpochPlan[] = [
  // n = 10, batch 4 → batches of 4, 4, 2; the first step is slow (tracing), the rest 2 ms apart.
  { batchSizes: [4, 4, 2], batchLosses: [1.25, 2.7435, 0.5], batchEnds: [0.03, 0.032, 0.034], valLoss: 1.2 },
  { batchSizes: [4, 4, 2], batchLosses: [1.1, 2.2, 0.4], batchEnds: [0.2, 0.4, 0.6], valLoss: 1.15 },
];

export const scenarios: readonly Scenario[] = [
  {
    name: 'partial-batch',
    description: '10 samples in batches of 4 (short last batch), 2 epochs, running loss weighted by batch size',
    options: { target: 3 },
    calls: fitCalls(partialBatchEpochs),
  },
  {
    name: 'throttle-100-steps',
    description: '100 steps 1 ms apart: redraws at most every 0.05 s, the final line always',
    options: { target: 100 },
    calls: fitCalls([
      {
        batchSizes: Array.from({ length: 100 }, () => 32),
        batchLosses: Array.from({ length: 100 }, (_, i) => 2 / (1 + 0.05 * i)),
        batchEnds: evenly(100, 0.001),
      },
    ]),
  },
  {
    name: 'verbose-2',
    description: 'verbose 2: one line per epoch with the epoch time and the time per step',
    options: { target: 2, verbose: 2 },
    calls: fitCalls(
      [
        { batchSizes: [3, 3], batchLosses: [1, 2.3588], batchEnds: [0.002, 0.004] },
        { batchSizes: [3, 3], batchLosses: [1, 2.3588], batchEnds: [0.1, 0.151], valLoss: 0.9565 },
        { batchSizes: [3, 3], batchLosses: [0.5, 0.25], batchEnds: [1.25, 2.5] },
      ],
      { verbose: 2 },
    ),
  },
  {
    name: 'small-values',
    description: 'values at and below 1e-3 in %.4e, a half-even tie, NaN and infinities',
    options: { target: 6 },
    calls: [
      { kind: 'start', now: 0 },
      { kind: 'update', current: 1, values: [['loss', 9e-4], ['mean_error', -0.03125]], now: 0.1, finalize: false },
      { kind: 'update', current: 2, values: [['loss', 0], ['mean_error', -0]], now: 0.2, finalize: false },
      { kind: 'update', current: 3, values: [['loss', 1e-3], ['mean_error', -1e-3]], now: 0.3, finalize: false },
      { kind: 'update', current: 4, values: [['loss', 0.00100001], ['mean_error', 2.5e-5]], now: 0.4, finalize: false },
      { kind: 'update', current: 5, values: [['loss', 1e-300], ['mean_error', 12345.678]], now: 0.5, finalize: false },
      { kind: 'update', current: 6, values: [['loss', NaN], ['mean_error', Infinity]], now: 0.6, finalize: false },
      {
        kind: 'update',
        current: 6,
        values: [['loss', NaN], ['mean_error', -Infinity], ['val_loss', NaN]],
        now: 0.6,
        finalize: true,
      },
    ],
  },
  {
    name: 'wide-counter',
    description: '5000 steps of 1.5 s: counter right-aligned to 4 digits, ETA in h:mm:ss, m:ss and s',
    options: { target: 5000 },
    calls: [
      { kind: 'start', now: 0 },
      ...[1, 2, 9, 10, 99, 100, 999, 1000, 2400, 4921, 4960, 4999, 5000].map(
        (step): Call => ({ kind: 'update', current: step, values: [['loss', 1 / step]], now: 1.5 * step, finalize: false }),
      ),
      { kind: 'update', current: 5000, values: [['loss', 2e-4]], now: 7500, finalize: true },
    ],
  },
  {
    name: 'keras3',
    description: 'the partial-batch run in Keras 3 style: width 20, ━ bar, values averaged until the final line',
    options: { target: 3, style: 'keras3' },
    calls: fitCalls(partialBatchEpochs),
  },
  {
    name: 'keras3-ansi',
    description: 'Keras 3 style with its colour codes (ESC written as \\e)',
    options: { target: 3, style: 'keras3', ansi: true },
    calls: fitCalls(partialBatchEpochs.slice(1)),
  },
  {
    name: 'keras3-verbose-2',
    description: 'Keras 3 style, verbose 2',
    options: { target: 2, style: 'keras3', verbose: 2 },
    calls: fitCalls(
      [
        { batchSizes: [3, 3], batchLosses: [1, 2.3588], batchEnds: [0.002, 0.004] },
        { batchSizes: [3, 3], batchLosses: [1, 2.3588], batchEnds: [0.1, 0.151], valLoss: 0.9565 },
      ],
      { verbose: 2 },
    ),
  },
];

function row(call: string, output: string): string {
  return `${call.padEnd(20)} | ${output}`;
}

/**
 * One line per call: the time, the call, and after `|` the returned line, `(no redraw)` for null.
 * Escape characters are written as `\e` so the files stay readable.
 */
export function transcript(scenario: Scenario): string {
  const out: string[] = [`# ${scenario.description}`, `# options: ${JSON.stringify(scenario.options)}`];
  const bar = new Progbar(scenario.options);
  for (const call of scenario.calls) {
    if (call.kind === 'header') {
      out.push(row('print', epochHeader(call.epoch, call.epochs)));
    } else if (call.kind === 'start') {
      bar.start(call.now);
      out.push(`t=${pyFixed(call.now, 3)} start`);
    } else {
      const line = bar.update(call.current, call.values, call.now, call.finalize);
      const what = `t=${pyFixed(call.now, 3)} ${call.finalize ? 'final' : 'step'} ${call.current}`;
      out.push(row(what, line === null ? '(no redraw)' : line.replaceAll('\x1b', '\\e')));
    }
  }
  return out.join('\n') + '\n';
}
