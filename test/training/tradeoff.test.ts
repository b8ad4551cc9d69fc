/**
 * The steps–examples fit against points generated from known S_min and E_min, and its
 * consistency with its own rows: B_crit = E_min / S_min, S_min ≤ every measured S, E_min ≤ every
 * measured E, and no feasible (S_min, E_min) fits better.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { doublingSaves, fitTradeoff, stepsAt, type TradeoffPoint } from '../../src/training/tradeoff.js';

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/** S = ceil(S_min + E_min / B), each S scaled by its factor (1 = exact). */
function points(sMin: number, eMin: number, factors: readonly number[] = BATCHES.map(() => 1)): TradeoffPoint[] {
  return BATCHES.map((b, i) => {
    const steps = Math.ceil((sMin + eMin / b) * factors[i]);
    return { batchSize: b, steps, examples: b * steps };
  });
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

test('points on the hyperbola S_min = 100, E_min = 2400 give back S_min, E_min and B_crit = 24 within 1%', () => {
  const fit = fitTradeoff(points(100, 2400))!;
  assert.ok(relativeError(fit.sMin, 100) < 0.01, `S_min ${fit.sMin}`);
  assert.ok(relativeError(fit.eMin, 2400) < 0.01, `E_min ${fit.eMin}`);
  assert.ok(relativeError(fit.bCrit, 24) < 0.01, `B_crit ${fit.bCrit}`);
  assert.ok(fit.rmsResidual < 0.01);
  // At B_crit the model needs twice the least steps and twice the least examples.
  assert.ok(relativeError(stepsAt(fit, fit.bCrit), 2 * fit.sMin) < 1e-12);
});

test('with ±8% noise on every S, the fit still finds S_min = 40 and E_min = 5000 within 10%', () => {
  const noise = [1.08, 0.93, 1.05, 0.95, 1.02, 0.92, 1.07, 1.0, 0.96, 1.04];
  const fit = fitTradeoff(points(40, 5000, noise))!;
  assert.ok(relativeError(fit.sMin, 40) < 0.1, `S_min ${fit.sMin}`);
  assert.ok(relativeError(fit.eMin, 5000) < 0.1, `E_min ${fit.eMin}`);
  assert.ok(fit.rows.every((row) => Math.abs(row.residual) < 0.15));
});

test('a fit held by its bounds: S_min ≤ every measured S and E_min ≤ every measured E, B_crit = E_min / S_min', () => {
  // A plateau measured noisily: the unconstrained fit would put S_min above the smallest S.
  const measured: TradeoffPoint[] = [
    { batchSize: 1, steps: 2000, examples: 2000 },
    { batchSize: 2, steps: 1000, examples: 2000 },
    { batchSize: 4, steps: 520, examples: 2080 },
    { batchSize: 8, steps: 300, examples: 2400 },
    { batchSize: 16, steps: 150, examples: 2400 },
    { batchSize: 32, steps: 200, examples: 6400 },
  ];
  const fit = fitTradeoff(measured)!;
  assert.ok(fit.sMin <= 150 && fit.eMin <= 2000, `S_min ${fit.sMin}, E_min ${fit.eMin}`);
  assert.equal(fit.bCrit, fit.eMin / fit.sMin);
});

test('for any measurements, the fit keeps its bounds and no point of the box fits better', () => {
  const point = fc.record({ batchSize: fc.integer({ min: 1, max: 1024 }), steps: fc.integer({ min: 1, max: 100_000 }) });
  fc.assert(
    fc.property(fc.uniqueArray(point, { minLength: 2, maxLength: 9, selector: (p) => p.batchSize }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, u, v) => {
      const measured = raw.map((p) => ({ ...p, examples: p.batchSize * p.steps }));
      const fit = fitTradeoff(measured)!;
      const sMax = Math.min(...measured.map((p) => p.steps));
      const eMax = Math.min(...measured.map((p) => p.examples));
      assert.ok(fit.sMin >= 0 && fit.sMin <= sMax && fit.eMin >= 0 && fit.eMin <= eMax);
      if (fit.sMin > 0) assert.equal(fit.bCrit, fit.eMin / fit.sMin);
      else assert.equal(fit.bCrit, Infinity);
      const objective = (s: number, e: number): number => measured.reduce((sum, p) => sum + ((s + e / p.batchSize - p.steps) / p.steps) ** 2, 0);
      const best = objective(fit.sMin, fit.eMin);
      assert.ok(best <= objective(u * sMax, v * eMax) * (1 + 1e-9) + 1e-12, `(${u * sMax}, ${v * eMax}) fits better`);
      for (const row of fit.rows) assert.ok(Math.abs(row.steps / row.fittedSteps - 1 - row.residual) < 1e-12);
    }),
    { seed: 14, numRuns: 300 },
  );
});

test('one batch size, or none that reached the target, gives no fit', () => {
  assert.equal(fitTradeoff([{ batchSize: 4, steps: 10, examples: 40 }]), null);
  assert.equal(fitTradeoff([{ batchSize: 4, steps: 10, examples: 40 }, { batchSize: 8, steps: 0, examples: 0 }]), null);
});

test('doubling the batch saves half the steps far below B_crit, a quarter at B_crit, and little far above', () => {
  const fit = { sMin: 100, eMin: 2400 };
  assert.ok(Math.abs(doublingSaves(fit, 0.01) - 0.5) < 1e-3);
  assert.ok(Math.abs(doublingSaves(fit, 24) - 0.25) < 1e-12);
  assert.ok(doublingSaves(fit, 2400) < 0.01);
});
