import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { expectGolden } from '../helpers/golden.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-learner-'));
const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

test('--explain prints the arithmetic before the first epoch', async () => {
  const { code, stdout } = await runCli(['-b', '4', '-e', '2', '--explain', '--no-timings']);
  assert.equal(code, 0);
  assert.ok(stdout.startsWith('What this run does\n'));
  assert.ok(stdout.indexOf('ceil(6 / 4) = 2 steps per epoch') < stdout.indexOf('Epoch 1/2'));
  assert.match(stdout, /batch sizes 4 \+ 2: the short batch comes last/);
});

test('--explain with --verbose 0 still explains, and with --json it explains on stderr', async () => {
  const quiet = await runCli(['-b', '32', '--explain', '-v', '0']);
  assert.match(quiet.stdout, /the batch size 32 is larger than the 6 samples/);
  assert.doesNotMatch(quiet.stdout, /\[=/);
  const json = await runCli(['-b', '4', '--explain', '--json']);
  assert.doesNotThrow(() => JSON.parse(json.stdout));
  assert.match(json.stderr, /^What this run does\n/);
});

test('--show-batches lists each epoch\'s batches after its line: indices, x, each loss before its update and the running mean', async () => {
  const { stdout } = await runCli(['-b', '4', '-e', '2', '--show-batches', '--no-shuffle', '--no-timings']);
  expectGolden('learner-show-batches-in-order.txt', stdout);
  // From W and b of seed 42 the loss is taken before each update; the logged loss is the mean
  // of the two batch losses weighted by their sizes: (0.6772 × 4 + 1.4834 × 2) / 6 = 0.9459.
  assert.match(
    stdout,
    /^Epoch 1\/2\n2\/2 \[=+\] - 0s 0s\/step - loss: 0\.9459\nbatches of epoch 1 \(in order\):\n  1: \[0 1 2 3\]  x \[1 2 3 4\]  loss 0\.6772, running mean 0\.6772\n  2: \[4 5\]      x \[5 6\]      loss 1\.4834, running mean 0\.9459\n  the logged loss is this running mean: loss: 0\.9459\n/,
  );
});

test('--show-batches in Korean, and without x values once the data is not small', async () => {
  const ko = await runCli(['-b', '4', '-e', '1', '--show-batches', '--no-shuffle', '--no-timings', '--lang', 'ko']);
  assert.match(ko.stdout, /\n에포크 1의 배치 \(순서대로\):\n  1: \[0 1 2 3\]  x \[1 2 3 4\]  loss 0\.6772, 누적 평균 0\.6772\n/);
  assert.match(ko.stdout, /\n  로그에 찍히는 loss가 바로 이 누적 평균입니다: loss: 0\.9459\n$/);
  const large = await runCli(['-b', '64', '-e', '1', '--show-batches', '--synthetic', 'linear', '--samples', '1000', '--no-timings']);
  assert.match(large.stdout, /\n  1: \[[\d ]+ … \+52\] +loss \d\.\d{4}, running mean \d\.\d{4}\n/);
  assert.match(large.stdout, /\n  … 8 more batches\n  the logged loss is this running mean/);
});

test('--show-batches shows a new permutation every epoch when shuffling', async () => {
  const { stdout } = await runCli(['-b', '4', '-e', '3', '--show-batches', '--seed', '3', '--no-timings']);
  expectGolden('learner-show-batches-shuffled.txt', stdout);
  const epochs = stdout.split(/batches of epoch \d \(shuffled\):\n/).slice(1).map((part) => part.split('\n').slice(0, 2).join('\n'));
  assert.equal(epochs.length, 3);
  assert.notEqual(epochs[0], epochs[1]);
  for (const listing of epochs) {
    // Two batches, [4 indices] [2 indices], together a permutation of the six samples.
    const indices = [...listing.matchAll(/^ {2}\d: \[([\d ]+)\]/gm)].flatMap((m) => m[1].split(' ').map(Number));
    assert.deepEqual([...indices].sort(), [0, 1, 2, 3, 4, 5]);
  }
});

test('--loss-report end adds end_loss to every final line and to the JSON history', async () => {
  const { stdout } = await runCli(['-b', '3', '-e', '2', '--loss-report', 'end', '--no-timings']);
  const finals = stdout.split('\n').filter((l) => l.includes('/step'));
  for (const line of finals) assert.match(line, / - loss: \d\.\d{4} - end_loss: \d\.\d{4}$/);
  const doc = JSON.parse((await runCli(['-b', '3', '-e', '2', '--loss-report', 'end', '--json'])).stdout);
  assert.equal(doc.history.end_loss.length, 2);
  assert.ok(Math.abs(doc.history.end_loss[1] - doc.endLoss) < 1e-6, 'the last end_loss is the end loss');
});

test('--style keras3 prints Keras 3\'s line', async () => {
  const { stdout } = await runCli(['-b', '3', '-e', '1', '--style', 'keras3', '--no-timings']);
  assert.match(stdout, /^2\/2 ━{20} 0s 0s\/step - loss: \d\.\d{4}\n$/);
});

test('--lang ko and LANG=ko_KR speak Korean around the Keras lines, which stay as Keras prints them', async () => {
  const flag = await runCli(['-b', '4', '-e', '1', '--explain', '--lang', 'ko', '--no-timings']);
  assert.match(flag.stdout, /^이 실행이 하는 일\n/);
  assert.match(flag.stdout, /\n2\/2 \[={30}\] - 0s 0s\/step - loss: \d\.\d{4}\n$/);
  const env = await runCli(['-b', '4', '-e', '1', '--explain', '--no-timings'], { env: { LANG: 'ko_KR.UTF-8' } });
  assert.equal(env.stdout, flag.stdout);
  const english = await runCli(['-b', '4', '-e', '1', '--explain', '--lang', 'en', '--no-timings'], { env: { LANG: 'ko_KR.UTF-8' } });
  assert.match(english.stdout, /^What this run does\n/);
});

test('--emit-keras prints a Python script with the exact initial weights and batchsim\'s losses, and trains nothing visibly', async () => {
  const { code, stdout, stderr } = await runCli(['-b', '3', '-e', '4', '--no-shuffle', '--emit-keras', '--layers', '3:relu,1', '--optimizer', 'sgd', '--momentum', '0.5']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.ok(stdout.startsWith('#!/usr/bin/env python3\n'));
  assert.match(stdout, /keras\.optimizers\.SGD\(learning_rate=0\.01, momentum=0\.5, nesterov=False\)/);
  assert.match(stdout, /^batchsim_loss = \[[^\]]+\]$/m);
  assert.equal(stdout.match(/^batchsim_loss = \[([^\]]+)\]$/m)![1].split(',').length, 4);
  const json = JSON.parse((await runCli(['-b', '3', '-e', '4', '--no-shuffle', '--json', '--layers', '3:relu,1', '--optimizer', 'sgd', '--momentum', '0.5'])).stdout);
  const w0 = json.weights.initial[0][0] as number[];
  assert.match(stdout, new RegExp(`np\\.array\\(\\[\\[${w0.map((v) => String(v).replace('.', '\\.').replace('-', '\\-')).join(', ')}\\]\\], dtype="float32"\\)`));
});

test('the emitted script is valid Python', { skip: python === null ? 'python3 is not installed: the script was not parsed' : false }, async () => {
  const { stdout } = await runCli(['-b', '2', '-e', '2', '--emit-keras', '--loss', 'huber', '--validation-split', '0.34']);
  const parsed = spawnSync(python!, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: stdout });
  assert.equal(parsed.status, 0, parsed.stderr.toString());
});

test('--csv-log writes Keras CSVLogger rows with 0-based epochs', async () => {
  const path = join(dir, 'log.csv');
  const { code, stdout } = await runCli(['-b', '2', '-e', '3', '--validation-split', '0.34', '--csv-log', path, '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout);
  const rows = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.equal(rows[0], 'epoch,loss,val_loss');
  assert.equal(rows.length, 4);
  rows.slice(1).forEach((row, epoch) => {
    const [e, loss, val] = row.split(',');
    assert.equal(Number(e), epoch);
    assert.equal(Number(loss), doc.history.loss[epoch]);
    assert.equal(Number(val), doc.history.val_loss[epoch]);
  });
});

test('learner flags fail like any other bad input', async () => {
  const both = await runCli(['--emit-keras', '--json']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--emit-keras prints a Python script instead of training; drop --json/);
  const folder = await runCli(['--csv-log', join(dir, 'missing', 'log.csv')]);
  assert.equal(folder.code, 2);
  assert.equal(existsSync(join(dir, 'missing')), false);
  const style = await runCli(['--style', 'keras4']);
  assert.equal(style.code, 2);
  assert.match(style.stderr, /unknown style "keras4"\. Did you mean "keras[23]"\?/);
  const lang = await runCli(['--lang', 'kr']);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /unknown language "kr"\. Did you mean "ko"\?/);
});
