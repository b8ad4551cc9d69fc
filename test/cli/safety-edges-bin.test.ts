/**
 * The built executable at the edges of the data-safety promise: writes that fail when their turn
 * comes (a device that is always full, a file-size limit met half-way), two sweeps on one results
 * file, special files wherever a file is read, a sweep whose reader goes away, inputs too deep or
 * too long to echo, and the wording of the messages that once misled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../src/app/io.js';
import { tempFolder } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const folder = tempFolder('edges');
const GRID = JSON.stringify({ epochs: 1, grid: { batchSize: [1, 2, 3, 6] } });

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the executable in `cwd` (the temp folder by default); a hang fails after 30 s. */
function run(args: string[], options: { cwd?: string; shell?: string; env?: NodeJS.ProcessEnv } = {}): Ended {
  const command = options.shell ?? '';
  const result =
    command === ''
      ? spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? folder.dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...options.env } })
      : spawnSync('sh', ['-c', command], { cwd: options.cwd ?? folder.dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...options.env } });
  assert.equal(result.error, undefined, `did not end: ${args.join(' ')}${command}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line on stderr matching `pattern`, no stack trace, the exit code `code`. */
function oneLine(ended: Ended, code: number, pattern: RegExp): void {
  assert.equal(ended.code, code, ended.stderr);
  const lines = ended.stderr.trimEnd().split('\n');
  assert.match(lines[lines.length - 1], pattern);
  assert.doesNotMatch(ended.stderr, /internal error|    at |Error:/, ended.stderr);
}

/** The shell command that runs the executable with these arguments (each quoted). */
function shellRun(args: string[]): string {
  return [process.execPath, bin, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
}

test('/dev/full as --csv-log, --save-weights, --plot, sweep --out or behind a compare --out file is refused before training, and nothing is left', () => {
  const dir = join(folder.dir, 'full');
  mkdirSync(dir);
  mkdirSync(join(dir, 'out'));
  symlinkSync('/dev/full', join(dir, 'out', 'runs.json'));
  folder.file('full/grid.json', GRID);
  const cases: Array<[string[], RegExp]> = [
    [['-e', '1', '--csv-log', '/dev/full'], /--csv-log \/dev\/full is not a regular file/],
    [['-e', '1', '--save-weights', '/dev/full'], /--save-weights \/dev\/full is not a regular file/],
    [['compare', '--batch-sizes', '3,1', '-e', '1', '-q', '--plot', '/dev/full'], /--plot \/dev\/full is not a regular file/],
    [['compare', '--batch-sizes', '3,1', '-e', '1', '-q', '--out', 'out'], /--out .*runs\.json is not a regular file/],
    [['sweep', 'grid.json', '--out', '/dev/full'], /--out \/dev\/full is not a regular file/],
  ];
  for (const [args, pattern] of cases) {
    const ended = run(args, { cwd: dir });
    oneLine(ended, EXIT.usage, pattern);
    assert.equal(ended.stdout, '', args.join(' '));
    assert.doesNotMatch(ended.stderr, /Epoch|warning/, 'refused before any training');
  }
  assert.deepEqual(readdirSync(dir).sort(), ['grid.json', 'out']);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['runs.json']);
});

test('a stdout that cannot take the output (/dev/full) is one line and exit 2; the files asked for are still written', () => {
  const dir = join(folder.dir, 'stdout');
  mkdirSync(dir);
  for (const args of [['-e', '1'], ['-e', '1', '--json', '--save-weights', 'w.json'], ['--help'], ['compare', '--batch-sizes', '3,1', '-e', '1']]) {
    const ended = run([], { cwd: dir, shell: `${shellRun(args)} > /dev/full` });
    oneLine(ended, EXIT.usage, /^error: cannot write the output: no space left on the device \(the disk is full\); free some space or send the output elsewhere$/);
  }
  assert.equal(JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8')).length, 2);
});

test('a write that fails half-way (a file-size limit) leaves no partial file, no temporary file, no new folder and no lock', () => {
  const dir = join(folder.dir, 'limit');
  mkdirSync(dir);
  folder.file('limit/grid.json', GRID);
  // 1 block of 512 bytes: every output below is larger. Node ignores SIGXFSZ, so the write fails with EFBIG.
  const limited = (args: string[]): Ended => run([], { cwd: dir, shell: `ulimit -f 1; ${shellRun(args)}` });
  const reason = /the file would be larger than this process may write \(ulimit -f\)$/;
  oneLine(limited(['-e', '1', '--layers', '32:relu,1', '--save-weights', 'w.json']), EXIT.usage, reason);
  oneLine(limited(['compare', '--batch-sizes', '3,1', '-e', '1', '-q', '--out', 'new/out']), EXIT.usage, reason);
  oneLine(limited(['sweep', 'grid.json', '--out', 'r.jsonl', '-q', '-j', '1']), EXIT.usage, reason);
  // The results file keeps whole lines only (here none: the first line did not fit), and its lock is gone.
  assert.equal(readFileSync(join(dir, 'r.jsonl'), 'utf8'), '');
  assert.deepEqual(readdirSync(dir).sort(), ['grid.json', 'r.jsonl']);
  // The sweep resumes once the limit is gone.
  assert.equal(run(['sweep', 'grid.json', '--out', 'r.jsonl', '-q'], { cwd: dir }).code, EXIT.ok);
  assert.equal(readFileSync(join(dir, 'r.jsonl'), 'utf8').trimEnd().split('\n').length, 4);
});

test('two sweeps started at once on one --out: one runs, the other is refused, and every run is written exactly once', async () => {
  const dir = join(folder.dir, 'twice');
  mkdirSync(dir);
  // Long enough (about a second) that the two overlap.
  folder.file('twice/line.csv', `x,y\n${Array.from({ length: 50_000 }, (_, i) => `${(i % 1000) / 1000},${(i % 7) / 7}`).join('\n')}\n`);
  folder.file('twice/grid.json', JSON.stringify({ epochs: 20, data: 'line.csv', grid: { batchSize: [1, 2, 3, 6], seed: [1, 2] } }));
  const start = (): Promise<Ended> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'sweep', 'grid.json', '--out', 'r.jsonl', '-q', '-j', '1'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const ended = await Promise.all([start(), start()]);
  const codes = ended.map((e) => e.code).sort();
  assert.deepEqual(codes, [EXIT.ok, EXIT.usage], ended.map((e) => e.stderr).join('\n'));
  oneLine(ended.find((e) => e.code === EXIT.usage)!, EXIT.usage, /--out r\.jsonl is being written by another sweep \(process \d+\)/);
  const ids = readFileSync(join(dir, 'r.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).id as string);
  assert.equal(ids.length, 8);
  assert.equal(new Set(ids).size, 8);
  assert.equal(existsSync(join(dir, 'r.jsonl.lock')), false);
});

test('a FIFO or /dev/zero as an experiment file, an experiment\'s weights, a merge input or merge --experiment is refused at once', () => {
  const dir = join(folder.dir, 'special');
  mkdirSync(dir);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  folder.file('special/grid.json', GRID);
  folder.file('special/fifo-weights.json', JSON.stringify({ epochs: 1, weights: 'fifo', grid: { batchSize: [3, 6] } }));
  folder.file('special/zero-weights.json', JSON.stringify({ epochs: 1, weights: '/dev/zero', grid: { batchSize: [3, 6] } }));
  assert.equal(run(['sweep', 'grid.json', '--out', 'r.jsonl', '-q'], { cwd: dir }).code, EXIT.ok);
  const cases: Array<[string[], RegExp]> = [
    [['sweep', 'fifo'], /cannot read experiment file fifo: not a regular file/],
    [['sweep', '/dev/zero'], /cannot read experiment file \/dev\/zero: not a regular file/],
    [['sweep', 'fifo-weights.json', '--out', 'a.jsonl'], /cannot read weights file .*fifo: not a regular file/],
    [['sweep', 'zero-weights.json', '--out', 'b.jsonl'], /cannot read weights file \/dev\/zero: not a regular file/],
    [['merge', 'fifo', '--experiment', 'grid.json'], /cannot read results file .*fifo: not a regular file/],
    [['merge', 'r.jsonl', '/dev/zero', '--experiment', 'grid.json'], /cannot read results file \/dev\/zero: not a regular file/],
    [['merge', 'r.jsonl', '--experiment', 'fifo'], /cannot read experiment file fifo: not a regular file/],
    [['merge', 'r.jsonl', '--experiment', '/dev/zero'], /cannot read experiment file \/dev\/zero: not a regular file/],
  ];
  for (const [args, pattern] of cases) {
    const ended = run(args, { cwd: dir });
    oneLine(ended, EXIT.usage, pattern);
    assert.equal(ended.stdout, '', args.join(' '));
  }
  assert.equal(existsSync(join(dir, 'a.jsonl')) || existsSync(join(dir, 'b.jsonl')), false);
});

test('sweep | head -1: the sweep keeps writing its results file, ends with 0 and prints no error', () => {
  const dir = join(folder.dir, 'pipe');
  mkdirSync(dir);
  folder.file('pipe/grid.json', JSON.stringify({ epochs: 50, grid: { batchSize: [1, 2, 3, 6], seed: [1, 2] } }));
  const ended = run([], { cwd: dir, shell: `${shellRun(['sweep', 'grid.json', '--out', 'r.jsonl', '-j', '1'])} 2>err.txt | head -1; echo "$?"` });
  assert.equal(ended.stdout.split('\n')[0], 'grid: 8 runs; running 8 on 1 worker');
  assert.equal(readFileSync(join(dir, 'err.txt'), 'utf8'), '');
  const lines = readFileSync(join(dir, 'r.jsonl'), 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 8);
  assert.equal(run(['merge', 'r.jsonl', '--experiment', 'grid.json', '--format', 'json'], { cwd: dir }).code, EXIT.ok);
});

test('an --assert nested 50,000 deep is bad input in one short line; a chain of 10,000 terms still evaluates', () => {
  const dir = join(folder.dir, 'assert');
  mkdirSync(dir);
  folder.file('assert/grid.json', GRID);
  assert.equal(run(['sweep', 'grid.json', '--out', 'r.jsonl', '-q'], { cwd: dir }).code, EXIT.ok);
  for (const expression of [`${'('.repeat(50_000)}finalLoss < 1${')'.repeat(50_000)}`, `${'!'.repeat(50_000)}diverged`]) {
    for (const command of [['merge', 'r.jsonl', '--experiment', 'grid.json'], ['sweep', 'grid.json', '--out', 'r.jsonl', '-q']]) {
      const ended = run([...command, '--assert', expression], { cwd: dir });
      oneLine(ended, EXIT.usage, /: column 65: nested more than 64 levels deep \(parentheses and "!"\); write a flatter expression$/);
      assert.ok(ended.stderr.length < 600, `${ended.stderr.length} characters`);
      assert.equal(ended.stdout, '');
    }
  }
  const chain = Array.from({ length: 10_000 }, () => '!diverged').join('&&');
  const passed = run(['merge', 'r.jsonl', '--experiment', 'grid.json', '--format', 'json', '--assert', chain], { cwd: dir });
  assert.equal(passed.code, EXIT.ok, passed.stderr.slice(0, 300));
  const failed = run(['merge', 'r.jsonl', '--experiment', 'grid.json', '--format', 'json', '--assert', `${chain}&&updates > 100`], { cwd: dir });
  assert.equal(failed.code, EXIT.training, failed.stderr.slice(0, 300));
});

test('a long value in a flag, a CSV cell or a file name is cut in the message, with its length', () => {
  const long = '9'.repeat(100_000);
  const cut = /9{100}…9{40} \(100000 characters\)/;
  for (const args of [['--optimizer', long], ['--layers', long], ['compare', '--batch-sizes', `1,${long}`], [long], [`--${long}`]]) {
    const ended = run(args);
    assert.equal(ended.code, EXIT.usage);
    assert.equal(ended.stderr.trimEnd().split('\n').length, 1);
    assert.ok(ended.stderr.length < 1000, `${args[0].slice(0, 20)}: ${ended.stderr.length} characters`);
  }
  assert.match(run(['--optimizer', long]).stderr, new RegExp(`^error: option '--optimizer <name>' argument '${cut.source}' is invalid\\. unknown optimizer "${cut.source}"\\. Choose one of: adam, sgd, rmsprop\\.\\n$`));
  folder.file('cell.csv', `x,y\n1,${'1'.repeat(60_000)}\n2,${'a'.repeat(60_000)}\n`);
  const cell = run(['--data', 'cell.csv']);
  oneLine(cell, EXIT.usage, /cell\.csv: line 2, column 2 \(y\): 1{20}… is too large for float32$/);
  folder.file('cell2.csv', `x,y\n1,${'a'.repeat(60_000)}\n`);
  oneLine(run(['--data', 'cell2.csv']), EXIT.usage, /cell2\.csv: line 2, column 2 \(y\): "a{20}…" is not a number; text class labels need a classification loss \(--loss sparse_categorical_crossentropy\), else use numbers$/);
  const data = run(['--data', `${'d'.repeat(4000)}.csv`]);
  oneLine(data, EXIT.usage, /cannot read data file .*d{36}\.csv \(\d{4} characters\): /);
  assert.ok(data.stderr.length < 600);
});

test('the wording: CI variables named, CSV columns counted as columns, empty names, CR-only lines, a wide header, an empty shard', () => {
  const dir = join(folder.dir, 'words');
  mkdirSync(dir);
  folder.file('words/six.json', JSON.stringify({ epochs: 1, grid: { batchSize: [1, 2, 3, 4, 5, 6] } }));
  oneLine(run(['sweep', 'six.json', '--shard', 'auto'], { cwd: dir, env: { CI_NODE_INDEX: '2' } }), EXIT.usage, /^error: --shard auto: CI_NODE_INDEX is set but CI_NODE_TOTAL is not; set both, or neither$/);
  oneLine(run(['sweep', 'six.json', '--shard', 'auto'], { cwd: dir, env: { CIRCLE_NODE_TOTAL: '3' } }), EXIT.usage, /^error: --shard auto: CIRCLE_NODE_TOTAL is set but CIRCLE_NODE_INDEX is not; set both, or neither$/);
  // The column is the cell's place in the row, whatever the characters before it.
  folder.file('words/cols.csv', 'first,second,third\n1.25,2.5,3\n1000000,"2",3\n');
  oneLine(run(['--data', 'cols.csv'], { cwd: dir }), EXIT.usage, /cols\.csv: line 3, column 2 \(second\): ""2"" is not a number/);
  for (const args of [['--save-weights', ''], ['--csv-log', ''], ['--data', ''], ['--weights', ''], ['compare', '--batch-sizes', '3', '--plot', ''], ['sweep', 'six.json', '--out', '']]) {
    oneLine(run(args, { cwd: dir }), EXIT.usage, /argument '' is invalid\. the name is empty; give a file name$/);
  }
  oneLine(run(['compare', '--batch-sizes', '3', '-e', '1', '--out', ''], { cwd: dir }), EXIT.usage, /the name is empty; give a folder name$/);
  folder.file('words/cr.csv', 'x,y\r1,1\r2,2\r3,3\r');
  oneLine(run(['--data', 'cr.csv'], { cwd: dir }), EXIT.usage, /cr\.csv: its lines end in a carriage return alone \(CR, classic Mac line endings\); save it with LF or CRLF line endings/);
  folder.file('words/cr-big.csv', `x,y\r${'1,1\r'.repeat(30_000)}`);
  oneLine(run(['--data', 'cr-big.csv'], { cwd: dir }), EXIT.usage, /cr-big\.csv: its lines end in a carriage return alone/);
  // 10,001 columns: a header of about 100 KiB, wider than the first 64 KiB looked at.
  const names = Array.from({ length: 10_000 }, (_, i) => `feature_${i}`);
  folder.file('words/wide.csv', `${names.join(',')},y\n${Array(10_001).fill('0.5').join(',')}\n${Array(10_001).fill('1').join(',')}\n`);
  const wide = run(['-e', '1', '--data', 'wide.csv', '--explain'], { cwd: dir });
  assert.equal(wide.code, EXIT.ok, wide.stderr);
  assert.match(wide.stdout, /^ {2}2 samples, all used for training$/m);
  const empty = run(['sweep', 'six.json', '--shard', '7/7'], { cwd: dir });
  assert.equal(empty.code, EXIT.ok, empty.stderr);
  assert.match(empty.stdout, /\nno runs to write, six\.shard-7-of-7\.jsonl not created; 0 of 0 runs of shard 7\/7 done\n$/);
  assert.equal(existsSync(join(dir, 'six.shard-7-of-7.jsonl')), false);
  // Nothing was written by any of the refused commands.
  assert.deepEqual(readdirSync(dir).sort(), ['cols.csv', 'cr-big.csv', 'cr.csv', 'six.json', 'wide.csv']);
});

test('the exit codes of the README table are the codes the executable returns', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const table = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('Bad input is caught'));
  const rows = new Map([...table.matchAll(/^\| ([\d /]+) \| (.*) \|$/gm)].map((m) => [m[1].trim(), m[2]]));
  assert.deepEqual([...rows.keys()], ['0', '1', '2', '3', '130 / 143']);
  assert.deepEqual(
    [EXIT.ok, EXIT.failure, EXIT.usage, EXIT.training, EXIT.sigint, EXIT.sigterm].map(String),
    ['0', '1', '2', '3', '130', '143'],
  );
  const dir = join(folder.dir, 'codes');
  mkdirSync(dir);
  folder.file('codes/grid.json', GRID);
  assert.equal(run(['sweep', 'grid.json', '--out', 'r.jsonl', '-q', '--shard', '1/2'], { cwd: dir }).code, EXIT.ok);
  // 1: merge finds runs missing.
  assert.match(rows.get('1')!, /missing or duplicated runs when merging/);
  assert.equal(run(['merge', 'r.jsonl', '--experiment', 'grid.json'], { cwd: dir }).code, 1);
  // 2: a bad flag; an output that could not be written.
  assert.match(rows.get('2')!, /bad input.*could not be written/);
  assert.equal(run(['--lr', 'x'], { cwd: dir }).code, 2);
  // 3: a diverged run, and a failed --assert gate.
  assert.match(rows.get('3')!, /diverged.*--assert/);
  assert.equal(run(['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3'], { cwd: dir }).code, 3);
  assert.equal(run(['sweep', 'grid.json', '--out', 'r.jsonl', '-q', '--shard', '1/2', '--assert', 'finalLoss < 0'], { cwd: dir }).code, 3);
  // The --help summary says the same.
  assert.match(run(['--help']).stdout, /\nExit codes: 0 done, 1 check failed, 2 bad input, 3 NaN\/--assert, 130\/143 signal\.\n/);
  // 130 and 143 are checked with real signals in signals.test.ts.
});
