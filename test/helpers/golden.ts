/**
 * Golden-file comparison: `expectGolden(name, text)` compares text with test/golden/{name} and fails
 * on any difference. Run the tests with UPDATE_GOLDEN=1 to (re)write the files instead, then review
 * the diff with git.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

export const updatingGolden = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(fileName: string, actual: string): void {
  const path = join(goldenDir, fileName);
  if (updatingGolden) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `missing golden file ${path}; run the tests with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${path} (UPDATE_GOLDEN=1 rewrites it)`);
}
