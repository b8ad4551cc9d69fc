/**
 * The built executable ranks and gates by a metric: compare and merge with --metric, the tracked
 * metrics in their tables, CSV, Markdown and JSON, metrics in an experiment file, the sweep's
 * lines and --assert on valAccuracy; an untracked --metric refused before training.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { tempFolder } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const { dir, file } = tempFolder('metric-rank');
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '200' };

/** 45 samples, four features, three well-separated classes labelled 0, 1, 2 in turn. */
function labelledCsv(): string {
  const rows = ['f1,f2,f3,f4,label'];
  for (let i = 0; i < 45; i++) {
    const label = i % 3;
    const jitter = ((i * 37) % 11) / 20 - 0.25;
    const centre = [label === 0 ? 2 : -1, label === 1 ? 2 : -1, label === 2 ? 2 : -1, 0.5];
    rows.push([...centre.map((c, k) => (c + jitter * (k % 2 === 0 ? 1 : -1)).toFixed(3)), String(label)].join(','));
  }
  return `${rows.join('\n')}\n`;
}

const data = file('classes.csv', labelledCsv());
const model = ['--layers', '8:relu,3:softmax', '--loss', 'sparse_categorical_crossentropy', '--metrics', 'accuracy', '--lr', '0.01'];
const compare = [bin, 'compare', '--data', data, ...model, '--batch-sizes', '36,1,4', '-e', '10', '--validation-split', '0.2', '--no-timings', '-v', '0'];

async function fails(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await exec(process.execPath, args, { env, cwd: dir });
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return e;
  }
  throw new Error(`exited 0: ${args.join(' ')}`);
}

test('compare --metric val_accuracy ranks the rows best first, shows accuracy columns and charts val_accuracy', async () => {
  const { stdout, stderr } = await exec(process.execPath, [...compare, '--metric', 'val_accuracy'], { env });
  assert.equal(stderr, '');
  const lines = stdout.split('\n');
  const header = lines.find((line) => /^\s*batch\s+steps/.test(line))!;
  const titles = header.trim().split(/\s{2,}/);
  assert.deepEqual(titles.slice(-2), ['accuracy', 'val_accuracy'], 'the blank time columns are left out');
  const at = lines.indexOf(header);
  const rows = lines.slice(at + 1, at + 4).map((line) => line.trim().split(/\s{2,}/));
  const column = titles.indexOf('val_accuracy');
  const values = rows.map((row) => Number(row[column]));
  assert.deepEqual([...values].sort((a, b) => b - a), values, `rows not best first: ${values}`);
  assert.deepEqual(rows.map((row) => Number(row[0])).sort((a, b) => a - b), [1, 4, 36]);
  assert.match(stdout, /rows ranked by the last epoch's val_accuracy, best first \(higher is better\)/);
  assert.match(stdout, /^\s+val_accuracy$/m, 'the chart is titled by the metric');

  // By loss the order is the lowest first.
  const byLoss = (await exec(process.execPath, [...compare, '--metric', 'val_loss', '--format', 'json'], { env })).stdout;
  const doc = JSON.parse(byLoss) as { summary: Array<{ batchSize: number; finalValLoss: { mean: number }; finalMetrics: Record<string, { mean: number }> }> };
  assert.deepEqual(Object.keys(doc.summary[0].finalMetrics), ['accuracy', 'val_accuracy']);
  const md = (await exec(process.execPath, [...compare, '--metric', 'val_loss', '--format', 'markdown'], { env })).stdout;
  const mdRows = md.split('\n').filter((line) => /^\| \d/.test(line)).map((line) => Number(line.split('|')[1]));
  const expected = [...doc.summary].sort((a, b) => a.finalValLoss.mean - b.finalValLoss.mean).map((s) => s.batchSize);
  assert.deepEqual(mdRows, expected);
  assert.match(md, /\| accuracy \| val_accuracy \|/);
});

test('compare --format csv carries accuracy and val_accuracy per epoch', async () => {
  const { stdout } = await exec(process.execPath, [...compare, '--format', 'csv'], { env });
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'batch_size,learning_rate,seed,epoch,update,samples,loss,val_loss,accuracy,val_accuracy,epoch_seconds');
  assert.equal(lines.length, 1 + 3 * 10);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    for (const cell of cells.slice(8, 10)) assert.ok(Number(cell) >= 0 && Number(cell) <= 1, line);
  }
});

test('an untracked --metric is refused in one line before training, naming the fix', async () => {
  const noSplit = compare.filter((arg, i) => arg !== '--validation-split' && compare[i - 1] !== '--validation-split');
  const plot = join(dir, 'never.svg');
  const r = await fails([...noSplit, '--metric', 'val_accuracy', '--plot', plot]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "error: --metric val_accuracy: the runs do not track it; choose one of loss, accuracy (val_ histories need --validation-split, e.g. 0.2)\n");
  assert.equal(existsSync(plot), false);
  const noMetrics = compare.filter((arg, i) => arg !== '--metrics' && compare[i - 1] !== '--metrics');
  const r2 = await fails([...noMetrics, '--metric', 'accuracy']);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /^error: --metric accuracy: the runs do not track it; choose one of loss, val_loss \(track it with --metrics, e.g. --metrics accuracy\)/);
  assert.equal(r2.stderr.split('\n').length, 2);
  const ko = await fails([...noMetrics, '--metric', 'accuracy', '--lang', 'ko']);
  assert.equal(ko.code, 2);
  assert.match(ko.stderr, /--metric accuracy: 이 실행들은 그 값을 기록하지 않습니다/);
});

test('metrics in an experiment file: sweep lines show them, --assert gates on valAccuracy, merge ranks by --metric', async () => {
  const experiment = file(
    'classify.json',
    JSON.stringify({
      name: 'classify',
      data: 'classes.csv',
      layers: '8:relu,3:softmax',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      learningRate: 0.01,
      epochs: 4,
      validationSplit: 0.2,
      grid: { batchSize: [1, 36] },
    }),
  );
  const out = join(dir, 'classify.jsonl');
  const swept = await exec(process.execPath, [bin, 'sweep', experiment, '--out', out, '--no-timings', '--jobs', '1', '--assert', 'valAccuracy >= 0'], { env, cwd: dir });
  const runLines = swept.stdout.split('\n').filter((line) => /^\[\d\/2\]/.test(line));
  assert.equal(runLines.length, 2, swept.stdout);
  for (const line of runLines) assert.match(line, /: loss [\d.e+-]+, val_loss [\d.e+-]+, accuracy [\d.e+-]+, val_accuracy [\d.e+-]+, end loss /);
  assert.match(swept.stdout + swept.stderr, /assert valAccuracy >= 0: 2 of 2 runs pass/);

  // Batch 36 makes 1 update per epoch: after 4 it cannot have separated the classes.
  const gate = await fails([bin, 'merge', out, '--experiment', experiment, '--assert', 'valAccuracy >= 0.9', '--no-timings']);
  assert.equal(gate.code, 3);
  assert.match(gate.stdout, /FAIL batchSize=36: valAccuracy = /);
  assert.doesNotMatch(gate.stdout, /FAIL batchSize=1:/);

  const merged = await exec(process.execPath, [bin, 'merge', out, '--experiment', experiment, '--metric', 'val_accuracy', '--no-timings'], { env, cwd: dir });
  const mergedLines = merged.stdout.split('\n');
  const headerAt = mergedLines.findIndex((line) => line.startsWith('batchSize'));
  assert.match(mergedLines[headerAt], /val_loss\s+accuracy\s+val_accuracy/);
  const rows = mergedLines.slice(headerAt + 1, headerAt + 3);
  assert.deepEqual(rows.map((row) => Number(row.trim().split(/\s+/)[0])), [1, 36]);
  assert.match(merged.stdout, /val_accuracy/);
  const byLoss = await exec(process.execPath, [bin, 'merge', out, '--experiment', experiment, '--metric', 'accuracy', '--format', 'markdown', '--no-timings'], { env, cwd: dir });
  assert.match(byLoss.stdout, /\| accuracy \| val_accuracy \|/);

  const bad = await fails([bin, 'merge', out, '--experiment', experiment, '--metric', 'val_acc']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: --metric val_acc: the runs do not track it; choose one of loss, accuracy, val_loss, val_accuracy; did you mean val_accuracy\?\n$/);
});
