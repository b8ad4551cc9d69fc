/**
 * The C reference loops: compiled once per benchmark with the machine's C compiler, then run on
 * the same data and initial weights as batchsim, so that every throughput figure can also be
 * given as a fraction of what plain C does, measured in the same run. Two loops:
 *
 *   same   bench/reference.c, batchsim's arithmetic operation for operation; its epoch loss and
 *          final weights must equal batchsim's to the last bit, and the target is judged by it
 *   fma    bench/reference-fma.c, float32 sums the compiler fuses and vectorises freely: different
 *          rounding, shown beside it so that nobody takes it for the same work
 *
 * Without a C compiler the C part is skipped and the report says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KerasWeights } from '../src/core/model.js';
import type { Dataset } from '../src/training/dataset.js';

const SOURCES = {
  same: fileURLToPath(new URL('./reference.c', import.meta.url)),
  fma: fileURLToPath(new URL('./reference-fma.c', import.meta.url)),
} as const;
export const C_FLAGS = ['-O3', '-march=native'];

export type ReferenceKind = keyof typeof SOURCES;

export interface ReferenceEpoch {
  readonly seconds: number;
  /** The process's CPU time over the same span. */
  readonly cpuSeconds: number;
  /** The epoch's loss (Keras's running mean). */
  readonly loss: number;
  /** FNV-1a of the final parameters' float32 bytes, as 8 hex digits (the same-arithmetic loop only). */
  readonly weights: string | null;
}

export interface Reference {
  /** The compiler and flags, e.g. `cc -O3 -march=native` (gcc 12.2.0). */
  readonly compiler: string;
  /** One epoch of the `kind` loop. */
  epoch(kind: ReferenceKind, layers: ReadonlyArray<{ units: number; activation: string }>, batchSize: number, data: Dataset, weights: KerasWeights): ReferenceEpoch;
  dispose(): void;
}

/** Compiles both loops; the reason instead, when there is no working C compiler. */
export function compileReference(): Reference | { readonly skipped: string } {
  const cc = process.env.CC ?? 'cc';
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-c-'));
  const binaries = { same: join(dir, 'reference'), fma: join(dir, 'reference-fma') };
  for (const kind of ['same', 'fma'] as const) {
    const built = spawnSync(cc, [...C_FLAGS, '-o', binaries[kind], SOURCES[kind], '-lm'], { encoding: 'utf8' });
    if (built.error !== undefined || built.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      const why = built.error !== undefined ? `no C compiler (\`${cc}\` not found)` : `\`${cc}\` failed: ${built.stderr.trim().split('\n')[0]}`;
      return { skipped: `${why}; the C reference loops are skipped (set CC to a C compiler to include them)` };
    }
  }
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '';
  let written: Dataset | null = null;
  let writtenWeights: KerasWeights | null = null;
  return {
    compiler: `${cc} ${C_FLAGS.join(' ')} (${version.trim()})`,
    epoch(kind, layers, batchSize, data, weights) {
      if (written !== data) {
        writeFileSync(join(dir, 'x.f32'), data.x);
        writeFileSync(join(dir, 'y.f32'), data.y);
        written = data;
      }
      if (writtenWeights !== weights) {
        writeFileSync(join(dir, 'w.f32'), flatten(weights));
        writtenWeights = weights;
      }
      const args = [dir, String(batchSize), String(data.features), ...layers.map((l) => `${l.units}:${l.activation}`)];
      const run = spawnSync(binaries[kind], args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`the C reference loop failed: ${run.stderr}`);
      const result = JSON.parse(run.stdout) as { seconds: number; cpuSeconds: number; loss: number; weights?: string };
      return { seconds: result.seconds, cpuSeconds: result.cpuSeconds, loss: result.loss, weights: result.weights ?? null };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keras-ordered weights as one float32 buffer, [W0, b0, W1, b1, ...] row-major. */
function flatten(weights: KerasWeights): Float32Array {
  const values: number[] = [];
  for (const w of weights) for (const row of w) values.push(...(Array.isArray(row) ? row : [row]));
  return Float32Array.from(values);
}

/** FNV-1a of the float32 bytes, as bench/reference.c prints it. */
export function weightsHash(params: Float32Array): string {
  const bytes = new Uint8Array(params.buffer, params.byteOffset, params.byteLength);
  let hash = 2166136261;
  for (let k = 0; k < bytes.length; k++) hash = Math.imul(hash ^ bytes[k], 16777619) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
