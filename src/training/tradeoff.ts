/**
 * The steps–examples trade-off (McCandlish et al. 2018, "An Empirical Model of Large-Batch
 * Training", arXiv:1812.06162, eq. 2.11):
 *
 *   (S / S_min − 1)(E / E_min − 1) = 1,     B_crit = E_min / S_min
 *
 * S is the optimizer steps and E = B·S the examples a run at batch size B needs to reach a
 * target; S_min is what an infinitely large batch would need in steps, E_min what a batch of one
 * would need in examples. With E = B·S the hyperbola is the line S(B) = S_min + E_min / B, so the
 * fit is a linear least-squares problem in (S_min, E_min). Each batch size's S counts relatively
 * (a run of 4,000 steps is not worth 100 runs of 40): the fit minimizes
 *
 *   Σ_B ((S_min + E_min / B − S_B) / S_B)²
 *
 * subject to 0 ≤ S_min ≤ min_B S_B and 0 ≤ E_min ≤ min_B E_B, the bounds the model itself puts on
 * every measurement (S ≥ S_min and E ≥ E_min at every B). A convex quadratic over a box in two
 * variables: its minimum is the unconstrained one when that lies in the box, else on an edge.
 */

export interface TradeoffPoint {
  readonly batchSize: number;
  /** Steps to the target (> 0). */
  readonly steps: number;
  /** Examples to the target: batchSize × steps. */
  readonly examples: number;
}

export interface TradeoffRow extends TradeoffPoint {
  /** S_min + E_min / B. */
  readonly fittedSteps: number;
  /** B · fittedSteps. */
  readonly fittedExamples: number;
  /** Measured over fitted steps, minus one: 0.1 is 10% more steps than the fit says. */
  readonly residual: number;
}

export interface TradeoffFit {
  readonly sMin: number;
  readonly eMin: number;
  /** E_min / S_min; Infinity when S_min is 0 (perfect scaling over the whole range). */
  readonly bCrit: number;
  readonly rows: readonly TradeoffRow[];
  /** Root mean square of the relative residuals. */
  readonly rmsResidual: number;
}

/** The fit over points with positive steps; null with fewer than two distinct batch sizes. */
export function fitTradeoff(points: readonly TradeoffPoint[]): TradeoffFit | null {
  const used = points.filter((p) => p.steps > 0 && Number.isFinite(p.steps) && p.batchSize > 0);
  if (new Set(used.map((p) => p.batchSize)).size < 2) return null;
  // Residual r_B = a_B·S_min + b_B·E_min − 1, with a_B = 1/S_B and b_B = 1/(B·S_B).
  let aa = 0;
  let ab = 0;
  let bb = 0;
  let a1 = 0;
  let b1 = 0;
  for (const p of used) {
    const a = 1 / p.steps;
    const b = 1 / (p.batchSize * p.steps);
    aa += a * a;
    ab += a * b;
    bb += b * b;
    a1 += a;
    b1 += b;
  }
  const sMax = Math.min(...used.map((p) => p.steps));
  const eMax = Math.min(...used.map((p) => p.examples));
  const objective = (s: number, e: number): number => used.reduce((sum, p) => sum + ((s + e / p.batchSize - p.steps) / p.steps) ** 2, 0);
  const clamp = (x: number, high: number): number => Math.min(high, Math.max(0, x));

  const candidates: Array<[number, number]> = [];
  const det = aa * bb - ab * ab;
  if (det > 0) candidates.push([(a1 * bb - b1 * ab) / det, (b1 * aa - a1 * ab) / det]);
  for (const s of [0, sMax]) candidates.push([s, clamp((b1 - s * ab) / bb, eMax)]);
  for (const e of [0, eMax]) candidates.push([clamp((a1 - e * ab) / aa, sMax), e]);
  let best: [number, number] | null = null;
  let bestValue = Infinity;
  for (const [s, e] of candidates) {
    if (!(s >= 0 && s <= sMax && e >= 0 && e <= eMax)) continue;
    const value = objective(s, e);
    if (value < bestValue) {
      bestValue = value;
      best = [s, e];
    }
  }
  const [sMin, eMin] = best!;
  const rows = used.map((p) => {
    const fittedSteps = sMin + eMin / p.batchSize;
    return { ...p, fittedSteps, fittedExamples: p.batchSize * fittedSteps, residual: p.steps / fittedSteps - 1 };
  });
  const rmsResidual = Math.sqrt(rows.reduce((sum, r) => sum + r.residual ** 2, 0) / rows.length);
  return { sMin, eMin, bCrit: sMin > 0 ? eMin / sMin : Infinity, rows, rmsResidual };
}

/** Steps the fit predicts at batch size B. */
export function stepsAt(fit: Pick<TradeoffFit, 'sMin' | 'eMin'>, batchSize: number): number {
  return fit.sMin + fit.eMin / batchSize;
}

/**
 * The share of steps doubling the batch saves at B, by the model: 1 − S(2B)/S(B)
 * = B_crit / (2(B + B_crit)): one half for B ≪ B_crit, a quarter at B_crit, towards 0 beyond.
 */
export function doublingSaves(fit: Pick<TradeoffFit, 'sMin' | 'eMin'>, batchSize: number): number {
  return 1 - stepsAt(fit, 2 * batchSize) / stepsAt(fit, batchSize);
}
