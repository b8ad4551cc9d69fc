import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pacerSteps, timedPacer } from '../../src/training/run.js';

/**
 * Runs `steps` steps the way fit does (a turn whenever `everySteps` steps have passed since the
 * last one) on a fake clock where step i costs `cost(i)` seconds and a turn `pauseCost`.
 * Returns the clock time at which each turn began.
 */
async function simulate(steps: number, cost: (step: number) => number, pauseCost = 0): Promise<{ turns: number[]; firstTurnAfter: number }> {
  let now = 0;
  const turns: number[] = [];
  let firstTurnAfter = -1;
  const pacer = timedPacer(
    () => now,
    async () => {
      turns.push(now);
      now += pauseCost;
    },
  );
  let since = 0;
  for (let step = 0; step < steps; step++) {
    now += cost(step);
    if (++since >= pacer.everySteps) {
      since = 0;
      if (firstTurnAfter < 0) firstTurnAfter = step + 1;
      await pacer.pause();
    }
  }
  return { turns, firstTurnAfter };
}

const gaps = (turns: number[]): number[] => turns.slice(1).map((t, i) => t - turns[i]);

test('the first turn comes after the first step, so an early Ctrl-C is heard at once', async () => {
  assert.equal((await simulate(10, () => 1e-6)).firstTurnAfter, 1);
});

test('with microsecond steps the turns settle at one every 0.02 s (not every few million steps)', async () => {
  const { turns } = await simulate(2_000_000, () => 1e-6);
  const settled = gaps(turns).slice(20);
  assert.ok(settled.length > 50);
  for (const gap of settled) assert.ok(gap > 0.015 && gap <= 0.02 + 1e-9, `gap ${gap}`);
});

test('steps longer than the interval get a turn after every step', async () => {
  const { turns } = await simulate(10, () => 0.5);
  assert.equal(turns.length, 10);
});

test('when steps become 10 times slower, the turns come back to 0.02 s within a few turns', async () => {
  const { turns } = await simulate(400_000, (step) => (step < 200_000 ? 1e-6 : 1e-5));
  const slowStart = turns.findIndex((t) => t > 0.2 + 1e-9);
  const after = gaps(turns).slice(slowStart + 2);
  assert.ok(Math.max(...gaps(turns)) <= 0.2 + 1e-9, 'one stretch overshoots by at most the slow-down');
  for (const gap of after) assert.ok(gap <= 0.02 + 1e-9, `gap ${gap}`);
});

test('the time spent in a turn (other work on the event loop) does not count as step time', async () => {
  const { turns } = await simulate(200_000, () => 1e-6, 1);
  const work = gaps(turns).slice(20).map((gap) => gap - 1);
  for (const gap of work) assert.ok(gap > 0.015 && gap <= 0.02 + 1e-9, `gap ${gap}`);
});

test('pacerSteps counts a fixed cost per step, so a tiny model at batch 1 pauses every few thousand steps', () => {
  // 4e6 / (weights · batch + 1000): Dense(1) on 1 feature has 2 weights → 4e6 / 1002 = 3992.
  assert.equal(pacerSteps(1, [{ units: 1, activation: 'linear' }], 1), 3992);
  // (10 + 1)·64 + (64 + 1)·1 = 769 weights; 769 · 32 + 1000 = 25,608 → 156.
  assert.equal(pacerSteps(10, [{ units: 64, activation: 'relu' }, { units: 1, activation: 'linear' }], 32), 156);
  // Over 4e6 per step: a turn after every step.
  assert.equal(pacerSteps(1000, [{ units: 1000, activation: 'relu' }], 1000), 1);
});
