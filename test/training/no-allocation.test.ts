/**
 * The training step allocates nothing: after warming up, stretches of 10,000 steps leave the young
 * generation of the heap where it was, give or take the probe's own bookkeeping. How it is
 * measured is in allocation-probe.ts.
 *
 * The probe runs in a child process with V8's optimizing compiler working on the main thread
 * (--no-concurrent-recompilation, --no-concurrent-osr): otherwise, when the machine is busy (as
 * when test files run in parallel), the compiler thread can lag so far behind that a whole run
 * executes unoptimized code, which boxes numbers, and the measure says more about the load than
 * about the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cases } from './allocation-probe.js';

const probe = fileURLToPath(new URL('./allocation-probe.ts', import.meta.url));

for (const c of cases) {
  test(`a training step allocates nothing: ${c.name}`, () => {
    const output = execFileSync(process.execPath, ['--no-concurrent-recompilation', '--no-concurrent-osr', '--import', 'tsx', probe, c.name], { encoding: 'utf8' });
    const { bytes, stretches } = JSON.parse(output) as { bytes: number; stretches: number };
    assert.ok(stretches >= 4, `only ${stretches} stretches without a garbage collection`);
    assert.ok(bytes < 2, `${bytes.toFixed(2)} bytes per step`);
  });
}
