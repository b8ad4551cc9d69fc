/**
 * Golden files: expected output stored under test/golden/. Set UPDATE_GOLDEN=1 to rewrite them
 * after an intended change; otherwise any difference fails the test.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function goldenPath(name: string): URL {
  return new URL(`../golden/${name}`, import.meta.url);
}

export function expectGolden(name: string, actual: string): void {
  const path = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) assert.fail(`golden file ${name} is missing`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
