/**
 * `train lab` end to end, in process: the JSON document's rows, best rows and fit against each
 * other and against the results file; the same inputs give the same JSON with --no-timings;
 * shards joined by `train merge --lab` give what one invocation gives; bad input is refused before
 * any run; the report page is self-contained; the verdict speaks Korean with --lang ko.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { readSweepFile } from '../../src/io/sweep-file.js';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-lab-'));
/** 4 batch sizes × 2 rates × 2 seeds = 16 short runs. */
const LAB = ['lab', '--synthetic', 'linear', '--samples', '64', '--loss', 'mse', '--validation-split', '0.25', '--batch-sizes', '1,4,16,48', '--lrs', '0.01,0.03', '--seeds', '2', '--target-loss', '0.05', '--max-epochs', '12', '--jobs', '2', '-q'];
const lab = (args: string[], cwd = dir, env: Record<string, string> = {}) => runCli([...LAB, ...args], { cwd, env });

interface Cell {
  batchSize: number;
  learningRate: number;
  steps: number | null;
  examples: number | null;
  reached: number;
  seeds: number;
}

test('train lab --json: one row per batch size and rate, best[] the rate with the fewest median steps, a fit consistent with its own rows', async () => {
  const { code, stdout, stderr } = await lab(['--json', '--no-timings', '--out', 'one.jsonl']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout) as { rows: Cell[]; best: Cell[]; fit: { sMin: number; eMin: number; bCrit: number; residuals: Array<{ batchSize: number; residual: number }> }; verdict: string; noiseScale: unknown };
  assert.equal(doc.rows.length, 8);
  assert.deepEqual(doc.best.map((b) => b.batchSize), [1, 4, 16, 48]);
  for (const best of doc.best) {
    const mine = doc.rows.filter((r) => r.batchSize === best.batchSize);
    const fewest = Math.min(...mine.map((r) => r.steps ?? Infinity));
    assert.equal(best.steps ?? Infinity, fewest);
    if (best.steps !== null) assert.equal(best.examples, best.batchSize * best.steps);
  }
  // The steps in the rows are the medians of the results file's records.
  const records = readSweepFile(join(dir, 'one.jsonl')).records;
  assert.equal(records.length, 16);
  for (const row of doc.rows) {
    const steps = records
      .filter((r) => r.config.batchSize === row.batchSize && r.config.learningRate === row.learningRate)
      .map((r) => r.goal!.reached?.steps ?? Infinity)
      .sort((a, b) => a - b);
    const median = (steps[0] + steps[1]) / 2;
    assert.equal(row.steps ?? Infinity, median);
  }
  const reached = doc.best.filter((b) => b.steps !== null && b.steps > 0);
  assert.ok(reached.length >= 2, 'at least two batch sizes reach the target');
  const { sMin, eMin, bCrit } = doc.fit;
  assert.equal(bCrit, eMin / sMin);
  for (const b of reached) {
    assert.ok(sMin <= b.steps!, `S_min ${sMin} > S ${b.steps} at batch ${b.batchSize}`);
    assert.ok(eMin <= b.examples!, `E_min ${eMin} > E ${b.examples} at batch ${b.batchSize}`);
  }
  assert.deepEqual(doc.fit.residuals.map((r) => r.batchSize), reached.map((b) => b.batchSize));
  assert.match(doc.verdict, /Critical batch size|critical batch size/);
  assert.equal(doc.noiseScale, null);
});

test('the same inputs give the same JSON with --no-timings, in another folder and on one worker', async () => {
  const other = mkdtempSync(join(tmpdir(), 'batchsim-lab-again-'));
  const a = await lab(['--json', '--no-timings', '--out', 'same-a.jsonl']);
  const b = await runCli([...LAB, '--json', '--no-timings', '--jobs', '1'], { cwd: other });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(a.stdout, b.stdout);
  // And run again on a finished results file: nothing to train, the same document.
  const c = await lab(['--json', '--no-timings', '--out', 'same-a.jsonl']);
  assert.match(c.stderr, /16 already in same-a\.jsonl; nothing left to run/);
  assert.equal(c.stdout, a.stdout);
});

test('a lab resumes from its results file: with half its runs lost, it trains only those and prints the same document', async () => {
  const full = await lab(['--json', '--no-timings', '--out', 'resume.jsonl']);
  const path = join(dir, 'resume.jsonl');
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  writeFileSync(path, `${lines.slice(0, 8).join('\n')}\n`);
  const again = await lab(['--json', '--no-timings', '--out', 'resume.jsonl']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /8 already in resume\.jsonl; running 8 on/);
  assert.equal(again.stdout, full.stdout);
});

test('two shards joined by train merge --lab give the analysis of the whole lab', async () => {
  const whole = await lab(['--json', '--no-timings', '--out', 'whole.jsonl']);
  for (const k of [1, 2]) {
    const { code, stderr } = await lab(['--no-timings', '--shard', `${k}/2`, '--out', `part-${k}.jsonl`]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, new RegExp(`shard ${k}/2 is in part-${k}\\.jsonl`));
  }
  const merged = await runCli(['merge', '--lab', 'part-1.jsonl', 'part-2.jsonl', '--json', '--no-timings'], { cwd: dir });
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(merged.stdout, whole.stdout);
  const missing = await runCli(['merge', '--lab', 'part-1.jsonl', '--no-timings'], { cwd: dir });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: lab: .*8 missing/);
});

test('the table, the fit line, both charts and the verdict on the terminal; the verdict in Korean with --lang ko', async () => {
  const en = await lab(['--no-timings', '--out', 'one.jsonl']);
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /batch +best lr +steps S +examples E/);
  assert.match(en.stdout, /fit \(S\/S_min − 1\)\(E\/E_min − 1\) = 1: S_min ≈ \S+ steps/);
  assert.match(en.stdout, /steps to the target against batch size/);
  assert.match(en.stdout, /perfect scaling from batch 1/);
  assert.match(en.stdout, /fitted hyperbola/);
  const ko = await lab(['--no-timings', '--out', 'one.jsonl', '--lang', 'ko']);
  assert.equal(ko.code, 0, ko.stderr);
  assert.match(ko.stdout, /임계 배치 크기|배치 크기에 거의 반비례|맞출 수 없습니다/);
  assert.match(ko.stdout, /최적 학습률/);
});

test('--report writes one self-contained page: no script, no link, nothing fetched; --plot writes both charts as SVG', async () => {
  const { code, stderr } = await lab(['--no-timings', '--out', 'one.jsonl', '--report', 'lab.html', '--plot', 'charts']);
  assert.equal(code, 0, stderr);
  const html = readFileSync(join(dir, 'lab.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i);
  // The only URLs are the SVG namespaces, which name and do not fetch.
  const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
  assert.ok(urls.every((url) => /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(url)), urls.join(' '));
  assert.equal(XMLValidator.validate(html.replace(/^<!DOCTYPE html>/, '')), true);
  assert.equal((html.match(/<svg/g) ?? []).length, 2);
  assert.match(html, /<table>/);
  for (const name of ['steps-by-batch.svg', 'steps-by-examples.svg']) {
    const svg = readFileSync(join(dir, 'charts', name), 'utf8');
    assert.equal(XMLValidator.validate(svg), true, name);
    assert.match(svg, /<path/);
  }
});

test('--noise-scale: every run measures B_simple; the document has one series per batch size and --plot a third chart', async () => {
  const { code, stdout, stderr } = await lab(['--json', '--no-timings', '--out', 'noise.jsonl', '--noise-scale', '--plot', 'noise-charts']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout) as { best: Cell[]; noiseScale: { series: Array<{ batchSize: number; epoch: number[]; bSimple: number[] }> } };
  assert.deepEqual(doc.noiseScale.series.map((s) => s.batchSize), doc.best.map((b) => b.batchSize));
  for (const series of doc.noiseScale.series) {
    assert.deepEqual(series.epoch, [...Array(13).keys()]);
    assert.ok(series.bSimple.every((b) => b > 0), series.bSimple.join(' '));
  }
  assert.match(readFileSync(join(dir, 'noise-charts', 'noise-scale.svg'), 'utf8'), /<svg/);
  const records = readSweepFile(join(dir, 'noise.jsonl')).records as unknown as Array<{ noiseScale: { bSimple: number[] } | null }>;
  assert.ok(records.every((r) => r.noiseScale !== null && r.noiseScale.bSimple.length === 13));
});

test('--lr-scaling: the grid\'s rates are the rates for the base batch size, each run trains at the rate the rule gives its batch size', async () => {
  const { code, stdout, stderr } = await lab(['--json', '--no-timings', '--out', 'scaled.jsonl', '--lr-scaling', 'linear', '--base-batch-size', '4', '--warmup-epochs', '1']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout) as { rows: Cell[] };
  const rates = doc.rows.map((r) => [r.batchSize, r.learningRate]);
  assert.deepEqual(rates, [[1, 0.0025], [1, 0.0075], [4, 0.01], [4, 0.03], [16, 0.04], [16, 0.12], [48, 0.12], [48, 0.36]]);
  const { records } = readSweepFile(join(dir, 'scaled.jsonl'));
  for (const record of records) {
    assert.deepEqual(record.config.lrScaling && { rule: record.config.lrScaling.rule, base: record.config.lrScaling.baseBatchSize, warmup: record.config.lrScaling.warmupEpochs }, { rule: 'linear', base: 4, warmup: 1 });
    assert.ok(Math.abs(record.config.learningRate - (record.config.lrScaling!.baseLearningRate * record.config.batchSize) / 4) < 1e-12);
  }
  const sqrt = await lab(['--json', '--no-timings', '--out', 'sqrt.jsonl', '--lr-scaling', 'sqrt', '--base-batch-size', '1']);
  assert.equal(sqrt.code, 0, sqrt.stderr);
  assert.deepEqual((JSON.parse(sqrt.stdout) as { rows: Cell[] }).rows.filter((r) => r.batchSize === 16).map((r) => r.learningRate), [0.04, 0.12]);
});

test('bad input is refused on one line with exit 2 before any run, and nothing is written', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'batchsim-lab-bad-'));
  writeFileSync(join(fresh, 'd.csv'), 'x,y\n1,2\n2,4\n3,6\n4,8\n');
  const cases: Array<[string[], RegExp]> = [
    [['lab', '--synthetic', 'linear'], /needs a target: give --target-loss 0\.05/],
    [['lab', '--synthetic', 'linear', '--target-loss', '0.1', '--target-metric', 'valLoss < 1'], /either --target-loss or --target-metric/],
    [['lab', '--synthetic', 'linear', '--target-metric', 'valLoss < 1 && trainLoss < 1'], /a target is one field compared with a number/],
    [['lab', '--synthetic', 'linear', '--target-metric', 'valAcc > 0.9'], /valAcc/],
    [['lab', '--synthetic', 'linear', '--target-metric', 'valLoss < 0.1'], /add --validation-split/],
    [['lab', '--synthetic', 'linear', '--target-loss', '0'], /target loss/],
    [['lab', '--synthetic', 'linear', '--target-loss', '0.1', '--batch-size', '4'], /unknown option '--batch-size'/],
    [['lab', '--data', 'd.csv', '--target-loss', '0.1', '--out', 'd.csv'], /--out \S*d\.csv is the same file as --data/],
    [['lab', '--data', 'd.csv', '--target-loss', '0.1', '--report', 'd.csv'], /--report \S*d\.csv is the same file as --data/],
    [['lab', '--synthetic', 'linear', '--target-loss', '0.1', '--save-weights', 'w.json'], /a lab keeps every run's final weights/],
    [['lab', '--synthetic', 'linear', '--target-loss', '0.1', '--warmup-epochs', '2'], /--warmup-epochs/],
  ];
  for (const [argv, pattern] of cases) {
    const { code, stdout, stderr } = await runCli(argv, { cwd: fresh });
    assert.equal(code, 2, `${argv.join(' ')}: ${stderr}`);
    assert.match(stderr, pattern, argv.join(' '));
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.equal(stdout, '');
  }
  assert.equal(readFileSync(join(fresh, 'd.csv'), 'utf8'), 'x,y\n1,2\n2,4\n3,6\n4,8\n');
  assert.equal(existsSync(join(fresh, 'lab.jsonl')), false);
});
