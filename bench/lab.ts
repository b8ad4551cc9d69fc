/**
 * Lab benchmark: a whole `train lab` of 8 batch sizes × 4 learning rates × 2 seeds = 64 runs
 * through the built executable with `--jobs 2`, timed from start to exit; the target is 60 s on
 * two cores.
 *
 *   npm run build && node --import tsx bench/lab.ts
 *
 * bench/run.ts (npm run bench) runs it too, through `measureLab`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Seconds the whole lab may take on two cores. */
export const LAB_BAR = 60;

/**
 * The lab: the embedded digits (1,797 samples × 64 features, standardized, a fifth held out for
 * validation) through Dense(32, relu) → Dense(10, softmax), 8 batch sizes × 4 learning rates ×
 * 2 seeds to a validation-accuracy target.
 */
export const LAB_WORKLOAD = {
  description: 'digits: 1,797 × 64 → Dense(32, relu) → Dense(10, softmax), sparse crossentropy, to valAccuracy ≥ 0.9',
  args: [
    '--dataset', 'digits', '--layers', '32:relu,10:softmax', '--loss', 'sparse_categorical_crossentropy',
    '--metrics', 'accuracy', '--standardize', '--validation-split', '0.2',
    '--batch-sizes', '1,4,16,32,64,128,256,512', '--lrs', '0.0003,0.001,0.003,0.01', '--seeds', '2',
    '--target-metric', 'valAccuracy >= 0.9', '--max-epochs', '10',
  ],
};

export interface LabFigures {
  readonly description: string;
  readonly command: string;
  readonly runs: number;
  readonly seconds: number;
  /** The machine's one-minute load average when the lab ended: above the core count, other work shared the cores. */
  readonly load: number;
  readonly bCrit: number | null;
  readonly reached: number;
  readonly met: boolean;
}

export function measureLab(log: (line: string) => void = () => {}): LabFigures {
  const dir = mkdtempSync(join(tmpdir(), 'batchsim-bench-lab-'));
  try {
    const args = ['lab', ...LAB_WORKLOAD.args, '--jobs', '2', '--out', join(dir, 'lab.jsonl'), '--json', '--quiet'];
    const start = performance.now();
    const text = execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20 });
    const seconds = (performance.now() - start) / 1000;
    const doc = JSON.parse(text) as { rows: unknown[]; best: Array<{ steps: number | null }>; fit: { bCrit: number | null } | null };
    const runs = doc.rows.length * 2;
    log(`lab of ${runs} runs: ${seconds.toFixed(1)} s`);
    return {
      description: LAB_WORKLOAD.description,
      command: `train ${args.slice(0, -6).join(' ')} --jobs 2 --json`,
      runs,
      seconds,
      load: loadavg()[0],
      bCrit: doc.fit?.bCrit ?? null,
      reached: doc.best.filter((b) => b.steps !== null).length,
      met: seconds <= LAB_BAR,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = measureLab((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  if (!figures.met) process.exitCode = 1;
}
