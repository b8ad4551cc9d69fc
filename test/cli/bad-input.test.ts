import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { tempFolder } from '../helpers/temp.js';

const { dir, file } = tempFolder('bad');
/** Where each case asks for its weights to be saved; every case must leave this folder empty. */
const outDir = join(dir, 'out');
mkdirSync(outDir);

/** A named pipe: opening it for reading would wait for a writer, for ever. */
const fifo = join(dir, 'pipe.csv');
execFileSync('mkfifo', [fifo]);

const GiB = 2 ** 30;
/** `text`, then NUL bytes up to `size` without writing them (a sparse file: instant, no disk used). */
function bigFile(name: string, text: string, size: number): string {
  const path = file(name, text);
  truncateSync(path, size);
  return path;
}
/** 70 KiB of CSV text, past the 64 KiB that are checked before a file is read whole. */
const csvRows = 'x,y\n' + '1,2\n'.repeat(70 * 256);

/** Every bad input: [what, argv, a pattern the one-line message must match]. */
const cases: Array<[string, string[], RegExp]> = [
  // Flags.
  ['batch size 0', ['--batch-size', '0'], /batch size must be ≥ 1; got 0/],
  ['a negative batch size', ['--batch-size', '-3'], /batch size must be ≥ 1; got -3/],
  ['a fractional batch size', ['--batch-size', '2.5'], /batch size must be a whole number/],
  ['a non-numeric batch size', ['--batch-size', 'abc'], /batch size must be a whole number/],
  ['a hexadecimal batch size', ['-b', '0x10'], /batch size must be a whole number/],
  ['a batch size beyond 2^31', ['--batch-size', '4294967296'], /at most 2147483647/],
  ['0 epochs', ['--epochs', '0'], /epochs must be ≥ 1/],
  ['negative epochs', ['--epochs', '-1'], /epochs must be ≥ 1/],
  ['epochs in exponent notation', ['--epochs', '1e3'], /epochs must be a whole number/],
  ['a learning rate of 0', ['--lr', '0'], /learning rate must be > 0; got 0/],
  // Keras would keep 1e100 as an infinite float32 and make every weight NaN at the first update.
  ['a learning rate infinite in float32', ['--lr', '1e100'], /learning rate 1e100 is infinite in float32, where Keras keeps it \(from 1\.4e-45 to 3\.4e38 fit\); give a rate such as 0\.001\.$/m],
  ['a learning rate just past float32', ['--lr', '3.5e38'], /learning rate 3\.5e38 is infinite in float32/],
  ['a learning rate 0 in float32', ['--lr', '1e-50'], /learning rate 1e-50 is 0 in float32/],
  ['compare: one of --lrs infinite in float32', ['compare', '--lrs', '0.01,1e40'], /'--lrs <list>' argument '0\.01,1e40' is invalid\. learning rate 1e40 is infinite in float32/],
  ['a negative learning rate', ['--lr', '-0.01'], /learning rate must be > 0; got -0\.01/],
  ['a negative learning rate given with =', ['--lr=-1'], /learning rate must be > 0; got -1/],
  ['a NaN learning rate', ['--lr', 'NaN'], /learning rate must be a number > 0/],
  ['an infinite learning rate', ['--lr', 'Infinity'], /learning rate must be a number > 0/],
  ['a learning rate that overflows', ['--lr', '1e400'], /learning rate must be a number > 0/],
  ['a flag without its value', ['--lr'], /option '--lr <rate>' argument missing/],
  ['a validation split of 0', ['--validation-split', '0'], /validation split must be in \(0, 1\); got 0/],
  ['a validation split of 1', ['--validation-split', '1'], /validation split must be in \(0, 1\); got 1/],
  ['a negative validation split', ['--validation-split', '-0.1'], /validation split must be in \(0, 1\); got -0\.1/],
  ['a validation split above 1', ['--validation-split', '1.5'], /validation split must be in \(0, 1\); got 1\.5/],
  ['a non-numeric validation split', ['--validation-split', 'abc'], /validation split must be a number in \(0, 1\)/],
  ['a validation split too small to hold out a sample', ['--validation-split', '1e-17'], /of 6 samples leaves an empty training or validation part; choose a fraction between 0\.167 and 0\.833/],
  ['a validation split leaving no training sample', ['--validation-split', '0.9'], /leaves an empty training or validation part/],
  ['momentum of 1', ['--optimizer', 'sgd', '--momentum', '1'], /momentum must be in \[0, 1\); got 1/],
  ['an unknown loss', ['--loss', 'msa'], /unknown loss "msa"\. Did you mean "(mse|mae)"\?/],
  ['an unknown optimizer', ['--optimizer', 'adma'], /unknown optimizer "adma"\. Did you mean "adam"\?/],
  ['an unknown activation', ['--layers', '8:relux,1'], /layer 1 \("8:relux"\): unknown activation "relux"\. Did you mean "relu"\?/],
  ['an unknown activation far from any name', ['--layers', '8:swishy,1'], /unknown activation "swishy"\. Choose one of: linear, relu, tanh, sigmoid, softmax/],
  ['--layers ","', ['--layers', ','], /layer 1 is empty/],
  ['--layers with an empty layer', ['--layers', '8:relu,,1'], /layer 2 is empty/],
  ['--layers 0', ['--layers', '0'], /units must be a whole number from 1/],
  ['--layers -1', ['--layers', '-1'], /units must be a whole number from 1/],
  ['--layers without units', ['--layers', ':relu'], /units must be a whole number from 1/],
  ['--layers with two colons', ['--layers', '8:relu:tanh'], /more than one ":"/],
  ['--layers ending in the wrong number of outputs', ['--layers', '2'], /ends with 2 unit\(s\) but the data has 1 target column/],
  ['a model too big to train', ['--layers', '20000,20000,1'], /--layers 20000,20000,1 on 1 feature\(s\) has 400080001 weights, about 6 GiB while training; batchsim trains small models \(up to 1 GiB\): use fewer or smaller layers/],
  ['a batch too big for memory', ['--data', file('rows.csv', csvRows), '--layers', '8000,1', '-b', '100000'], /a batch of 17920 samples through --layers 8000,1 needs about 1\.1 GiB; batchsim stays within 1 GiB: use --batch-size \d+ or less/],
  ['an unknown verbosity', ['--verbose', '3'], /unknown verbosity "3"/],
  ['an unknown --on-nan policy', ['--on-nan', 'ignore'], /unknown --on-nan policy "ignore"\. Choose one of: stop, continue/],
  ['a negative seed', ['--seed', '-1'], /seed must be a whole number/],
  ['a misspelt flag', ['--bach-size', '3'], /unknown option '--bach-size' \(did you mean --batch-size\?\)/],
  ['a stray argument', ['data.csv'], /too many arguments/],
  // Conflicting flags.
  ['--momentum with adam', ['--momentum', '0.9'], /--momentum applies to --optimizer sgd or rmsprop, not adam/],
  ['--nesterov without momentum', ['--optimizer', 'sgd', '--nesterov'], /--nesterov needs momentum/],
  ['--nesterov with rmsprop', ['--optimizer', 'rmsprop', '--momentum', '0.9', '--nesterov'], /--nesterov applies to --optimizer sgd, not rmsprop/],
  ['--target without --data', ['--target', 'y'], /--target names columns of a --data CSV file/],
  ['--save-weights over the --data file', ['--data', file('same.csv', 'x,y\n1,2\n'), '--save-weights', join(dir, 'same.csv')], /would overwrite the --data file/],
  // Data files.
  ['a missing data file', ['--data', join(dir, 'missing.csv')], /cannot read data file .*missing\.csv: no such file; check the path given to --data/],
  ['a data path through a file', ['--data', join(file('plain', 'x'), 'data.csv')], /cannot read data file .*: a part of the path is not a directory/],
  ['a directory as data', ['--data', dir], /is a directory, not a data file/],
  ['a named pipe as data', ['--data', fifo], /pipe\.csv is not a regular file \(a pipe, socket or device\)/],
  ['a device as data', ['--data', '/dev/null'], /\/dev\/null is not a regular file/],
  ['an empty data file', ['--data', file('empty.csv', '')], /empty\.csv is empty/],
  ['a header without rows', ['--data', file('header.csv', 'x,y\n')], /header is the only line/],
  ['a blank header line', ['--data', file('blank-header.csv', '\n1,2\n')], /line 1 is empty/],
  ['a header that is data', ['--data', file('noheader.csv', '1,2\n3,4\n')], /looks like data \("1"\), not a header/],
  ['a single column', ['--data', file('one.csv', 'x\n1\n2\n')], /line 1 has a single column \("x"\); give at least one feature and one target column/],
  ['semicolons instead of commas', ['--data', file('semi.csv', 'x;y\n1;2\n')], /single column \("x;y"\); separate the columns with commas, not ";"/],
  ['an empty column name', ['--data', file('noname.csv', 'x,,y\n1,2,3\n')], /line 1, column 2: empty column name/],
  ['duplicate column names', ['--data', file('dup.csv', 'x,x\n1,2\n')], /line 1: column name "x" appears twice \(columns 1 and 2\)/],
  ['a non-numeric cell', ['--data', file('text.csv', 'x,y\n1,2\n3,abc\n')], /text\.csv: line 3, column 2 \(y\): "abc" is not a number/],
  ['an empty cell', ['--data', file('blank.csv', 'x,y\n1,\n')], /line 2, column 2 \(y\): empty cell; fill in a number/],
  ['a NaN cell', ['--data', file('nan.csv', 'x,y\n1,NaN\n')], /line 2, column 2 \(y\): missing value "NaN"; fill in a number, or leave such rows out with --drop-missing/],
  ['an Infinity cell', ['--data', file('inf.csv', 'x,y\n-Infinity,1\n')], /line 2, column 1 \(x\): "-Infinity" is not a finite number/],
  ['a cell too large for float32', ['--data', file('huge.csv', 'x,y\n1,1e39\n')], /line 2, column 2 \(y\): 1e39 is too large for float32/],
  ['a row with too many cells', ['--data', file('ragged.csv', 'x,y\n1,2\n1,2,3\n')], /line 3: 3 cells but the header has 2 columns/],
  ['a row with too few cells', ['--data', file('short.csv', 'x,y,z\n1,2,3\n1,2\n')], /line 3: 2 cells but the header has 3 columns/],
  ['a target column not in the header', ['--data', file('cols.csv', 'a,b\n1,2\n'), '--target', 'c'], /--target names column "c", which is not in the header \(columns: a, b\)/],
  ['every column a target', ['--data', file('all.csv', 'a,b\n1,2\n'), '--target', 'a,b'], /every column is a target, none is left as a feature/],
  ['a binary file', ['--data', file('binary.csv', 'x,y\n\u0000\u0001\u0002')], /is not a text file \(it contains NUL bytes\)/],
  ['1 GiB of NUL bytes', ['--data', bigFile('zeros.csv', '', GiB)], /zeros\.csv is not a text file \(it contains NUL bytes\)/],
  ['1 GiB with no line break', ['--data', bigFile('oneline.csv', 'x'.repeat(70 * 1024), GiB)], /oneline\.csv does not look like CSV: no line break in its first 64 KiB/],
  ['1 GiB whose first 64 KiB hold a bad cell', ['--data', bigFile('badcell.csv', csvRows.replace('1,2\n1,2\n1,2\n', '1,2\n1,2\n1,z\n'), GiB)], /badcell\.csv: line 4, column 2 \(y\): "z" is not a number/],
  ['1 GiB named .json that is not JSON', ['--data', bigFile('log.json', 'started\n'.repeat(9000), GiB)], /log\.json does not look like a JSON data file: it starts with "started\\nstarted\\nstar", not \{/],
  ['a JSON array instead of an object', ['--data', file('array.json', '[[1, 2], [3, 4]]')], /array\.json does not look like a JSON data file: it starts with "\[\[1, 2\], \[3, 4\]\]", not \{/],
  ['broken JSON', ['--data', file('broken.json', '{"x": [1, 2')], /broken\.json is not valid JSON/],
  ['broken JSON whose message quotes a line break', ['--data', file('newline.json', '{"x": [1,\n 2,\n oops]}')], /newline\.json is not valid JSON/],
  ['JSON without "y"', ['--data', file('noy.json', '{"x": [1, 2]}')], /must be an object with "x" and "y" arrays/],
  ['JSON whose x and y lengths differ', ['--data', file('lengths.json', '{"x": [1, 2, 3], "y": [1, 2]}')], /"x" has 3 samples but "y" has 2; give both the same number/],
  ['JSON with a non-number', ['--data', file('str.json', '{"x": [1, "2"], "y": [1, 2]}')], /"x"\[1\] is "2", not a finite number/],
  ['JSON rows of different widths', ['--data', file('widths.json', '{"x": [[1, 2], [3]], "y": [1, 2]}')], /"x"\[1\] has 1 values but .*"x"\[0\] has 2/],
  // Classification.
  ['softmax on one unit', ['--layers', '4:relu,1:softmax', '--loss', 'binary_crossentropy'], /--layers 4:relu,1:softmax ends with softmax on one unit, which always outputs 1; use 1:sigmoid/],
  ['accuracy with a regression loss', ['--metrics', 'accuracy', '--loss', 'mse'], /--metrics accuracy needs a crossentropy loss, not mse; choose --loss binary_crossentropy/],
  ['an unknown metric', ['--metrics', 'accuracy,f1'], /metric/],
  [
    'a class label beyond the output units',
    ['--data', file('labels3.csv', 'a,y\n1,0\n2,1\n3,3\n'), '--layers', '3:softmax', '--loss', 'sparse_categorical_crossentropy'],
    /sample 3: class label 3 is not a whole number from 0 to 2/,
  ],
  [
    'a fractional class label',
    ['--data', file('labels-frac.csv', 'a,y\n1,0\n2,0.5\n'), '--layers', '3:softmax', '--loss', 'sparse_categorical_crossentropy'],
    /sample 2: class label 0.5 is not a whole number from 0 to 2/,
  ],
  [
    'target columns that are not one-hot',
    ['--data', file('onehot.csv', 'a,p,q,r\n1,1,0,0\n2,1,1,0\n'), '--target', 'p,q,r', '--layers', '3:softmax', '--loss', 'categorical_crossentropy'],
    /sample 2: the target columns are not one-hot/,
  ],
  ['binary targets outside [0, 1]', ['--layers', '1:sigmoid', '--loss', 'binary_crossentropy'], /sample 2: target 2 is outside \[0, 1\]/],
  [
    'one class-id column for categorical crossentropy',
    ['--data', file('labels.csv', 'a,y\n1,0\n2,1\n'), '--layers', '3:softmax', '--loss', 'categorical_crossentropy'],
    /--loss categorical_crossentropy with 3 output unit\(s\) reads 3 target column\(s\) per sample but the data has 1/,
  ],
  // Weights files.
  ['a missing weights file', ['--weights', join(dir, 'nope.json')], /cannot read weights file .*nope\.json: no such file; check the path given to --weights/],
  ['a directory as weights', ['--weights', dir], /cannot read weights file .*: it is a directory/],
  ['weights that are not JSON', ['--weights', file('w-broken.json', '[[[0.5]], [0]')], /w-broken\.json is not valid JSON.*a weights file looks like \[\[\[0\.5\]\], \[0\]\]/],
  ['weights that are not an array', ['--weights', file('w-object.json', '{"w": 1}')], /weights must be a JSON array \[W0, b0, W1, b1, \.\.\.\]/],
  ['too few weight arrays', ['--weights', file('w-few.json', '[[[0.5]]]')], /1 arrays but the model has 1 layer\(s\) and needs 2/],
  ['too many weight arrays', ['--weights', file('w-many.json', '[[[0.5]], [0], [[1]], [0]]')], /4 arrays but the model has 1 layer\(s\) and needs 2 .*match --layers to the weights/],
  ['a kernel of the wrong shape', ['--weights', file('w-kernel.json', '[[[0.5, 1]], [0]]')], /layer 1 kernel \(W0\) has shape \[1, 2\] but the model needs \[1, 1\]/],
  ['a bias of the wrong shape', ['--weights', file('w-bias.json', '[[[0.5]], [0, 0]]')], /layer 1 bias \(b0\) has shape \[2\] but the model needs \[1\]/],
  ['a second layer of the wrong shape', ['--weights', file('w-deep.json', '[[[1, 2, 3]], [0, 0, 0], [[1], [2]], [0]]'), '--layers', '3:relu,1'], /layer 2 kernel \(W1\) has shape \[2, 1\] but the model needs \[3, 1\]/],
  ['weights for other data', ['--weights', file('w-features.json', '[[[0.5]], [0]]'), '--data', file('two.csv', 'a,b,y\n1,2,3\n')], /layer 1 kernel \(W0\) has shape \[1, 1\] but the model needs \[2, 1\] \(inputs × units\)/],
  ['a weight that is a string', ['--weights', file('w-string.json', '[[["a"]], [0]]')], /W0\[0\]\[0\] is "a", not a finite float32 number/],
  ['a weight that is null', ['--weights', file('w-null.json', '[[[0.5]], [null]]')], /b0\[0\] is null, not a finite float32 number/],
  ['a weight too large for float32', ['--weights', file('w-big.json', '[[[1e39]], [0]]')], /W0\[0\]\[0\] is 1e\+39, not a finite float32 number/],
  // Output files.
  ['--save-weights into a missing folder', ['--save-weights', join(dir, 'nope', 'w.json')], /--save-weights .*nope.*w\.json: folder .*nope does not exist; create it first/],
  ['--save-weights over a folder', ['--save-weights', outDir], /--save-weights .*out is a folder; give a file name/],
  ['--save-weights under a file', ['--save-weights', join(file('not-a-folder', ''), 'w.json')], /not-a-folder is not a folder/],
  ['--save-weights over a named pipe', ['--save-weights', fifo], /--save-weights .*pipe\.csv is not a regular file \(a device, pipe or socket\)/],
  ['--save-weights where no file can be created', ['--save-weights', '/proc/w.json'], /--save-weights \/proc\/w\.json: cannot create files in \/proc/],
];

for (const [what, argv, pattern] of cases) {
  test(`${what} fails before training with one line on stderr, exit code 2 and no file written (train ${argv.join(' ')})`, async () => {
    const caseDir = mkdtempSync(join(outDir, 'case-'));
    const saved = join(caseDir, 'w.json');
    const full = argv.includes('--save-weights') ? argv : ['--save-weights', saved, ...argv];
    const { code, stdout, stderr } = await runCli(full);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: /);
    assert.match(stderr, pattern);
    assert.equal(stderr.endsWith('\n') && stderr.split('\n').length, 2, `one line: ${JSON.stringify(stderr)}`);
    assert.doesNotMatch(stderr, /\bat .*:\d+:\d+|internal error/);
    assert.deepEqual(readdirSync(caseDir), []);
  });
}

test('a data file the user may not read fails with "permission denied"', async () => {
  const folder = join(dir, 'locked');
  mkdirSync(folder, { mode: 0o755 });
  const path = join(folder, 'secret.csv');
  writeFileSync(path, 'x,y\n1,2\n', { mode: 0o000 });
  chmodSync(path, 0o000);
  // root reads any file whatever its mode, so as root the check runs as the user "nobody".
  const asRoot = process.geteuid?.() === 0;
  if (asRoot) process.seteuid!(65534);
  let result;
  try {
    result = await runCli(['--data', path]);
  } finally {
    if (asRoot) process.seteuid!(0);
  }
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^error: cannot read data file .*secret\.csv: permission denied/);
  assert.equal(result.stderr.split('\n').length, 2);
});

test('the named pipe is still a pipe: nothing replaced it', () => {
  assert.ok(statSync(fifo).isFIFO());
});

test('a BOM and CRLF line endings train exactly like plain LF text', async () => {
  const plain = file('plain.csv', 'x,y\n1,1\n2,2\n3,3\n4,4\n');
  const windows = file('windows.csv', '\uFEFFx,y\r\n1,1\r\n2,2\r\n3,3\r\n4,4\r\n');
  const bomOnly = file('bom.json', '\uFEFF{"x": [1, 2, 3, 4], "y": [1, 2, 3, 4]}');
  const args = ['-b', '2', '-e', '3', '--json', '--no-timings', '--target', 'y'];
  const a = await runCli(['--data', plain, ...args]);
  const b = await runCli(['--data', windows, ...args]);
  const c = await runCli(['--data', bomOnly, '-b', '2', '-e', '3', '--json', '--no-timings']);
  for (const run of [a, b, c]) {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  }
  const [da, db, dc] = [a, b, c].map((run) => JSON.parse(run.stdout));
  assert.equal(db.samples.total, 4);
  assert.deepEqual(db.history, da.history);
  assert.deepEqual(db.weights, da.weights);
  assert.deepEqual(dc.history, da.history);
});

test('a CSV larger than the first 64 KiB that are checked first still loads whole', async () => {
  const path = file('long.csv', csvRows);
  const { code, stdout } = await runCli(['--data', path, '-e', '1', '--json', '--no-timings']);
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).samples.total, 70 * 256);
});

test('--debug shows no stack for bad input: stacks are for internal errors only', async () => {
  const { code, stderr } = await runCli(['--data', join(dir, 'missing.csv'), '--debug']);
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').length, 2);
});

test('the largest learning rate float32 holds is taken, as Keras takes it: a huge but finite rate trains', async () => {
  const { code, stdout } = await runCli(['--lr', '3.4e38', '-e', '1', '--json', '--no-timings']);
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).config.learningRate, 3.4e38);
});

test('an experiment file with a learning rate infinite in float32 is refused before any run', async () => {
  const experiment = file('huge-rate.json', JSON.stringify({ learningRate: 1e100, grid: { batchSize: [1, 2] } }));
  const out = join(outDir, 'huge-rate.jsonl');
  const { code, stdout, stderr } = await runCli(['sweep', experiment, '--out', out]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: .*huge-rate\.json: learningRate: must be ≤ 3\.4028234663852886e\+38, got 1e\+100\n$/);
  assert.equal(existsSync(out), false);
});
