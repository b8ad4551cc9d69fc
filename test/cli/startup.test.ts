/**
 * How the executable starts (docs/performance.md, start-up): dist/bin.js compiles the one bundle
 * dist/cli/main.cjs with V8's code cache, and `train -b 3 -e 10` loads none of Node's heavier
 * modules. Also that a missing, stale or foreign cache, or one that cannot be written, changes
 * nothing a user sees. BATCHSIM_STARTUP_DEBUG=1 makes the launcher report on stderr at exit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempFolder } from '../helpers/temp.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const folder = tempFolder('startup');

interface Started {
  code: number | null;
  stdout: string;
  stderr: string;
  codeCache: 'used' | 'missing' | 'rejected';
  modules: string[];
}

/** Runs `bin` with the start-up report on; stdout and stderr are pipes, as in the benchmark. */
function start(bin: string, args: string[], nodeOptions: string[] = []): Started {
  const result = spawnSync(process.execPath, [...nodeOptions, bin, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', BATCHSIM_STARTUP_DEBUG: '1' },
  });
  assert.equal(result.error, undefined);
  const lines = result.stderr.trimEnd().split('\n');
  const report = JSON.parse(lines[lines.length - 1]) as { codeCache: Started['codeCache']; modules: string[] };
  return { code: result.status, stdout: result.stdout, stderr: lines.slice(0, -1).join('\n'), ...report };
}

/** The Keras lines without their timings, which differ from run to run. */
const losses = (stdout: string): string => stdout.replace(/ - \d+s \d+(us|ms|s)\/step/g, '');

/** A copy of the built package (package.json, dist/bin.js, the bundle) with the repository's node_modules. */
function copyOfPackage(name: string): { bin: string; bundle: string; cache: string } {
  const dir = join(folder.dir, name);
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(root, 'dist', 'bin.js'), join(dir, 'dist', 'bin.js'));
  copyFileSync(join(root, 'dist', 'cli', 'main.cjs'), join(dir, 'dist', 'cli', 'main.cjs'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const bundle = join(dir, 'dist', 'cli', 'main.cjs');
  return { bin: join(dir, 'dist', 'bin.js'), bundle, cache: `${bundle}.cache` };
}

const TRAIN = ['--batch-size', '3', '--epochs', '10'];
const reference = start(join(root, 'dist', 'bin.js'), TRAIN);

test('train -b 3 -e 10 runs from the build’s code cache and loads no stream, socket, timing, process or crypto module', () => {
  assert.equal(reference.code, 0, reference.stderr);
  assert.equal(reference.stderr, '');
  assert.equal(reference.stdout.trimEnd().split('\n').length, 20);
  assert.equal(reference.codeCache, 'used');
  const heavy = ['net', 'stream', 'tty', 'perf_hooks', 'timers/promises', 'child_process', 'worker_threads', 'crypto', 'zlib', 'readline', 'http', 'internal/vm/module'];
  assert.deepEqual(
    reference.modules.filter((name) => heavy.includes(name)),
    [],
  );
});

test('the executable is one launcher and one bundle: no module chunks are left in dist/cli', () => {
  const names = readdirSync(join(root, 'dist', 'cli')).filter((name) => name.startsWith('main'));
  assert.deepEqual(names.sort(), ['main.cjs', 'main.cjs.cache', 'main.cjs.map']);
  assert.match(readFileSync(join(root, 'dist', 'bin.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('without a cache the executable prints the same and writes the cache, which the next start uses', () => {
  const pkg = copyOfPackage('missing');
  const first = start(pkg.bin, TRAIN);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.codeCache, 'missing');
  assert.equal(losses(first.stdout), losses(reference.stdout));
  assert.ok(existsSync(pkg.cache));
  assert.deepEqual(readdirSync(join(pkg.bundle, '..')).sort(), ['main.cjs', 'main.cjs.cache']);
  const second = start(pkg.bin, TRAIN);
  assert.equal(second.codeCache, 'used');
  assert.equal(losses(second.stdout), losses(reference.stdout));
});

test('a cache of another bundle or of garbage is rejected, the run is unchanged, and the cache is rewritten', () => {
  for (const [name, prepare] of [
    // The bundle changed after its cache was made (V8 checks the source's length).
    ['stale', (pkg: ReturnType<typeof copyOfPackage>) => {
      copyFileSync(join(root, 'dist', 'cli', 'main.cjs.cache'), pkg.cache);
      appendFileSync(pkg.bundle, '\n// a later build\n');
    }],
    ['garbage', (pkg: ReturnType<typeof copyOfPackage>) => writeFileSync(pkg.cache, Buffer.alloc(4096, 7))],
  ] as const) {
    const pkg = copyOfPackage(name);
    prepare(pkg);
    const first = start(pkg.bin, TRAIN);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    assert.equal(first.codeCache, 'rejected', name);
    assert.equal(losses(first.stdout), losses(reference.stdout));
    assert.equal(start(pkg.bin, TRAIN).codeCache, 'used', name);
  }
});

test('a cache that cannot be written is no error, and Node started with options of its own writes none', () => {
  const blocked = copyOfPackage('blocked');
  // A folder where the cache file would go: reading and replacing it both fail.
  mkdirSync(blocked.cache);
  writeFileSync(join(blocked.cache, 'keep'), 'x');
  const ended = start(blocked.bin, TRAIN);
  assert.equal(ended.code, 0, ended.stderr);
  assert.equal(ended.stderr, '');
  assert.equal(losses(ended.stdout), losses(reference.stdout));
  assert.deepEqual(readdirSync(join(blocked.bundle, '..')).sort(), ['main.cjs', 'main.cjs.cache']);
  assert.deepEqual(readdirSync(blocked.cache), ['keep']);

  const optioned = copyOfPackage('optioned');
  const run = start(optioned.bin, TRAIN, ['--stack-size=2000']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.codeCache, 'missing');
  assert.equal(existsSync(optioned.cache), false);
});

test('the Korean messages and the subcommands still load on demand from the one bundle', () => {
  const help = start(join(root, 'dist', 'bin.js'), ['compare', '--help', '--lang', 'ko']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /[가-힣]/);
});

test('standard output written straight to a file or a pipe keeps the failure rules: a file-size limit is one line and exit 2, a closed pipe is quiet', () => {
  const bin = join(root, 'dist', 'bin.js');
  const quoted = (words: string[]): string => words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const out = join(folder.dir, 'limited.txt');
  const limited = spawnSync('sh', ['-c', `ulimit -f 1; ${quoted([process.execPath, bin, '--epochs', '30'])} > ${quoted([out])}`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(limited.status, 2, limited.stderr);
  assert.match(limited.stderr, /^error: cannot write the output: the file would be larger than this process may write \(ulimit -f\); free some space or send the output elsewhere\n$/);
  // What fitted under the limit was written.
  assert.equal(readFileSync(out).length, 512);
  // The executable's own exit code, written by a subshell after its output ends.
  const piped = spawnSync('sh', ['-c', `{ ${quoted([process.execPath, bin, '--epochs', '3000', '--save-weights', join(folder.dir, 'w.json')])}; echo "exit $?" >&2; } | head -1`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(piped.stdout, 'Epoch 1/3000\n');
  assert.equal(piped.stderr, 'exit 0\n');
  assert.equal(JSON.parse(readFileSync(join(folder.dir, 'w.json'), 'utf8')).length, 2);
});
