import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { shardFromEnv } from '../../src/app/shard.js';
import { parseShard } from '../../src/cli/shard.js';
import { InputError } from '../../src/io/errors.js';

test('--shard i/n is 1-based and accepts spaces around the slash', () => {
  assert.deepEqual(parseShard('1/3'), { index: 1, total: 3 });
  assert.deepEqual(parseShard(' 3 / 3 '), { index: 3, total: 3 });
  assert.equal(parseShard('auto'), 'auto');
  assert.equal(parseShard('AUTO'), 'auto');
});

test('--shard rejects 0-based indexes, indexes past the total and other text', () => {
  for (const bad of ['0/3', '4/3', '1/0', '2', 'a/b', '1/3/5', '-1/3']) {
    assert.throws(() => parseShard(bad), InvalidArgumentError, bad);
  }
  assert.throws(() => parseShard('0/3'), /counts from 1 to 3/);
});

test('GitLab parallel jobs: CI_NODE_INDEX is already 1-based', () => {
  assert.deepEqual(shardFromEnv({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }), { shard: { index: 2, total: 3 }, source: 'CI_NODE_INDEX/CI_NODE_TOTAL' });
});

test('CircleCI parallelism: CIRCLE_NODE_INDEX counts from 0, so node 0 is shard 1', () => {
  assert.deepEqual(shardFromEnv({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' })?.shard, { index: 1, total: 4 });
  assert.deepEqual(shardFromEnv({ CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '4' })?.shard, { index: 4, total: 4 });
});

test('BATCHSIM_SHARD=i/n works on any CI and wins over the CI variables', () => {
  assert.deepEqual(shardFromEnv({ BATCHSIM_SHARD: '2/5', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }), { shard: { index: 2, total: 5 }, source: 'BATCHSIM_SHARD' });
});

test('no shard variables means no shard: the whole grid runs', () => {
  assert.equal(shardFromEnv({}), null);
  assert.equal(shardFromEnv({ BATCHSIM_SHARD: '', CI_NODE_INDEX: '' }), null);
});

test('broken shard variables are bad input naming the variable', () => {
  assert.throws(() => shardFromEnv({ CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' }), (e: Error) => e instanceof InputError && /CI_NODE_INDEX\/CI_NODE_TOTAL gives shard 4 of 3/.test(e.message));
  assert.throws(() => shardFromEnv({ CI_NODE_INDEX: '1' }), /CI_NODE_INDEX is set but CI_NODE_TOTAL is not; set both, or neither/);
  assert.throws(() => shardFromEnv({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: 'x' }), /CI_NODE_TOTAL="x" is not a whole number/);
  assert.throws(() => shardFromEnv({ CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' }), /gives shard 5 of 4/);
  assert.throws(() => shardFromEnv({ BATCHSIM_SHARD: '0/2' }), /BATCHSIM_SHARD: shard 0 of 2/);
});

test('Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX counts from 0, the total comes from --shard auto/N or BATCHSIM_SHARD_TOTAL', () => {
  assert.deepEqual(shardFromEnv({ JOB_COMPLETION_INDEX: '0' }, 4), { shard: { index: 1, total: 4 }, source: 'JOB_COMPLETION_INDEX' });
  assert.deepEqual(shardFromEnv({ JOB_COMPLETION_INDEX: '3', BATCHSIM_SHARD_TOTAL: '4' }), {
    shard: { index: 4, total: 4 },
    source: 'JOB_COMPLETION_INDEX/BATCHSIM_SHARD_TOTAL',
  });
  // The flag's total wins over the variable.
  assert.deepEqual(shardFromEnv({ JOB_COMPLETION_INDEX: '4', BATCHSIM_SHARD_TOTAL: '4' }, 5)?.shard, { index: 5, total: 5 });
});

test('Kubernetes without a total is bad input naming both ways to give it', () => {
  assert.throws(
    () => shardFromEnv({ JOB_COMPLETION_INDEX: '2' }),
    (e: Error) => e instanceof InputError && /JOB_COMPLETION_INDEX=2/.test(e.message) && /--shard auto\/N/.test(e.message) && /BATCHSIM_SHARD_TOTAL/.test(e.message),
  );
  assert.throws(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4' }, 4), /JOB_COMPLETION_INDEX gives shard 5 of 4/);
  assert.throws(() => shardFromEnv({ JOB_COMPLETION_INDEX: '-1' }, 4), /JOB_COMPLETION_INDEX="-1" is not a whole number/);
  assert.throws(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1', BATCHSIM_SHARD_TOTAL: 'four' }), /BATCHSIM_SHARD_TOTAL="four" is not a whole number/);
});

test('the CI variables win over Kubernetes, and --shard auto/N must agree with a total the CI gives', () => {
  assert.deepEqual(shardFromEnv({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3', JOB_COMPLETION_INDEX: '0' })?.source, 'CI_NODE_INDEX/CI_NODE_TOTAL');
  assert.deepEqual(shardFromEnv({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, 3)?.shard, { index: 2, total: 3 });
  assert.throws(() => shardFromEnv({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, 4), (e: Error) => e instanceof InputError && /gives 3 shards, not 4/.test(e.message));
});

test('--shard auto/N parses the total and rejects a bad one', () => {
  assert.deepEqual(parseShard('auto/4'), { autoTotal: 4 });
  assert.deepEqual(parseShard(' AUTO / 12 '), { autoTotal: 12 });
  assert.throws(() => parseShard('auto/0'), InvalidArgumentError);
  assert.throws(() => parseShard('auto/x'), InvalidArgumentError);
});
