import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/fake-io.js';

async function json(args: string[]): Promise<Record<string, unknown>> {
  const { code, stdout, stderr } = await runCli(args);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as Record<string, unknown>;
}

type Config = { learningRate: number; lrScaling?: { rule: string; baseBatchSize: number; baseLearningRate: number; warmupEpochs: number } };

test('train --lr-scaling linear trains at lr·B/B0 and records the rule; the same run as --lr at that rate', async () => {
  const scaled = await json(['-b', '4', '-e', '3', '--optimizer', 'sgd', '--lr', '0.01', '--lr-scaling', 'linear', '--base-batch-size', '2', '--json', '--no-timings']);
  const config = scaled.config as Config;
  assert.equal(config.learningRate, 0.02);
  assert.deepEqual(config.lrScaling, { rule: 'linear', baseBatchSize: 2, baseLearningRate: 0.01, warmupEpochs: 0 });
  const plain = await json(['-b', '4', '-e', '3', '--optimizer', 'sgd', '--lr', '0.02', '--json', '--no-timings']);
  assert.deepEqual(scaled.history, plain.history);
  assert.equal('lrScaling' in (plain.config as object), false, 'an unscaled run records no rule (its run id is as before)');
});

test('the base batch size defaults to 32 and sqrt takes the square root', async () => {
  const doc = await json(['-b', '8', '-e', '1', '--lr', '0.002', '--lr-scaling', 'sqrt', '--json', '--no-timings']);
  assert.equal((doc.config as Config).learningRate, 0.001);
  assert.equal((doc.config as Config).lrScaling!.baseBatchSize, 32);
});

test('a warm-up changes the losses of its first epochs and is recorded', async () => {
  const args = ['-b', '2', '-e', '4', '--optimizer', 'sgd', '--lr', '0.01', '--lr-scaling', 'linear', '--base-batch-size', '1', '--loss', 'mse', '--no-shuffle', '--json', '--no-timings'];
  const warm = await json([...args, '--warmup-epochs', '2']);
  const cold = await json(args);
  assert.equal((warm.config as Config).lrScaling!.warmupEpochs, 2);
  const [w, c] = [(warm.history as { loss: number[] }).loss, (cold.history as { loss: number[] }).loss];
  assert.notEqual(w[0], c[0]);
});

test('--emit-keras writes the warm-up as a LearningRateSchedule from the base rate to the scaled one over its steps', async () => {
  const { code, stdout } = await runCli(['-b', '2', '-e', '4', '--optimizer', 'sgd', '--lr', '0.01', '--lr-scaling', 'linear', '--base-batch-size', '1', '--warmup-epochs', '2', '--no-shuffle', '--emit-keras']);
  assert.equal(code, 0);
  assert.match(stdout, /class WarmUp\(keras\.optimizers\.schedules\.LearningRateSchedule\)/);
  // 6 samples in batches of 2: 3 steps per epoch, 2 epochs of warm-up = 6 steps.
  assert.match(stdout, /keras\.optimizers\.SGD\(learning_rate=WarmUp\(0\.01, 0\.02, 6\), /);
});

test('compare scales every batch size\'s rate and shows it in the table and in the JSON', async () => {
  const args = ['compare', '--batch-sizes', '1,2,6', '-e', '10', '--optimizer', 'sgd', '--lr', '0.01', '--lr-scaling', 'linear', '--base-batch-size', '2', '--no-timings'];
  const doc = await json([...args, '--format', 'json']);
  const runs = doc.runs as Array<{ config: Config & { batchSize: number } }>;
  assert.deepEqual(runs.map((r) => [r.config.batchSize, r.config.learningRate, r.config.lrScaling!.baseLearningRate]), [
    [1, 0.005, 0.01],
    [2, 0.01, 0.01],
    [6, 0.03, 0.01],
  ]);
  assert.deepEqual((doc.summary as Array<{ learningRate: number }>).map((s) => s.learningRate), [0.005, 0.01, 0.03]);
  assert.deepEqual((doc.config as { lrScaling: unknown }).lrScaling, { rule: 'linear', baseBatchSize: 2, baseLearningRate: 0.01, warmupEpochs: 0 });
  const { stdout } = await runCli([...args, '-q']);
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => /^batch\s+lr /.test(line));
  const rows = lines.slice(header + 1, header + 4);
  assert.deepEqual(rows.map((line) => line.trim().split(/\s+/).slice(0, 2)), [['1', '0.005'], ['2', '0.01'], ['6', '0.03']]);
  const markdown = await runCli([...args, '--format', 'markdown']);
  assert.match(markdown.stdout, /sgd lr 0\.01 at batch size 2, scaled linearly/);
});

test('scaling flags that mean nothing without a rule, or a rule that does not exist, are bad input before training', async () => {
  for (const [args, pattern] of [
    [['--warmup-epochs', '2'], /--warmup-epochs .*add --lr-scaling linear or sqrt/],
    [['--base-batch-size', '8'], /--base-batch-size .*add --lr-scaling linear or sqrt/],
    [['--lr-scaling', 'cubic'], /cubic/],
    [['--lr-scaling', 'linear', '--warmup-epochs', '-1'], /warm-up epochs/],
  ] as const) {
    const { code, stdout, stderr } = await runCli(['-e', '2', ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '', 'nothing trained');
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.match(stderr, pattern);
  }
  const ko = await runCli(['-e', '2', '--warmup-epochs', '2', '--lang', 'ko']);
  assert.equal(ko.code, 2);
  assert.match(ko.stderr, /--lr-scaling linear 또는 sqrt/);
});
