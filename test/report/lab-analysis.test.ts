/**
 * The lab's analysis and verdict from hand-made records: medians over seeds with runs that never
 * reached the target, the best rate per batch size, the fit over the best rows, and the verdict's
 * figures, each traced to the numbers it comes from, in English and Korean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n/index.js';
import { parseTarget } from '../../src/app/lab.js';
import { analyzeLab } from '../../src/report/lab-analysis.js';
import { labTable, verdictSentences } from '../../src/report/lab-text.js';
import { displayWidth } from '../../src/report/width.js';
import type { RunRecord } from '../../src/training/record.js';
import type { TargetCondition } from '../../src/training/target.js';

const target: TargetCondition = { field: 'valLoss', op: '<=', value: 0.05 };

/** A record with only what the analysis reads. */
function record(batchSize: number, learningRate: number, seed: number, steps: number | null, valLoss = 0.04, endLoss = 0.03): RunRecord {
  return {
    config: { batchSize, learningRate, seed, epochs: 10, layers: [{ units: 1, activation: 'linear' }], optimizer: { name: 'sgd', learningRate, momentum: 0, nesterov: false }, shuffle: false },
    samples: { total: 1000, train: 1000, validation: 0, features: 1, outputs: 1 },
    goal: { condition: target, everySteps: 3, checks: 10, reached: steps === null ? null : { steps, examples: steps * batchSize, epoch: 1, value: 0.05 } },
    history: { loss: [0.1], val_loss: [valLoss] },
    endLoss,
    updates: 100,
    timings: { totalSeconds: 1, epochSeconds: [1], secondsPerStep: 0.01, samplesPerSecond: 100 },
    stopped: null,
  } as unknown as RunRecord;
}

/** S(B) = 100 + 2400 / B exactly: B_crit = 24. Rate 0.01 is the best everywhere; 0.001 is slower; batch 512 never gets there. */
function labRecords(): RunRecord[] {
  const records: RunRecord[] = [];
  for (const b of [1, 2, 4, 8, 16, 32, 64, 128, 256]) {
    const steps = 100 + 2400 / b;
    records.push(record(b, 0.01, 1, steps - 1), record(b, 0.01, 2, steps + 1), record(b, 0.001, 1, 3 * steps), record(b, 0.001, 2, null));
  }
  records.push(record(512, 0.01, 1, null), record(512, 0.01, 2, null), record(512, 0.001, 1, null), record(512, 0.001, 2, null));
  return records;
}

test('a rate whose seeds half fail has infinite median steps; the best rate per batch size has the fewest median steps', () => {
  const analysis = analyzeLab(labRecords(), target);
  const slow = analysis.cells.find((c) => c.batchSize === 4 && c.learningRate === 0.001)!;
  assert.equal(slow.steps, Infinity);
  assert.equal(slow.reached, 1);
  const best4 = analysis.best.find((c) => c.batchSize === 4)!;
  assert.equal(best4.learningRate, 0.01);
  assert.equal(best4.steps, 700); // median of 699 and 701 = 100 + 2400 / 4
  assert.equal(best4.examples, 2800);
  // One time per step (1 s / 100 updates) times 700 steps.
  assert.ok(Math.abs(best4.secondsToTarget! - 7) < 1e-12);
});

test('the fit over the best rows finds B_crit = 24, and the verdict quotes the fit and the measured doublings', () => {
  const analysis = analyzeLab(labRecords(), target);
  const fit = analysis.fit!;
  assert.ok(Math.abs(fit.bCrit - 24) < 0.5, `B_crit ${fit.bCrit}`);
  const f = analysis.facts;
  assert.deepEqual(f.unreached, [512]);
  assert.equal(f.beyondRange, false);
  assert.equal(f.belowRange, false);
  // Below: the first doubling that stays at or under B_crit: 1 → 2 (2500 → 1300 steps).
  assert.deepEqual({ from: f.belowDoubling!.from, to: f.belowDoubling!.to }, { from: 1, to: 2 });
  assert.ok(Math.abs(f.belowDoubling!.stepsSaved - (1 - 1300 / 2500)) < 1e-12);
  // Above: the first doubling from at least B_crit: 32 → 64 (175 → 137.5 steps).
  assert.deepEqual({ from: f.aboveDoubling!.from, to: f.aboveDoubling!.to }, { from: 32, to: 64 });
  assert.ok(Math.abs(f.aboveDoubling!.examplesAdded - ((64 * 137.5) / (32 * 175) - 1)) < 1e-12);
  const en = verdictSentences(analysis, { timings: true, maxEpochs: 10 }, translator('en')).join(' ');
  assert.match(en, /^Critical batch size ≈ 24 /);
  assert.match(en, /batch 1 → 2: 48% fewer steps, 4% more examples/);
  assert.match(en, /batch 32 → 64: 21% fewer steps, 57% more examples/);
  assert.match(en, /Fewest steps at batch 256 \(109\.4\); fewest examples at batch 1 \(2500\)\./);
  assert.match(en, /Batch size 512 did not reach the target within 10 epochs at any learning rate\./);
  const ko = verdictSentences(analysis, { timings: true, maxEpochs: 10 }, translator('ko')).join(' ');
  assert.match(ko, /^임계 배치 크기 ≈ 24 /);
  assert.match(ko, /배치 1 → 2: 스텝 48% 감소, 예제 4% 증가/);
  assert.match(ko, /512는 어떤 학습률로도 10 에포크 안에/);
});

test('the table shows — for the rate and steps of a batch size that never reached the target', () => {
  const lines = labTable(analyzeLab(labRecords(), target), { timings: false, maxEpochs: 10 }, translator('en'));
  const row512 = lines.find((line) => line.trimStart().startsWith('512'))!;
  assert.match(row512, /^\s*512\s+—\s+—\s+—\s+0\/2\s/);
  assert.equal(lines.length, 1 + 10);
});

test('with B_crit beyond the largest batch that reached the target, the verdict says the scaling stayed nearly perfect', () => {
  const records = [1, 2, 4, 8].flatMap((b) => [record(b, 0.01, 1, 10 + 8000 / b)]);
  const analysis = analyzeLab(records, target);
  assert.equal(analysis.facts.beyondRange, true);
  assert.match(verdictSentences(analysis, { timings: false, maxEpochs: 10 }).join(' '), /lies beyond the largest batch that reached the target, 8/);
});

test('a target expression is one field against a number, either way round', () => {
  assert.deepEqual(parseTarget('valLoss <= 0.05'), { field: 'valLoss', op: '<=', value: 0.05 });
  assert.deepEqual(parseTarget('0.05 >= trainLoss'), { field: 'trainLoss', op: '<=', value: 0.05 });
  assert.deepEqual(parseTarget('(valLoss < 1e-2)'), { field: 'valLoss', op: '<', value: 0.01 });
  assert.throws(() => parseTarget('valLoss == 0.05'), /one field compared with a number/);
  assert.throws(() => parseTarget('finalLoss < 0.05'), /finalLoss/);
});

test('when the initial weights already reach the target, the verdict says the target measures nothing', () => {
  const analysis = analyzeLab([record(1, 0.01, 1, 0), record(4, 0.01, 1, 0)], target);
  assert.equal(analysis.fit, null);
  assert.match(verdictSentences(analysis, { timings: false, maxEpochs: 10 }).join(' '), /^The initial weights already reach the target/);
});

test('with accuracy tracked, the verdict names the batch size with the best final validation accuracy', () => {
  const withAccuracy = (b: number, steps: number, acc: number, valAcc: number): RunRecord => {
    const r = record(b, 0.01, 1, steps) as unknown as { history: Record<string, number[]> };
    r.history = { ...r.history, accuracy: [acc], val_accuracy: [valAcc] };
    return r as unknown as RunRecord;
  };
  const analysis = analyzeLab([withAccuracy(1, 100, 0.99, 0.95), withAccuracy(8, 30, 0.97, 0.96), withAccuracy(64, 20, 0.99, 0.9)], target);
  assert.deepEqual(analysis.facts.bestAccuracy, { batchSize: 8, accuracy: 0.96, validation: true });
  const text = verdictSentences(analysis, { timings: false, maxEpochs: 10 }).join(' ');
  assert.match(text, /Best final validation accuracy at batch 8 \(0\.9600\); training accuracy \(as logged over the last epoch\) exceeds validation accuracy by 0\.0400 at batch 1 and 0\.0900 at batch 64\./);
  assert.match(labTable(analysis, { timings: false, maxEpochs: 10 })[0], /final train acc\s+final val acc/);
});

test('the lab table fits every terminal width in English and Korean, keeps every column, and is one table when there is room', () => {
  const withAccuracy = (b: number, steps: number, acc: number, valAcc: number): RunRecord => {
    const r = record(b, 0.01, 1, steps) as unknown as { history: Record<string, number[]> };
    r.history = { ...r.history, accuracy: [acc], val_accuracy: [valAcc] };
    return r as unknown as RunRecord;
  };
  const analysis = analyzeLab([withAccuracy(1, 100, 0.99, 0.95), withAccuracy(8, 30, 0.97, 0.96), withAccuracy(64, 20, 0.99, 0.9)], target);
  for (const lang of ['en', 'ko'] as const) {
    const t = translator(lang);
    for (const timings of [false, true]) {
      const options = { timings, maxEpochs: 10 };
      const wide = labTable(analysis, options, t);
      assert.equal(wide.length, 1 + 3, 'one title row and one row per batch size');
      const titles = wide[0].trim().split(/\s{2,}/);
      for (const columns of [40, 60, 80, 100, 120]) {
        const lines = labTable(analysis, options, t, columns);
        for (const line of lines) assert.ok(displayWidth(line) <= columns, `${lang} ${columns}: ${displayWidth(line)} columns: ${line}`);
        const text = lines.join('\n');
        for (const title of titles) assert.ok(text.includes(title), `${lang} ${columns}: ${title} left out`);
        // Every table repeats the batch column, with every batch size.
        for (const part of text.split('\n\n')) {
          assert.ok(part.startsWith(t('lab.col.batch')), part);
          assert.deepEqual(part.split('\n').slice(1).map((row) => row.trim().split(/\s+/)[0]), ['1', '8', '64']);
        }
        if (displayWidth(wide[0]) <= columns) assert.deepEqual(lines, wide);
        else assert.ok(lines.includes(''), `${lang} ${columns}: split`);
      }
    }
  }
  // At 80 columns, English: what reaching the target took, then where training ended.
  const parts = labTable(analysis, { timings: false, maxEpochs: 10 }, translator('en'), 80).join('\n').split('\n\n');
  assert.equal(parts.length, 2);
  assert.match(parts[0], /^batch  best lr  steps S  examples E  reached  check every  step memory\n/);
  assert.match(parts[1], /^batch  final train loss  final val loss  final train acc  final val acc {6}gap\n/);
});
