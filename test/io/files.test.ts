import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/io/errors.js';
import { checkWritableFile, ensureWritableFolder, writeFileAtomic } from '../../src/io/files.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);

test('writeFileAtomic writes the whole text and leaves no temporary file', () => {
  const path = join(dir, 'a.json');
  writeFileAtomic(path, '[1]\n');
  writeFileAtomic(path, '[1, 2]\n');
  assert.equal(readFileSync(path, 'utf8'), '[1, 2]\n');
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
});

test('writing through a symbolic link replaces the file it points to and keeps the link', () => {
  const real = join(dir, 'real.json');
  const link = join(dir, 'link.json');
  writeFileSync(real, 'old');
  symlinkSync(real, link);
  writeFileAtomic(link, 'new');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), 'new');
});

test('a folder, a pipe or a device is never replaced by a file', () => {
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  for (const path of [folder, fifo]) {
    assert.throws(() => writeFileAtomic(path, 'x'), (error: unknown) => error instanceof InputError && /is not a regular file/.test(error.message));
  }
  assert.ok(statSync(folder).isDirectory());
  assert.ok(statSync(fifo).isFIFO());
});

test('a write that fails leaves the old file as it was and no temporary file', () => {
  const missing = join(dir, 'no-such-folder', 'w.json');
  assert.throws(() => writeFileAtomic(missing, 'x'), /cannot write .*w\.json: no such file/);
  assert.throws(() => writeFileAtomic('/proc/w.json', 'x'), /cannot write \/proc\/w\.json/);
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
});

test('checkWritableFile refuses, before any work, every place a file cannot be written', () => {
  const file = join(dir, 'plain.txt');
  writeFileSync(file, '');
  const checks: Array<[string, RegExp]> = [
    [join(dir, 'nope', 'w.json'), /folder .*nope does not exist; create it first/],
    [join(file, 'w.json'), /plain\.txt is not a folder/],
    [dir, /is a folder; give a file name/],
    [fifo, /is not a regular file \(a device, pipe or socket\)/],
    ['/proc/w.json', /cannot create files in \/proc \(no such file\); choose another path/],
  ];
  for (const [path, pattern] of checks) {
    assert.throws(() => checkWritableFile(path, '--save-weights'), (error: unknown) => error instanceof InputError && pattern.test(error.message), path);
  }
});

test('checkWritableFile accepts a new or existing file and leaves nothing behind', () => {
  const before = readdirSync(dir).sort();
  checkWritableFile(join(dir, 'new.json'), '--save-weights');
  checkWritableFile(join(dir, 'a.json'), '--save-weights');
  assert.deepEqual(readdirSync(dir).sort(), before);
});

test('ensureWritableFolder creates a missing folder and refuses a file or an uncreatable one', () => {
  const made = join(dir, 'made', 'deeper');
  ensureWritableFolder(made, '--out');
  assert.ok(statSync(made).isDirectory());
  assert.deepEqual(readdirSync(made), []);
  assert.throws(() => ensureWritableFolder(join(dir, 'a.json'), '--out'), /cannot create the folder|exists and is not a folder/);
  assert.throws(() => ensureWritableFolder('/proc/batchsim-out', '--out'), /--out \/proc\/batchsim-out: cannot create the folder/);
});
