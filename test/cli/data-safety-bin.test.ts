/**
 * Nothing the user has is lost: the built executable refuses, before any training and with one
 * line and exit code 2, every output that would land on an input or on another output, links to
 * nothing, special files as inputs, and names it could not write; a closed stdout ends quietly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { linkSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempFolder } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const folder = tempFolder('safety');
const DATA = 'x,y\n1,1\n2,2\n3,3\n';

/** Runs the executable in the temp folder; a hang fails after 20 s instead of blocking the suite. */
async function refused(args: string[], pattern: RegExp): Promise<void> {
  await assert.rejects(exec(process.execPath, [bin, ...args], { cwd: folder.dir, timeout: 20_000 }), (error: { code: number; stderr: string; stdout: string }) => {
    assert.equal(error.code, 2, error.stderr);
    assert.equal(error.stdout, '');
    assert.equal(error.stderr.trimEnd().split('\n').length, 1, error.stderr);
    assert.match(error.stderr, pattern);
    assert.doesNotMatch(error.stderr, /internal error|    at /);
    return true;
  });
}

test('an output on the data file, through its name, a symbolic link or a hard link, is refused and the data kept', async () => {
  const data = folder.file('d.csv', DATA);
  symlinkSync('d.csv', join(folder.dir, 'soft.csv'));
  linkSync(data, join(folder.dir, 'hard.csv'));
  await refused(['-e', '1', '--data', 'd.csv', '--csv-log', 'd.csv'], /--csv-log .*d\.csv is the same file as --data/);
  await refused(['-e', '1', '--data', 'd.csv', '--save-weights', 'soft.csv'], /--save-weights .*soft\.csv is the same file as --data/);
  await refused(['-e', '1', '--data', 'soft.csv', '--csv-log', 'hard.csv'], /--csv-log .*hard\.csv is the same file as --data/);
  await refused(['compare', '--batch-sizes', '3,1', '-e', '1', '--data', 'd.csv', '--plot', 'hard.csv'], /--plot .*hard\.csv is the same file as --data/);
  assert.equal(readFileSync(data, 'utf8'), DATA);
});

test('an output on the embedded data set a command trains on, by its path or a link, is refused and the file kept', async () => {
  const iris = fileURLToPath(new URL('../../data/datasets/iris.csv', import.meta.url));
  const before = readFileSync(iris);
  symlinkSync(iris, join(folder.dir, 'iris-link.csv'));
  const same = /is the same file as --dataset .*iris\.csv: writing it would destroy that input; give another file name\n$/;
  try {
    await refused(['--dataset', 'iris', '-e', '1', '--csv-log', iris], same);
    await refused(['--dataset', 'iris', '-e', '1', '--save-weights', 'iris-link.csv'], same);
    await refused(['--dataset', 'iris', '-e', '1', '--json', '--save-weights', iris], same);
    await refused(['compare', '--dataset', 'iris', '--batch-sizes', '8,4', '-e', '1', '--plot', iris], same);
    await refused(['lab', '--dataset', 'iris', '--target-loss', '0.5', '--max-epochs', '1', '--batch-sizes', '120', '--lrs', '0.01', '--report', iris, '-q'], same);
    // merge --lab does not read the data set, yet its outputs may not land on it either.
    await exec(process.execPath, [bin, 'lab', '--dataset', 'iris', '--target-loss', '0.5', '--max-epochs', '1', '--batch-sizes', '120', '--lrs', '0.01', '--out', 'iris-lab.jsonl', '-q'], { cwd: folder.dir, timeout: 20_000 });
    await refused(['merge', '--lab', 'iris-lab.jsonl', '--report', 'iris-link.csv'], same);
    assert.deepEqual(readFileSync(iris), before);
  } finally {
    // Should a refusal fail, the package's data set is put back as it was.
    if (!readFileSync(iris).equals(before)) writeFileSync(iris, before);
  }
});

test('two outputs on one file and an output that is a link to nothing are refused', async () => {
  await refused(['-e', '1', '--csv-log', 'x', '--save-weights', 'x'], /--csv-log .*x and --save-weights .*x are the same file/);
  symlinkSync('nowhere.json', join(folder.dir, 'dangling'));
  await refused(['-e', '1', '--save-weights', 'dangling'], /dangling is a link to nowhere\.json, which does not exist/);
  assert.equal(readdirSync(folder.dir).includes('nowhere.json'), false);
});

test('a FIFO or /dev/zero as weights, and JSON nested 100,000 deep, are bad input, not a hang or a crash', async () => {
  mkfifoSync(join(folder.dir, 'fifo'));
  await refused(['-e', '1', '--weights', 'fifo'], /cannot read weights file .*fifo: not a regular file/);
  await refused(['-e', '1', '--weights', '/dev/zero'], /not a regular file/);
  folder.file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  await refused(['-e', '1', '--weights', 'deep.json'], /nested more than 64 levels deep/);
});

function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}

test('a 250-character output name is written; a 300-character one is refused before training', async () => {
  const long = 'w'.repeat(250);
  await exec(process.execPath, [bin, '-e', '1', '--save-weights', long], { cwd: folder.dir, timeout: 20_000 });
  assert.deepEqual(JSON.parse(readFileSync(join(folder.dir, long), 'utf8')).length, 2);
  await refused(['-e', '1', '--save-weights', 'w'.repeat(300)], /file name is longer than 255 bytes/);
});

test('sweep --out on the experiment file or a non-results file refuses and changes nothing; a held lock refuses a second sweep', async () => {
  const experiment = folder.file('exp.json', JSON.stringify({ epochs: 1, grid: { batchSize: [3, 6] } }));
  const before = readFileSync(experiment, 'utf8');
  await refused(['sweep', 'exp.json', '--out', 'exp.json'], /--out .*exp\.json is the same file as exp\.json/);
  const weights = folder.file('w.json', '[[[0.5]], [0]]');
  await refused(['sweep', 'exp.json', '--out', 'w.json'], /is not a batchsim results file/);
  assert.equal(readFileSync(experiment, 'utf8'), before);
  assert.equal(readFileSync(weights, 'utf8'), '[[[0.5]], [0]]');
  // This test's own process is alive: its lock is a running sweep's.
  writeFileSync(join(folder.dir, 'out.jsonl.lock'), `${process.pid}\n`);
  await refused(['sweep', 'exp.json', '--out', 'out.jsonl', '-q'], /being written by another sweep \(process \d+\)/);
  assert.equal(readdirSync(folder.dir).includes('out.jsonl'), false);
});

test('a sweep record edited to another configuration is refused by merge', async () => {
  folder.file('m.json', JSON.stringify({ epochs: 1, grid: { batchSize: [3, 6] } }));
  await exec(process.execPath, [bin, 'sweep', 'm.json', '--out', 'm.jsonl', '-q'], { cwd: folder.dir, timeout: 60_000 });
  const lines = readFileSync(join(folder.dir, 'm.jsonl'), 'utf8').split('\n');
  lines[0] = lines[0].replace('"epochs":1', '"epochs":2');
  writeFileSync(join(folder.dir, 'tampered.jsonl'), lines.join('\n'));
  await refused(['merge', '--experiment', 'm.json', 'tampered.jsonl'], /line 1 is a run record whose contents do not match its id/);
});

test('a closed stdout ends train, compare and --help quietly', () => {
  for (const args of [['-e', '30', '-b', '1'], ['compare', '--batch-sizes', '6,3', '-e', '20'], ['--help']]) {
    const shell = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" ${args.join(' ')} | head -c 1 >/dev/null; echo "$?"`], { encoding: 'utf8', timeout: 60_000 });
    assert.doesNotMatch(shell.stderr, /EPIPE|Error|    at /, args.join(' '));
  }
});

test('--emit-keras escapes a hostile data file name: the script parses and the name is only a string', () => {
  const name = 'x""" + __import__("os").system("touch PWNED") + """.csv';
  folder.file(name, DATA);
  const script = execFileSync(process.execPath, [bin, '-e', '1', '--data', name, '--emit-keras'], { cwd: folder.dir, encoding: 'utf8', timeout: 20_000 });
  // Python's own parser: the docstring must be one string constant holding the name exactly.
  const check = 'import ast,sys\nt=ast.parse(sys.stdin.read())\nd=t.body[0].value\nassert isinstance(d,ast.Constant)\nprint(d.value)';
  const docstring = execFileSync('python3', ['-c', check], { input: script, encoding: 'utf8' });
  assert.ok(docstring.includes(name), docstring);
  assert.equal(readdirSync(folder.dir).includes('PWNED'), false);
});

test('JSON data beyond float32 (1e39) or beyond double (1e400) is refused as in a CSV, and named as too large', async () => {
  folder.file('big.json', '{"x":[1,2,1e39],"y":[1,2,3]}');
  folder.file('huge.json', '{"x":[1,2,1e400],"y":[1,2,3]}');
  await refused(['-e', '1', '--data', 'big.json'], /"x"\[2\] is 1e\+39 \(too large for float32\), not a finite number/);
  await refused(['-e', '1', '--data', 'huge.json'], /"x"\[2\] is too large, not a finite number/);
});
