/** `train --synthetic`: generated data through the whole command, and its conflicting flags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/fake-io.js';

test('--synthetic linear trains on the generated samples and names them in --json', async () => {
  const { code, stdout, stderr } = await runCli(['--synthetic', 'linear', '--samples', '640', '--features', '2', '--json', '--no-timings']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.equal(doc.samples.total, 640);
  assert.equal(doc.samples.features, 2);
  assert.equal(doc.config.data, 'synthetic linear');
});

test('the same --seed gives the same run; the data follows the seed', async () => {
  const run = async (seed: string) =>
    JSON.parse((await runCli(['--synthetic', 'sine', '--samples', '300', '--layers', '8:relu,1', '--seed', seed, '--json', '--no-timings'])).stdout);
  const [a, b, c] = [await run('7'), await run('7'), await run('8')];
  assert.deepEqual(a.history, b.history);
  assert.notDeepEqual(a.history, c.history);
});

test('the log shows the step count of the generated data: 1000 samples by default, 32 per batch', async () => {
  const { code, stdout } = await runCli(['--synthetic', 'linear', '--no-timings']);
  assert.equal(code, 0);
  assert.match(stdout, /^32\/32 \[={30}\]/m);
});

for (const [what, argv, message] of [
  ['--synthetic with --data', ['--synthetic', 'linear', '--data', 'points.csv'], /--synthetic .* --data .*give one of them/],
  ['--samples without --synthetic', ['--samples', '100'], /--samples applies to --synthetic data/],
  ['--noise without --synthetic', ['--noise', '0.5'], /--noise applies to --synthetic data/],
  ['an unknown kind', ['--synthetic', 'cubic'], /unknown synthetic data "cubic".*linear, sine/],
  ['negative noise', ['--synthetic', 'linear', '--noise', '-1'], /noise must be in \[0, /],
  ['zero samples', ['--synthetic', 'linear', '--samples', '0'], /samples must be ≥ 1/],
  ['more samples than memory allows', ['--synthetic', 'linear', '--samples', '2000000000'], /needs about \d+ GiB; use --samples \d+ or less/],
  ['--target with --synthetic', ['--synthetic', 'linear', '--target', 'y'], /--target names columns of a --data CSV file/],
] as const) {
  test(`${what} is a one-line error with exit code 2`, async () => {
    const { code, stdout, stderr } = await runCli([...argv]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  });
}
