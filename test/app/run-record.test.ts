import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { tempFolder } from '../helpers/temp.js';

const temp = tempFolder('run-record');

/** The same run three ways: batch size 3, 4 epochs, seed 7, lr 0.01 on the sample. */
const options = { batchSize: 3, epochs: 4, seed: 7, learningRate: 0.01 };

async function trainRecord(): Promise<Record<string, unknown>> {
  const { code, stdout } = await runCli(['-b', '3', '-e', '4', '--seed', '7', '--lr', '0.01', '--json', '--no-timings']);
  assert.equal(code, 0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function compareRecord(): Promise<Record<string, unknown>> {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '3', '-e', '4', '--seed', '7', '--lr', '0.01', '--format', 'json', '--no-timings']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as { runs: Array<Record<string, unknown>> };
  assert.equal(doc.runs.length, 1);
  return doc.runs[0];
}

async function sweepRecord(): Promise<Record<string, unknown>> {
  temp.file('one.json', JSON.stringify({ name: 'one', ...options, grid: { shuffle: [true] } }));
  const { code } = await runCli(['sweep', 'one.json', '--no-timings', '--jobs', '1', '--quiet'], { cwd: temp.dir });
  assert.equal(code, 0);
  const lines = readFileSync(join(temp.dir, 'one.jsonl'), 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

const keys = (value: unknown): string[] => Object.keys(value as object).sort();

test('train --json, a compare run and a sweep line are one record: the same keys, the same config keys', async () => {
  const [trained, compared, swept] = [await trainRecord(), await compareRecord(), await sweepRecord()];
  assert.deepEqual(keys(compared), keys(trained));
  const sweepOnly = keys(swept).filter((key) => !keys(trained).includes(key));
  assert.deepEqual(sweepOnly, ['id', 'point'], 'the sweep adds only its id and grid point');
  assert.deepEqual(keys(swept).filter((key) => key !== 'id' && key !== 'point'), keys(trained));
  assert.deepEqual(keys(compared.config), keys(trained.config));
  assert.deepEqual(keys(swept.config), keys(trained.config));
  for (const record of [trained, compared, swept]) assert.equal(record.schemaVersion, 2);
});

test('the three records of the same run hold the same numbers', async () => {
  const [trained, compared, swept] = [await trainRecord(), await compareRecord(), await sweepRecord()];
  for (const record of [compared, swept]) {
    assert.deepEqual(record.history, trained.history);
    assert.deepEqual(record.weights, trained.weights);
    assert.equal(record.endLoss, trained.endLoss);
    assert.equal(record.finalLoss, trained.finalLoss);
  }
  const config = trained.config as Record<string, unknown>;
  assert.equal(config.batchSize, 3);
  assert.equal(config.learningRate, 0.01);
  assert.equal(config.seed, 7);
  assert.equal(trained.experiment, null);
  for (const record of [trained, compared, swept]) assert.equal(record.timings, null, 'no timings with --no-timings');
  for (const record of [trained, compared, swept]) assert.equal(record.noiseScale, null, 'no noise scale without --noise-scale');
  assert.equal(swept.experiment, 'one');
  assert.deepEqual(swept.point, { shuffle: true });
});
