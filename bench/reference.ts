/**
 * The C reference loop (bench/reference.c): compiled once per benchmark with the machine's C
 * compiler, then run on the same data and initial weights as batchsim, so that every throughput
 * figure can also be given as a fraction of what plain C does with the same arithmetic, measured
 * in the same run. Without a C compiler the C part is skipped and the report says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KerasWeights } from '../src/core/model.js';
import type { Dataset } from '../src/training/dataset.js';

const SOURCE = fileURLToPath(new URL('./reference.c', import.meta.url));
export const C_FLAGS = ['-O3', '-march=native'];

export interface Reference {
  /** The compiler and flags, e.g. `cc -O3 -march=native` (gcc 12.2.0). */
  readonly compiler: string;
  /** Best of `repeats` epochs: seconds and the epoch's loss. */
  epoch(layers: ReadonlyArray<{ units: number; activation: string }>, batchSize: number, data: Dataset, weights: KerasWeights, repeats: number): { seconds: number; loss: number };
  dispose(): void;
}

/** Compiles the reference loop; null, with the reason, when there is no working C compiler. */
export function compileReference(): Reference | { readonly skipped: string } {
  const cc = process.env.CC ?? 'cc';
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-c-'));
  const binary = join(dir, 'reference');
  const built = spawnSync(cc, [...C_FLAGS, '-o', binary, SOURCE, '-lm'], { encoding: 'utf8' });
  if (built.error !== undefined || built.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const why = built.error !== undefined ? `no C compiler (\`${cc}\` not found)` : `\`${cc}\` failed: ${built.stderr.trim().split('\n')[0]}`;
    return { skipped: `${why}; the C reference loop is skipped (set CC to a C compiler to include it)` };
  }
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '';
  let written: Dataset | null = null;
  return {
    compiler: `${cc} ${C_FLAGS.join(' ')} (${version.trim()})`,
    epoch(layers, batchSize, data, weights, repeats) {
      if (written !== data) {
        writeFileSync(join(dir, 'x.f32'), data.x);
        writeFileSync(join(dir, 'y.f32'), data.y);
        written = data;
      }
      writeFileSync(join(dir, 'w.f32'), flatten(weights));
      let best = { seconds: Infinity, loss: NaN };
      for (let i = 0; i < repeats; i++) {
        const args = [dir, String(batchSize), String(data.features), ...layers.map((l) => `${l.units}:${l.activation}`)];
        const run = spawnSync(binary, args, { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`the C reference loop failed: ${run.stderr}`);
        const result = JSON.parse(run.stdout) as { seconds: number; loss: number };
        if (result.seconds < best.seconds) best = result;
      }
      return best;
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
