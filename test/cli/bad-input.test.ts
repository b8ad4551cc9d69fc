import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-bad-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** [argv, a pattern the one-line message must match] */
const cases: Array<[string[], RegExp]> = [
  [['--batch-size', '0'], /batch size must be ≥ 1; got 0/],
  [['--batch-size', '-3'], /batch size must be ≥ 1; got -3/],
  [['--batch-size', '2.5'], /batch size must be a whole number/],
  [['--batch-size', 'abc'], /batch size must be a whole number/],
  [['--batch-size', '4294967296'], /at most 2147483647/],
  [['--epochs', '0'], /epochs must be ≥ 1/],
  [['--epochs', '-1'], /epochs must be ≥ 1/],
  [['--lr', '0'], /learning rate must be > 0/],
  [['--lr', 'NaN'], /learning rate must be a number > 0/],
  [['--loss', 'msa'], /unknown loss "msa"\. Did you mean "(mse|mae)"\?/],
  [['--optimizer', 'adma'], /unknown optimizer "adma"\. Did you mean "adam"\?/],
  [['--layers', '8:relux,1'], /unknown activation "relux"\. Did you mean "relu"\?/],
  [['--layers', ','], /layer 1 is empty/],
  [['--layers', '0'], /units must be a whole number from 1/],
  [['--layers', '-1'], /units must be a whole number from 1/],
  [['--layers', '2'], /ends with 2 unit\(s\) but the data has 1 target column/],
  [['--validation-split', '1'], /validation split must be in \(0, 1\)/],
  [['--validation-split', '0'], /validation split must be in \(0, 1\)/],
  [['--validation-split', '0.9'], /leaves an empty training or validation part/],
  [['--data', join(dir, 'missing.csv')], /cannot read data file .*missing\.csv: no such file/],
  [['--data', dir], /is a directory, not a data file/],
  [['--momentum', '0.9'], /--momentum applies to --optimizer sgd or rmsprop, not adam/],
  [['--optimizer', 'sgd', '--nesterov'], /--nesterov needs momentum/],
  [['--target', 'y'], /--target names columns of a --data CSV file/],
  [['--bach-size', '3'], /unknown option '--bach-size' \(did you mean --batch-size\?\)/],
  [['--verbose', '3'], /unknown verbosity "3"/],
  [['--seed', '-1'], /seed must be a whole number/],
  [['--weights', join(dir, 'nope.json')], /cannot read weights file/],
];

for (const [argv, pattern] of cases) {
  test(`"train ${argv.join(' ')}" fails with one line naming the problem and exit code 2`, async () => {
    const { code, stdout, stderr } = await runCli(argv);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, pattern);
    assert.equal(stderr.trimEnd().split('\n').length, 1, `one line: ${JSON.stringify(stderr)}`);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
}

test('data file problems name the file, the line and the column', async () => {
  const checks: Array<[string, string, RegExp]> = [
    ['empty.csv', '', /empty\.csv is empty/],
    ['header.csv', 'x,y\n', /header is the only line/],
    ['text.csv', 'x,y\n1,2\n3,abc\n', /text\.csv: line 3, column 3 \(y\): "abc" is not a number/],
    ['blank.csv', 'x,y\n1,\n', /line 2, column 3 \(y\): empty cell/],
    ['nan.csv', 'x,y\n1,NaN\n', /line 2, column 3 \(y\): "NaN" is not a finite number/],
    ['ragged.csv', 'x,y\n1,2\n1,2,3\n', /line 3: 3 cells but the header has 2 columns/],
    ['short.csv', 'x,y,z\n1,2\n', /line 2: 2 cells but the header has 3 columns/],
    ['dup.csv', 'x,x\n1,2\n', /column name "x" appears twice/],
    ['noheader.csv', '1,2\n3,4\n', /looks like data \("1"\), not a header/],
    ['lengths.json', '{"x": [1, 2, 3], "y": [1, 2]}', /"x" has 3 samples but "y" has 2/],
    ['broken.json', '{"x": [1, 2', /is not valid JSON/],
  ];
  for (const [name, text, pattern] of checks) {
    const { code, stderr } = await runCli(['--data', file(name, text)]);
    assert.equal(code, 2, name);
    assert.match(stderr, pattern, name);
    assert.equal(stderr.trimEnd().split('\n').length, 1, name);
  }
});

test('a target column that is not in the header is named with the columns that are', async () => {
  const { code, stderr } = await runCli(['--data', file('cols.csv', 'a,b\n1,2\n'), '--target', 'c']);
  assert.equal(code, 2);
  assert.match(stderr, /--target names column "c", which is not in the header \(columns: a, b\)/);
});

test('weights files with the wrong count, shape or values name the layer and both shapes', async () => {
  const checks: Array<[string, string[], RegExp]> = [
    ['[[[0.5]]]', [], /1 arrays but the model has 1 layer\(s\) and needs 2/],
    ['[[[0.5, 1]], [0]]', [], /layer 1 kernel \(W0\) has shape \[1, 2\] but the model needs \[1, 1\]/],
    ['[[[0.5]], [0, 0]]', [], /layer 1 bias \(b0\) has shape \[2\] but the model needs \[1\]/],
    ['[[[0.5]], [0], [[1]], [0]]', [], /4 arrays but the model has 1 layer/],
    ['[[[1, 2]], [0, 0], [[1], [2]], [0]]', ['--layers', '3:relu,1'], /layer 1 kernel \(W0\) has shape \[1, 2\] but the model needs \[1, 3\]/],
    ['[[["a"]], [0]]', [], /W0\[0\]\[0\] is "a", not a finite float32 number/],
    ['[[[1e39]], [0]]', [], /W0\[0\]\[0\] is 1e\+39, not a finite float32 number/],
    ['{"w": 1}', [], /weights must be a JSON array/],
    ['[[[0.5]], [0]', [], /is not valid JSON/],
  ];
  for (const [text, extra, pattern] of checks) {
    const { code, stderr } = await runCli(['--weights', file('w.json', text), ...extra]);
    assert.equal(code, 2, text);
    assert.match(stderr, pattern, text);
    assert.equal(stderr.trimEnd().split('\n').length, 1, text);
  }
});
