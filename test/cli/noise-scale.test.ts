/**
 * `train --noise-scale`: the figures in --json and on the terminal, and that measuring them
 * leaves training exactly as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential } from '../../src/core/model.js';
import { noiseScale } from '../../src/core/noise-scale.js';
import { sampleDataset } from '../../src/training/dataset.js';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-noise-'));
const w05 = join(dir, 'w05.json');
writeFileSync(w05, '[[[0.5]], [0]]');

interface NoiseJson {
  epoch: number[];
  bSimple: number[];
  traceSigma: number[];
  gradNormSquared: number[];
}

async function record(args: string[]): Promise<Record<string, unknown>> {
  const { code, stdout } = await runCli([...args, '--json', '--no-timings']);
  assert.equal(code, 0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

test('--noise-scale changes no training number: the same history, losses and weights as without it', async () => {
  for (const args of [
    ['-b', '2', '-e', '5', '--loss', 'mse', '--seed', '3'],
    ['-b', '4', '-e', '4', '--loss', 'huber', '--optimizer', 'adam', '--lr', '0.1', '--validation-split', '0.34', '--loss-report', 'end'],
  ]) {
    const plain = await record(args);
    const measured = await record([...args, '--noise-scale']);
    assert.equal(plain.noiseScale, null, 'no noise scale without the flag');
    assert.notEqual(measured.noiseScale, null);
    for (const key of ['history', 'finalLoss', 'endLoss', 'weights', 'updates']) assert.deepEqual(measured[key], plain[key], key);
  }
});

test('--json holds the noise scale at the initial weights (epoch 0) and after every epoch, as the core computes it', async () => {
  const doc = await record(['-b', '3', '-e', '4', '--loss', 'mse', '--weights', w05, '--no-shuffle', '--noise-scale']);
  const noise = doc.noiseScale as NoiseJson;
  assert.deepEqual(noise.epoch, [0, 1, 2, 3, 4]);
  for (const key of ['bSimple', 'traceSigma', 'gradNormSquared'] as const) assert.equal(noise[key].length, 5, key);
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(noise.bSimple[k] - noise.traceSigma[k] / noise.gradNormSquared[k]) <= 1e-12 * noise.bSimple[k]);
  // Epoch 0 is the initial weights W = 0.5, b = 0 over the six samples.
  const data = sampleDataset();
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const expected = noiseScale(model, 'mse', data.x, data.y, data.samples);
  assert.equal(noise.bSimple[0], expected.bSimple);
  assert.equal(noise.traceSigma[0], expected.traceSigma);
  assert.equal(noise.gradNormSquared[0], expected.gradNormSquared);
  // The last entry is the final weights.
  const final = doc.weights as { final: [number[][], number[]] };
  model.setWeights(final.final);
  assert.equal(noise.bSimple[4], noiseScale(model, 'mse', data.x, data.y, data.samples).bSimple);
  assert.notEqual(noise.bSimple[4], noise.bSimple[0], 'the weights moved, so did the noise scale');
});

test('with a validation split the noise scale is over the training samples only', async () => {
  const doc = await record(['-b', '2', '-e', '1', '--loss', 'mse', '--weights', w05, '--validation-split', '0.5', '--noise-scale']);
  const data = sampleDataset();
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  assert.equal((doc.noiseScale as NoiseJson).bSimple[0], noiseScale(model, 'mse', data.x, data.y, 3).bSimple);
});

test('the terminal shows the initial noise scale before epoch 1 and one line after each epoch line, in English and Korean', async () => {
  const { code, stdout } = await runCli(['-b', '3', '-e', '3', '--loss', 'mse', '--weights', w05, '--no-shuffle', '--noise-scale']);
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1 + 3 * 3);
  assert.match(lines[0], /^noise scale at the initial weights: B_simple [\d.]+ \(tr Σ [\d.]+, \|G\|² [\d.]+\)$/);
  for (let e = 0; e < 3; e++) {
    assert.equal(lines[1 + 3 * e], `Epoch ${e + 1}/3`);
    assert.match(lines[2 + 3 * e], / - loss: \d\.\d{4}$/);
    assert.match(lines[3 + 3 * e], /^noise scale: B_simple [\d.]+ \(tr Σ [\d.]+, \|G\|² [\d.]+\)$/);
  }
  const doc = await record(['-b', '3', '-e', '3', '--loss', 'mse', '--weights', w05, '--no-shuffle', '--noise-scale']);
  const noise = doc.noiseScale as NoiseJson;
  assert.equal(lines[9], `noise scale: B_simple ${Number(noise.bSimple[3].toPrecision(3))} (tr Σ ${Number(noise.traceSigma[3].toPrecision(3))}, |G|² ${Number(noise.gradNormSquared[3].toPrecision(3))})`);
  const ko = await runCli(['-b', '3', '-e', '1', '--loss', 'mse', '--weights', w05, '--noise-scale', '--lang', 'ko']);
  assert.match(ko.stdout.split('\n')[0], /^초기 가중치의 기울기 잡음 척도: B_simple /);
  assert.match(ko.stdout.trimEnd().split('\n').at(-1)!, /^기울기 잡음 척도: B_simple /);
});

test('--verbose 0 prints no noise-scale line; --json with --verbose 0 still holds the figures', async () => {
  const { stdout } = await runCli(['-b', '3', '-e', '2', '--verbose', '0', '--noise-scale']);
  assert.equal(stdout, '');
  const doc = await record(['-b', '3', '-e', '2', '--verbose', '0', '--noise-scale']);
  assert.deepEqual((doc.noiseScale as NoiseJson).epoch, [0, 1, 2]);
});

test('a softmax classifier with sparse crossentropy: the noise scale is measured and training is unchanged', async () => {
  const classes = new URL('../../examples/classes.csv', import.meta.url).pathname;
  const args = ['--data', classes, '--layers', '8:relu,3:softmax', '--loss', 'sparse_categorical_crossentropy', '--metrics', 'accuracy', '-b', '8', '-e', '3', '--lr', '0.01'];
  const plain = await record(args);
  const measured = await record([...args, '--noise-scale']);
  for (const key of ['history', 'finalLoss', 'endLoss', 'weights']) assert.deepEqual(measured[key], plain[key], key);
  const noise = measured.noiseScale as NoiseJson;
  assert.deepEqual(noise.epoch, [0, 1, 2, 3]);
  for (const value of [...noise.bSimple, ...noise.traceSigma, ...noise.gradNormSquared]) assert.ok(Number.isFinite(value) && value > 0, String(value));
  const { stdout } = await runCli([...args, '--noise-scale']);
  assert.match(stdout.trimEnd().split('\n').at(-1)!, /^noise scale: B_simple [\d.]+ \(tr Σ [\d.]+, \|G\|² [\d.e-]+\)$/);
});
