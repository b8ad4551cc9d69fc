/**
 * The layers of docs/architecture.md, read from the import statements of src/: imports only point
 * down, and no command module imports another.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** The folders each folder may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  i18n: [],
  training: ['core'],
  report: ['core', 'training', 'i18n'],
  io: ['core', 'training', 'i18n'],
  app: ['core', 'training', 'report', 'io', 'i18n'],
  cli: ['core', 'training', 'report', 'io', 'i18n', 'app'],
};

/** Every relative import (static or dynamic) of every source file, as paths under src/. */
function imports(): Array<{ file: string; target: string }> {
  const found: Array<{ file: string; target: string }> = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
          found.push({ file: relative(src, path), target: relative(src, resolve(dirname(path), match[1])) });
        }
      }
    }
  };
  walk(src);
  return found;
}

const folderOf = (path: string): string => path.split(/[\\/]/)[0];

test('imports only point down the layers: core, training, report and io, app, cli', () => {
  const found = imports();
  assert.ok(found.length > 100, `${found.length} imports read`);
  const wrong = found.filter(({ file, target }) => {
    const from = folderOf(file);
    const to = folderOf(target);
    if (!(from in ALLOWED) || from === to) return false;
    return !ALLOWED[from].includes(to);
  });
  assert.deepEqual(wrong, []);
});

test('no command module imports another: train, compare, sweep and merge share only what is in app', () => {
  const commands = ['cli/train.ts', 'cli/compare.ts', 'cli/sweep.ts', 'cli/merge.ts'];
  const crossing = imports().filter(({ file, target }) => commands.includes(file) && commands.includes(target.replace(/\.js$/, '.ts')));
  assert.deepEqual(crossing, []);
});
