import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { expectGolden } from '../helpers/golden.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-train-'));
const w05 = join(dir, 'w05.json');
writeFileSync(w05, '[[[0.5]], [0]]');

test('batch 3 on the sample prints two steps per epoch and the reference losses 1.7470 and 1.7385', async () => {
  const { code, stdout, stderr } = await runCli(['--batch-size', '3', '--epochs', '10', '--weights', w05, '--no-shuffle']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 20);
  assert.equal(lines[0], 'Epoch 1/10');
  assert.match(lines[1], /^2\/2 \[==============================\] - 0s \d+ms\/step - loss: 1\.7470$/);
  assert.equal(lines[2], 'Epoch 2/10');
  assert.match(lines[3], / - loss: 1\.7385$/);
  assert.match(lines[19], / - loss: 1\.6707$/);
});

test('the whole batch-3 log matches its golden file under a fake clock', async () => {
  const { stdout } = await runCli(['-b', '3', '-e', '10', '--weights', w05, '--no-shuffle'], { tick: 0.0005 });
  expectGolden('train-batch3.txt', stdout);
});

test('the default batch size is 32, so the six samples make one step per epoch', async () => {
  const { code, stdout } = await runCli(['--epochs', '3', '--no-timings']);
  assert.equal(code, 0);
  const bars = stdout.split('\n').filter((l) => l.includes('['));
  assert.equal(bars.length, 3);
  for (const line of bars) assert.match(line, /^1\/1 \[={30}\] - 0s 0s\/step - loss: \d\.\d{4}$/);
});

test('one epoch prints no Epoch header, as Keras', async () => {
  const { stdout } = await runCli(['-b', '4', '--no-timings']);
  assert.doesNotMatch(stdout, /Epoch/);
  assert.match(stdout, /^2\/2 \[/);
});

test('verbose 2 prints one summary line per epoch and its golden file matches', async () => {
  const { code, stdout } = await runCli(['-b', '3', '-e', '3', '-v', '2', '--weights', w05, '--no-shuffle'], { tick: 0.002 });
  assert.equal(code, 0);
  assert.match(stdout, /^Epoch 1\/3\n2\/2 - 0s - loss: 1\.7470 - \d+ms\/epoch - \d+ms\/step\n/);
  expectGolden('train-verbose2.txt', stdout);
});

test('verbose 0 prints nothing at all', async () => {
  const { code, stdout, stderr } = await runCli(['-b', '3', '-e', '3', '-v', '0']);
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.equal(stderr, '');
});

test('--validation-split reports val_loss on the final line of each epoch', async () => {
  const { code, stdout } = await runCli(['-b', '2', '-e', '2', '--validation-split', '0.5', '--no-timings']);
  assert.equal(code, 0);
  const finals = stdout.split('\n').filter((l) => l.includes(']'));
  assert.equal(finals.length, 2);
  for (const line of finals) assert.match(line, /^2\/2 \[=+\] - 0s 0s\/step - loss: \d\.\d{4} - val_loss: \d\.\d{4}$/);
});

test('--json prints exactly one JSON document on stdout and nothing on stderr', async () => {
  const { code, stdout, stderr } = await runCli(['-b', '3', '-e', '10', '--weights', w05, '--no-shuffle', '--json']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const doc = JSON.parse(stdout);
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.tool.name, 'batchsim');
  assert.equal(doc.config.seed, 42);
  assert.equal(doc.config.batchSize, 3);
  assert.equal(doc.config.learningRate, 0.001);
  assert.equal(doc.stepsPerEpoch, 2);
  assert.equal(doc.updates, 20);
  assert.equal(doc.samples.train, 6);
  assert.equal(doc.history.loss.length, 10);
  assert.ok(Math.abs(doc.history.loss[0] - 1.747) < 1e-6);
  assert.ok(Math.abs(doc.history.loss[9] - 1.67069) < 5e-5);
  assert.deepEqual(doc.weights.initial, [[[0.5]], [0]]);
  assert.ok(Math.abs(doc.weights.final[0][0][0] - 0.518575) < 5e-5 * 0.518575);
  assert.ok(Math.abs(doc.weights.final[1][0] - 0.02) < 5e-5 * 0.02);
  assert.equal(doc.timings.epochSeconds.length, 10);
  assert.equal(doc.stopped, null);
  assert.equal(doc.interrupted, false);
  assert.equal(doc.history.val_loss, undefined);
});

test('--json with --verbose sends the log to stderr and keeps stdout pure JSON', async () => {
  const { stdout, stderr } = await runCli(['-b', '3', '-e', '2', '--json', '--verbose', '1', '--no-timings']);
  assert.doesNotThrow(() => JSON.parse(stdout));
  assert.match(stderr, /^Epoch 1\/2\n2\/2 \[/);
});

test('--json includes val_loss with a validation split', async () => {
  const { stdout } = await runCli(['-b', '2', '-e', '3', '--validation-split', '0.34', '--json']);
  const doc = JSON.parse(stdout);
  assert.equal(doc.samples.train, 3);
  assert.equal(doc.samples.validation, 3);
  assert.equal(doc.history.val_loss.length, 3);
});

test('the same seed gives identical runs and another seed different initial weights and losses', async () => {
  const a = JSON.parse((await runCli(['-b', '2', '-e', '3', '--json', '--seed', '7'])).stdout);
  const b = JSON.parse((await runCli(['-b', '2', '-e', '3', '--json', '--seed', '7'])).stdout);
  const c = JSON.parse((await runCli(['-b', '2', '-e', '3', '--json', '--seed', '8'])).stdout);
  assert.deepEqual(a.history, b.history);
  assert.deepEqual(a.weights, b.weights);
  assert.notDeepEqual(a.weights.initial, c.weights.initial);
  assert.notDeepEqual(a.history.loss, c.history.loss);
});

test('with the same initial weights, a different seed still shuffles differently', async () => {
  const args = ['-b', '2', '-e', '3', '--json', '--weights', w05];
  const a = JSON.parse((await runCli([...args, '--seed', '1'])).stdout);
  const b = JSON.parse((await runCli([...args, '--seed', '2'])).stdout);
  assert.deepEqual(a.weights.initial, b.weights.initial);
  assert.notDeepEqual(a.history.loss, b.history.loss);
});

test('--save-weights writes the final weights, which --weights reads back', async () => {
  const out = join(dir, 'final.json');
  const first = JSON.parse((await runCli(['-b', '3', '-e', '2', '--json', '--save-weights', out])).stdout);
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), first.weights.final);
  const second = JSON.parse((await runCli(['-b', '3', '-e', '1', '--json', '--weights', out])).stdout);
  assert.deepEqual(second.weights.initial, first.weights.final);
});

test('a deeper model trains on a CSV with named targets', async () => {
  const csv = join(dir, 'points.csv');
  writeFileSync(csv, 'a,b,y\n1,2,3\n2,1,3\n0,1,1\n3,3,6\n1,1,2\n');
  const { code, stdout } = await runCli(['--data', csv, '--target', 'y', '--layers', '4:tanh,1', '-b', '2', '-e', '2', '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout);
  assert.equal(doc.samples.features, 2);
  assert.equal(doc.stepsPerEpoch, 3);
  assert.equal(doc.weights.initial.length, 4);
  assert.equal(doc.weights.initial[0].length, 2);
  assert.equal(doc.weights.initial[0][0].length, 4);
});

test('every optimizer and loss runs from the command line', async () => {
  for (const optimizer of ['adam', 'sgd', 'rmsprop']) {
    for (const loss of ['mae', 'mse', 'huber']) {
      const { code, stdout } = await runCli(['-b', '3', '-e', '2', '--optimizer', optimizer, '--loss', loss, '--json']);
      assert.equal(code, 0, `${optimizer}/${loss}`);
      const doc = JSON.parse(stdout);
      assert.equal(doc.config.optimizer.name, optimizer);
      assert.equal(doc.config.loss, loss);
    }
  }
});

test('sgd with momentum and nesterov is accepted and recorded', async () => {
  const doc = JSON.parse((await runCli(['--optimizer', 'sgd', '--momentum', '0.9', '--nesterov', '--lr', '0.05', '--json'])).stdout);
  assert.deepEqual(doc.config.optimizer, { name: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true });
});

test('a diverging run stops like TerminateOnNaN, prints the epoch line and exits 3', async () => {
  const { code, stdout } = await runCli(['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3', '--no-shuffle', '--no-timings']);
  assert.equal(code, 3);
  const lines = stdout.trimEnd().split('\n');
  assert.match(stdout, /^Batch \d: Invalid loss, terminating training$/m);
  assert.match(lines[lines.length - 1], /^6\/6 \[=+\] - 0s 0s\/step - loss: (inf|nan)$/);
});

test('--json after divergence keeps the history so far and marks why it stopped', async () => {
  const { code, stdout, stderr } = await runCli(['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3', '--no-shuffle', '--json']);
  assert.equal(code, 3);
  assert.match(stderr, /Invalid loss, terminating training/);
  const doc = JSON.parse(stdout);
  assert.equal(doc.stopped, 'nan');
  assert.equal(doc.history.loss.length, 1);
  assert.equal(doc.history.loss[0], null);
});

test('an interrupt during training stops after the current step and exits 130 with a marked result', async () => {
  // The loop gives the event loop a turn every couple of million multiply-adds; the fake IO
  // delivers Ctrl-C at the first such turn.
  const { code, stdout } = await runCli(['-b', '1', '-e', '100000000', '--json', '--no-timings'], {
    onPause: (io) => io.interrupt('SIGINT'),
  });
  assert.equal(code, 130);
  const doc = JSON.parse(stdout);
  assert.equal(doc.interrupted, true);
  assert.equal(doc.stopped, 'interrupt');
  assert.ok(doc.history.loss.length < 100000000);
});

test('on a terminal the line is redrawn in place; in a pipe no carriage return is written', async () => {
  const tty = await runCli(['-b', '1', '-e', '2', '--no-color'], { tty: true, tick: 0.06 });
  assert.match(tty.stdout, /\r|\x1b\[\d*G/);
  const pipe = await runCli(['-b', '1', '-e', '2'], { tick: 0.06 });
  assert.doesNotMatch(pipe.stdout, /[\r\b\x1b]/);
});

test('the Keras 2 line has no colour even on a terminal, as Keras 2 has none', async () => {
  const run = await runCli(['-b', '3', '-e', '2', '--no-timings'], { tty: true, env: { TERM: 'xterm' } });
  assert.match(run.stdout, /2\/2 \[=+\]/);
  assert.doesNotMatch(run.stdout, /\x1b\[[0-9;]*m/);
});

test("Keras 3's colours appear only on a terminal, and never with --no-color or NO_COLOR; the text is the same", async () => {
  const strip = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '').replace(/[\r\b]+/g, '\n');
  const keras3 = ['-b', '3', '-e', '2', '--no-timings', '--style', 'keras3'];
  const coloured = await runCli(keras3, { tty: true, env: { TERM: 'xterm' } });
  assert.match(coloured.stdout, /\x1b\[32m/);
  const flag = await runCli([...keras3, '--no-color'], { tty: true, env: { TERM: 'xterm' } });
  assert.doesNotMatch(flag.stdout, /\x1b\[3\dm/);
  const env = await runCli(keras3, { tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } });
  assert.doesNotMatch(env.stdout, /\x1b\[3\dm/);
  const finalLines = (s: string): string[] => strip(s).split('\n').filter((l) => l.includes('loss:') && l.includes('/step'));
  assert.deepEqual(finalLines(coloured.stdout), finalLines(flag.stdout));
  assert.ok(finalLines(flag.stdout).length >= 2);
  const pipe = await runCli(keras3, { env: { TERM: 'xterm' } });
  assert.doesNotMatch(pipe.stdout, /\x1b/);
});

test('--help lists the options with examples and exits 0', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  for (const flag of ['--batch-size', '--epochs', '--lr', '--optimizer', '--momentum', '--nesterov', '--loss', '--layers', '--data', '--target', '--seed', '--no-shuffle', '--validation-split', '--weights', '--save-weights', '--verbose', '--json', '--no-color', '--version']) {
    assert.ok(stdout.includes(flag), flag);
  }
  assert.match(stdout, /Examples:/);
});

test('--version prints the package version', async () => {
  const { code, stdout } = await runCli(['--version']);
  assert.equal(code, 0);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(stdout.trim(), pkg.version);
});

test('a missing --save-weights folder fails before training and writes nothing', async () => {
  const target = join(dir, 'nope', 'w.json');
  const { code, stdout, stderr } = await runCli(['-e', '2', '--save-weights', target]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: --save-weights .*does not exist.*\n$/);
  assert.equal(existsSync(target), false);
});
