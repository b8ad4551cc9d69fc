import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimizerConfig } from '../../src/core/optimizers.js';
import { arithmeticLine, formatRate, seriesLabel, warningText } from '../../src/report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable } from '../../src/report/compare-table.js';
import { summarize } from '../../src/report/summary.js';
import { planComparison, runComparison, type CompareConfig } from '../../src/training/compare.js';
import { recordsOf } from '../helpers/records.js';
import { sampleDataset } from '../../src/training/dataset.js';
import { expectGolden } from '../helpers/golden.js';
import { translator } from '../../src/i18n/index.js';
import { displayWidth } from '../../src/report/width.js';

const base = {
  layers: [{ units: 1, activation: 'linear' as const }],
  loss: 'mae' as const,
  optimizer: optimizerConfig('adam'),
  batchSize: 32,
  epochs: 10,
  shuffle: false,
  seed: 42,
  validationSplit: 0,
};

/** Runs on the sample from W = 0.5, b = 0, with a fake clock that advances 1 ms per read. */
async function compared(overrides: Partial<CompareConfig> = {}) {
  let time = 0;
  const plan = planComparison(6, { base, batchSizes: [6, 3, 1], seeds: [42], learningRates: [], ...overrides });
  const trained = await runComparison(sampleDataset(), plan, { weights: overrides.seeds ? null : [[[0.5]], [0]], clock: () => (time += 0.001) });
  const runs = recordsOf(trained, sampleDataset());
  return { plan, runs, summary: summarize(runs) };
}

test('the arithmetic lines show ceil(n / b), the short last batch and the updates, as in the golden file', () => {
  const cases: Array<[samples: number, batches: number[], epochs: number]> = [
    [6, [6], 10],
    [6, [3, 3], 10],
    [6, [1, 1, 1, 1, 1, 1], 10],
    [6, [4, 2], 10],
    [6, [5, 1], 1],
    [6, [6], 1],
    [100, [32, 32, 32, 4], 5],
  ];
  const lines = cases.map(([samples, batches, epochs]) =>
    arithmeticLine({ batchSize: batches[0], stepsPerEpoch: batches.length, batches, updates: batches.length * epochs }, samples, epochs),
  );
  lines.push(arithmeticLine({ batchSize: 32, stepsPerEpoch: 1, batches: [6], updates: 10 }, 6, 10));
  expectGolden('compare-arithmetic.txt', `${lines.join('\n')}\n`);
  assert.equal(lines[1], 'batch 3: ceil(6 / 3) = 2 steps per epoch → 20 updates in 10 epochs');
  assert.equal(lines[3], 'batch 4: ceil(6 / 4) = 2 steps (4 + 2) per epoch → 20 updates in 10 epochs');
});

test('warnings name the batch size and what to do', () => {
  assert.equal(warningText({ kind: 'larger-than-data', batchSize: 32, samples: 6 }), 'batch 32 > 6 samples: one step of 6');
  assert.equal(warningText({ kind: 'duplicate', batchSize: 3, times: 2 }), 'batch size 3 is given 2 times: it runs once');
  assert.equal(
    warningText({ kind: 'few-updates', batchSize: 6, updates: 1, epochs: 1, stepsPerEpoch: 1 }),
    'batch 6: only 1 update in 1 epoch, too few updates to compare; try --epochs 10 or more',
  );
  // 2 steps per epoch need ceil(10 / 2) = 5 epochs for 10 updates.
  assert.match(warningText({ kind: 'few-updates', batchSize: 3, updates: 6, epochs: 3, stepsPerEpoch: 2 }), /try --epochs 5 or more$/);
});

test('learning rates print as typed and series names add the rate and seed count when they vary', () => {
  assert.equal(formatRate(0.001), '0.001');
  assert.equal(formatRate(0.1 + 0.2), '0.3');
  assert.equal(seriesLabel(3, 0.01, { withRate: false, seeds: 1 }), 'batch 3');
  assert.equal(seriesLabel(3, 0.01, { withRate: true, seeds: 5 }), 'batch 3, lr 0.01 (mean of 5 seeds)');
});

test('the summary table of batch sizes 6, 3 and 1 matches its golden file, timings from a fake clock', async () => {
  const { summary } = await compared();
  const table = summaryTable(summary, { timings: true, withRate: false });
  expectGolden('compare-table.txt', `${table.join('\n')}\n`);
  assert.match(table[0], /^batch  steps\/epoch  updates  final loss  best loss \(epoch\)  end loss  time\/epoch  time\/step  samples\/s$/);
  assert.match(table[1], /^ +6 +1 +10 +1\.7095 +1\.7095 \(10\) /);
});

test('without timings the time columns, blank in every row, are left out and every row has the same width', async () => {
  const { summary } = await compared();
  const table = summaryTable(summary, { timings: false, withRate: false });
  assert.match(table[0], /^batch  steps\/epoch  updates  final loss  best loss \(epoch\)  end loss$/);
  for (const row of table.slice(1)) assert.doesNotMatch(row, /-$/);
  assert.equal(new Set(table.map((row) => row.length)).size, 1);
  // With timings they are there.
  assert.match(summaryTable(summary, { timings: true, withRate: false })[0], /end loss  time\/epoch  time\/step  samples\/s$/);
});

test('with several seeds the losses read mean ± sd and an lr column appears with several rates', async () => {
  const { summary } = await compared({ batchSizes: [6, 2], seeds: [42, 43, 44], learningRates: [0.001, 0.01] });
  const table = summaryTable(summary, { timings: false, withRate: true });
  expectGolden('compare-table-seeds.txt', `${table.join('\n')}\n`);
  assert.match(table[0], /^batch +lr +steps\/epoch/);
  assert.equal(table.length, 5);
  for (const row of table.slice(1)) assert.match(row, /\d\.\d{4} ± \d\.\d{4}/);
});

test('at every terminal width, in English and Korean, no line of the table is wider than the terminal and every final loss is shown', async () => {
  const { summary } = await compared({ batchSizes: [6, 2], seeds: [42, 43, 44], learningRates: [0.001, 0.01] });
  for (const lang of ['en', 'ko'] as const) {
    const t = translator(lang);
    for (const columns of [30, 40, 50, 60, 70, 80, 100, 120]) {
      for (const timings of [true, false]) {
        const table = summaryTable(summary, { timings, withRate: true, columns }, t);
        for (const line of table) assert.ok(displayWidth(line) <= columns, `${lang} ${columns}: ${displayWidth(line)} columns: ${line}`);
        const text = table.join('\n');
        for (const row of summary) assert.ok(text.includes(`${row.finalLoss.mean.toFixed(4)}±`) || text.includes(`${row.finalLoss.mean.toFixed(4)} ± `), `${lang} ${columns}: final loss of batch ${row.batchSize}`);
        assert.ok(text.includes(t('table.updates')), `${lang} ${columns}: updates`);
      }
    }
  }
});

test('a table too wide for the terminal closes its gaps, then writes mean±sd tight, then leaves columns out, then splits', async () => {
  const { summary } = await compared({ batchSizes: [6, 2], seeds: [42, 43, 44], learningRates: [0.001, 0.01] });
  // 90 columns two spaces apart (the golden file): at 89, one space apart.
  const wide = summaryTable(summary, { timings: false, withRate: true, columns: 89 });
  assert.match(wide[0], /^batch    lr steps\/epoch updates      final loss/);
  assert.match(wide[1], / 2\.4297 ± 1\.6292 /);
  // At 80, mean±sd without spaces and without a column left out.
  const tight = summaryTable(summary, { timings: false, withRate: true, columns: 80 });
  assert.match(tight[1], / 2\.4297±1\.6292 2\.4297±1\.6292 \(10\) 2\.4252±1\.6292$/);
  assert.equal(tight.length, 5);
  // At 40 the least needed columns go, and what is left is shown in the roomiest layout that fits.
  const narrow = summaryTable(summary, { timings: false, withRate: true, columns: 40 });
  assert.equal(narrow[0], 'batch     lr  updates       final loss');
  assert.match(narrow.join(' ').replace(/ +/g, ' '), /not shown at this width: best loss \(epoch\), steps\/epoch, end loss/);
  // At 30 that is split into tables that each repeat batch and lr.
  const split = summaryTable(summary, { timings: false, withRate: true, columns: 30 });
  const parts = split.join('\n').split('\n\n');
  assert.equal(parts.length, 2, split.join('\n'));
  assert.match(parts[0], /^batch +lr +updates\n/);
  assert.match(parts[1], /^batch +lr +final loss\n +6 0\.001 2\.4297±1\.6292\n/);
});

test('the Markdown table matches its golden file and right-aligns every column', async () => {
  const { summary } = await compared();
  const lines = summaryMarkdown(summary, { timings: false, withRate: false });
  expectGolden('compare-markdown.md', `${lines.join('\n')}\n`);
  assert.equal(lines[1], '| ---: | ---: | ---: | ---: | ---: | ---: |');
  assert.equal(lines[2], '| 6 | 1 | 10 | 1.7095 | 1.7095 (10) | 1.7050 |');
});

test('the CSV has one row per run and epoch with update and sample totals, timings blank on request', async () => {
  const { runs } = await compared();
  const rows = historyCsv(runs, { timings: false }).trimEnd().split('\n');
  assert.equal(rows[0], 'batch_size,learning_rate,seed,epoch,update,samples,loss,epoch_seconds');
  assert.equal(rows.length, 1 + 3 * 10);
  assert.equal(rows[1], `6,0.001,42,1,1,6,${runs[0].history.loss[0]},`);
  // batch 1, epoch 10: 6 steps per epoch → update 60, 6 samples per epoch → 60 samples.
  assert.match(rows[30], /^1,0\.001,42,10,60,60,\d\.\d+,$/);
  const timed = historyCsv(runs, { timings: true }).trimEnd().split('\n');
  assert.match(timed[1], /,\d+(\.\d+)?(e-\d+)?$/);
});
