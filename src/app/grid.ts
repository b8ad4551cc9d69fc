/**
 * A parameter grid: named axes, each a list of values, swept as a cartesian product.
 *
 * The grid has one canonical order, so that every machine that reads the same experiment
 * numbers its points the same way: axes sorted by name, each axis's values sorted (numbers
 * numerically, then booleans, then strings, then anything else by its canonical JSON), and the
 * product taken with the first axis outermost. Shards and run ids are defined on that order.
 */
import { createHash } from 'node:crypto';

import type { GridPoint, GridValue } from '../training/record.js';

export type { GridPoint, GridValue } from '../training/record.js';

export interface GridAxis {
  readonly name: string;
  readonly values: readonly GridValue[];
}

const KIND_ORDER = ['number', 'boolean', 'string', 'object'] as const;

/** The canonical order of two axis values. */
export function compareValues(a: GridValue, b: GridValue): number {
  const ka = KIND_ORDER.indexOf(typeof a as (typeof KIND_ORDER)[number]);
  const kb = KIND_ORDER.indexOf(typeof b as (typeof KIND_ORDER)[number]);
  if (ka !== kb) return ka - kb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = typeof a === 'string' ? a : canonicalJson(a);
  const sb = typeof b === 'string' ? b : canonicalJson(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Axes sorted by name, values sorted: the canonical grid. */
export function sortAxes(axes: readonly GridAxis[]): GridAxis[] {
  return [...axes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((axis) => ({ name: axis.name, values: [...axis.values].sort(compareValues) }));
}

/**
 * Every point of the grid in canonical order (first axis outermost). No axes: one empty point,
 * the single run the experiment's fixed options describe.
 */
export function expandGrid(axes: readonly GridAxis[]): GridPoint[] {
  const sorted = sortAxes(axes);
  let points: Record<string, GridValue>[] = [{}];
  for (const axis of sorted) {
    const next: Record<string, GridValue>[] = [];
    for (const point of points) for (const value of axis.values) next.push({ ...point, [axis.name]: value });
    points = next;
  }
  return points;
}

/** Number of points of a grid. */
export function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

/** `batchSize=2 learningRate=0.01 seed=1`: a point as the user would name it. */
export function describePoint(point: GridPoint): string {
  const parts = Object.entries(point).map(([name, value]) => `${name}=${typeof value === 'string' ? value : canonicalJson(value)}`);
  return parts.length > 0 ? parts.join(' ') : '(the single run)';
}

// ---- shards ------------------------------------------------------------------------------------

/** Shard `index` of `total`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/**
 * Round-robin over the canonical order: the point at 0-based position k belongs to shard
 * (k mod total) + 1. Neighbouring points (which differ in the innermost axis, usually the seed)
 * land on different shards, so shards get similar work.
 */
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.total === shard.index - 1;
}

// ---- run ids -----------------------------------------------------------------------------------

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always gives
 * the same text. Non-finite numbers become null, as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A run's id: sha256 (hex) of the canonical JSON of the tool's version and the run's resolved
 * configuration. Two runs with the same id train the same way and give the same numbers;
 * a new version of the tool gives new ids, so results are never mixed across versions.
 */
export function runId(config: unknown, version: string): string {
  return createHash('sha256').update(canonicalJson({ tool: { name: 'batchsim', version }, config })).digest('hex');
}
