import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COINCIDE, lessonLine, updateGap } from '../../src/report/compare-lesson.js';
import type { CompareSummary } from '../../src/report/summary.js';
import { ko } from '../../src/i18n/ko.js';
import { translatorOf } from '../../src/i18n/message.js';

/** A summary with only what the lesson reads: batch size, steps per epoch and the loss curve. */
function summary(batchSize: number, stepsPerEpoch: number, losses: readonly number[]): CompareSummary {
  const last = { mean: losses[losses.length - 1], sd: 0 };
  return {
    batchSize,
    learningRate: 0.001,
    seeds: [42],
    stepsPerEpoch,
    batches: [],
    updates: stepsPerEpoch * losses.length,
    epochs: losses.length,
    finalLoss: last,
    bestLoss: { ...last, epoch: losses.length },
    endLoss: last,
    finalValLoss: null,
    curve: losses.map((mean) => ({ mean, sd: 0 })),
    timings: { secondsPerEpoch: 0, secondsPerStep: 0, samplesPerSecond: 0 },
    stopped: null,
  };
}

// Full batch: one update per epoch, the loss falling 0.01 per update.
const full = summary(6, 1, [1.0, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91]);

test('curves on the same per-update line nearly coincide, and the lesson says so with the measured figure', () => {
  // Six updates per epoch at the same 0.01 per update: after 6, 12, … updates.
  const small = summary(1, 6, [0.95, 0.89, 0.83, 0.77, 0.71, 0.65, 0.59, 0.53, 0.47, 0.41]);
  const gap = updateGap(small, full)!;
  assert.equal(gap.updates, 10);
  assert.ok(gap.gap < 1e-9, `gap ${gap.gap}`);
  const line = lessonLine([full, small], 'epoch')!;
  assert.match(line, /; per update the curves nearly coincide \(over the first 10 updates they stay within 1% of the loss range\); compare them per update with --x update$/);
  assert.match(lessonLine([full, small], 'update', translatorOf('ko', ko))!, /업데이트 횟수로 맞춰 보면 두 곡선은 거의 겹칩니다 \(처음 업데이트 10번 동안 차이가 loss 범위의 1% 이내\)$/);
});

test('curves apart per update are named as different, with where they differ most and by how much', () => {
  // The small batch falls much faster per update: 0.05 per update instead of 0.01.
  const small = summary(1, 6, [0.7, 0.4, 0.1, 0.05, 0.04, 0.03, 0.02, 0.01, 0.005, 0.001]);
  const gap = updateGap(small, full)!;
  // At update 10 the small batch is at 0.7 + (0.4 − 0.7)·4/6 = 0.5, the full batch at 0.91.
  assert.equal(gap.at, 10);
  assert.ok(Math.abs(gap.first - 0.5) < 1e-9);
  assert.ok(Math.abs(gap.gap - 0.41 / 0.999) < 1e-9);
  assert.ok(gap.gap > COINCIDE);
  const line = lessonLine([full, small], 'update')!;
  assert.doesNotMatch(line, /coincide/);
  assert.match(line, /; per update they differ: after 10 updates batch 1 was at 0\.5000 and batch 6 at 0\.9100, 42% of the loss range apart$/);
  const korean = lessonLine([full, small], 'update', translatorOf('ko', ko))!;
  assert.match(korean, /업데이트 횟수로 맞춰 봐도 두 곡선은 다릅니다: 업데이트 10번 뒤 loss는 배치 1은 0\.5000, 배치 6은 0\.9100입니다 \(loss 범위의 42%만큼 차이\)$/);
});

test('curves that share no update count make no per-update claim', () => {
  // Two updates in all for the large batch; the small batch's first point is after 6.
  const short = summary(6, 1, [1.0, 0.99]);
  const small = summary(1, 6, [0.95, 0.89]);
  assert.equal(updateGap(small, short), null);
  const line = lessonLine([short, small], 'epoch')!;
  assert.doesNotMatch(line, /per update (the curves|they)/);
});
