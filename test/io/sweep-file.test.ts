import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/io/errors.js';
import { parseRecordLine, readSweepFile, recordLine, SweepWriter } from '../../src/io/sweep-file.js';
import { toJson, type SweepRecord } from '../../src/training/record.js';
import { runId } from '../../src/app/grid.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-sweep-file-'));

function record(seed: number, loss: number[] = [1.5, 1.25]): SweepRecord {
  const config = {
    batchSize: 3,
    epochs: loss.length,
    learningRate: 0.001,
    optimizer: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    loss: 'mae',
    layers: [{ units: 1, activation: 'linear' }],
    data: 'sample',
    target: null,
    seed,
    shuffle: true,
    validationSplit: 0,
    weights: null,
  };
  return {
    schemaVersion: 2,
    // The id is the hash of the configuration and the version, as a sweep writes it.
    id: runId(config, '0.1.0'),
    experiment: 'test',
    point: { seed },
    tool: { name: 'batchsim', version: '0.1.0' },
    config: config as SweepRecord['config'],
    samples: { total: 6, train: 6, validation: 0, features: 1, outputs: 1 },
    stepsPerEpoch: 2,
    updates: 2 * loss.length,
    history: { loss },
    finalLoss: loss[loss.length - 1],
    endLoss: loss[loss.length - 1],
    weights: { initial: [[[0.5]], [0]], final: [[[0.5]], [0.01]] },
    noiseScale: null,
    timings: null,
    stopped: null,
    interrupted: false,
    diverged: null,
  };
}

test('a record survives a round trip through one line, NaN as null and back', () => {
  const line = recordLine(record(1, [2, NaN]));
  assert.ok(line.endsWith('}\n'));
  assert.equal(line.split('\n').length, 2);
  assert.match(line, /"loss":\[2,null\]/);
  const back = parseRecordLine(line);
  assert.ok(back !== null && back !== 'forged');
  assert.ok(Number.isNaN(back.history.loss[1]));
  assert.ok(Number.isNaN(back.endLoss));
  assert.deepEqual(back.point, { seed: 1 });
});

test('NaN and ±inf are written as null on one line and in a pretty document', () => {
  const value = { loss: [NaN, Infinity, -Infinity, -0, 0.1] };
  assert.equal(toJson(value, 0), '{"loss":[null,null,null,0,0.1]}\n');
  assert.equal(toJson(value), '{\n  "loss": [\n    null,\n    null,\n    null,\n    0,\n    0.1\n  ]\n}\n');
});

test('a missing file reads as empty when allowed, and as bad input otherwise', () => {
  const path = join(dir, 'missing.jsonl');
  assert.deepEqual(readSweepFile(path, { missingOk: true }).records, []);
  assert.throws(() => readSweepFile(path), InputError);
});

test('a half-written last line is dropped, and appending cuts it off before writing whole lines', () => {
  const path = join(dir, 'torn.jsonl');
  const whole = recordLine(record(1)) + recordLine(record(2));
  writeFileSync(path, whole + recordLine(record(3)).slice(0, 40));
  const file = readSweepFile(path);
  assert.equal(file.torn, true);
  assert.deepEqual(file.records.map((r) => r.point.seed), [1, 2]);
  assert.equal(file.validBytes, Buffer.byteLength(whole));

  const writer = new SweepWriter(path, file);
  writer.append(record(3));
  writer.close();
  assert.equal(readFileSync(path, 'utf8'), whole + recordLine(record(3)));
  const again = readSweepFile(path);
  assert.equal(again.torn, false);
  assert.deepEqual(again.records.map((r) => r.point.seed), [1, 2, 3]);
});

test('a last line without its newline is kept, and a newline is added before the next record', () => {
  const path = join(dir, 'unterminated.jsonl');
  writeFileSync(path, recordLine(record(1)).trimEnd());
  const file = readSweepFile(path);
  assert.equal(file.torn, false);
  assert.equal(file.records.length, 1);
  const writer = new SweepWriter(path, file);
  writer.append(record(2));
  writer.close();
  assert.deepEqual(readSweepFile(path).records.map((r) => r.point.seed), [1, 2]);
});

test('a bad line before the last one is an error naming the line, not silently skipped', () => {
  const path = join(dir, 'foreign.jsonl');
  writeFileSync(path, recordLine(record(1)) + '{"hello": "world"}\n' + recordLine(record(2)));
  assert.throws(() => readSweepFile(path), (error: Error) => error instanceof InputError && /line 2 is not a batchsim run record/.test(error.message));
});

test('blank lines are skipped', () => {
  const path = join(dir, 'blank.jsonl');
  writeFileSync(path, `\n${recordLine(record(1))}\n\n${recordLine(record(2))}`);
  assert.equal(readSweepFile(path).records.length, 2);
});

test('a results file of an older schema version is refused whole, its last line not taken for a torn one', () => {
  const path = join(dir, 'version-1.jsonl');
  const old = `${JSON.stringify({ ...record(1), schemaVersion: 1 })}\n`;
  writeFileSync(path, old);
  assert.throws(
    () => readSweepFile(path),
    (error: Error) => error instanceof InputError && /line 1 is a run record of schema version 1, which this batchsim does not read \(it writes version 2\)/.test(error.message),
  );
  assert.equal(readFileSync(path, 'utf8'), old, 'the file is left as it was');
});
