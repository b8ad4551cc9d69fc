/**
 * `train compare` under bad input, divergence and interruption: the same rules as `train`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type FakeIo } from '../helpers/fake-io.js';
import { tempFolder } from '../helpers/temp.js';

const { dir, file } = tempFolder('cmp');

/** Every file (not folder) under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(folder, name)).isFile());
}

const cases: Array<[string, string[], RegExp]> = [
  ['no --batch-sizes', ['compare'], /required option '--batch-sizes <list>' not specified/],
  ['batch size 0 in the list', ['compare', '--batch-sizes', '6,0'], /batch size must be ≥ 1; got 0/],
  ['an empty item in the list', ['compare', '--batch-sizes', '6,,1'], /batch sizes must be a comma-separated list without empty items/],
  ['a negative learning rate in --lrs', ['compare', '--batch-sizes', '6', '--lrs', '0.1,-1'], /learning rate must be > 0; got -1/],
  ['--lr with --lrs', ['compare', '--batch-sizes', '6', '--lr', '0.1', '--lrs', '0.1,0.2'], /give --lr or --lrs, not both/],
  ['0 seeds', ['compare', '--batch-sizes', '6', '--seeds', '0'], /seeds must be ≥ 1/],
  ['--save-weights', ['compare', '--batch-sizes', '6', '--save-weights', join(dir, 'w.json')], /--save-weights writes one run's weights/],
  ['an unknown format', ['compare', '--batch-sizes', '6', '--format', 'xml'], /unknown format "xml"/],
  ['a bad data file', ['compare', '--batch-sizes', '6', '--data', file('bad.csv', 'x,y\n1,oops\n')], /bad\.csv: line 2, column 2 \(y\): "oops" is not a number/],
  ['an unknown --on-nan policy', ['compare', '--batch-sizes', '6', '--on-nan', 'skip'], /unknown --on-nan policy "skip"/],
  ['a model too big for the largest batch', ['compare', '--batch-sizes', '1,20000', '--data', file('rows.csv', `x,y\n${'1,2\n'.repeat(20000)}`), '--layers', '8000,1'], /a batch of 20000 samples through --layers 8000,1 needs about/],
  ['--plot over a folder', ['compare', '--batch-sizes', '6', '--plot', dir], /--plot .* is a folder; give a file name/],
  ['--plot where no file can be created', ['compare', '--batch-sizes', '6', '--plot', '/proc/loss.svg'], /--plot \/proc\/loss\.svg: cannot create files in \/proc/],
  ['--out where no folder can be created', ['compare', '--batch-sizes', '6', '--out', '/proc/results'], /--out \/proc\/results: cannot create the folder/],
  ['--out naming a file', ['compare', '--batch-sizes', '6', '--out', file('taken', '')], /--out .*taken: cannot create the folder|exists and is not a folder/],
];

for (const [what, argv, pattern] of cases) {
  test(`compare with ${what} fails with one line, exit code 2 and no file written`, async () => {
    const caseDir = mkdtempSync(join(dir, 'case-'));
    const outputs = argv.includes('--out') || argv.includes('--plot') ? [] : ['--out', join(caseDir, 'out'), '--plot', join(caseDir, 'loss.svg')];
    const { code, stdout, stderr } = await runCli([...argv, ...outputs]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: [^\n]+\n$/);
    assert.match(stderr, pattern);
    assert.deepEqual(filesUnder(caseDir), []);
  });
}

/** Delivers `signal` at the n-th event-loop turn of training. */
function atTurn(n: number, signal: 'SIGINT' | 'SIGTERM'): (io: FakeIo) => void {
  let turn = 0;
  return (io) => {
    if (++turn === n) io.interrupt(signal);
  };
}

test('an interrupted comparison still prints and writes the runs so far, marked interrupted, and exits 130', async () => {
  const out = join(dir, 'interrupted');
  // The log (on stderr with --verbose) announces each batch size: Ctrl-C comes once batch 1 trains.
  let sent = false;
  const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '--format', 'json', '--no-timings', '--verbose', '2', '--out', out], {
    onPause: (io) => {
      if (!sent && io.stderr.text.includes('batch 1:')) {
        sent = true;
        io.interrupt('SIGINT');
      }
    },
  });
  assert.equal(code, 130);
  const doc = JSON.parse(stdout);
  assert.equal(doc.interrupted, true);
  assert.deepEqual(
    doc.runs.map((r: { config: { batchSize: number }; stopped: string | null }) => [r.config.batchSize, r.stopped]),
    [
      [6, null],
      [1, 'interrupt'],
    ],
  );
  const cut = doc.runs[1];
  assert.ok(cut.updates < 60 && cut.history.loss.length < 10);
  assert.equal(doc.summary[1].updates, cut.updates, 'the summary counts the updates made, not planned');
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')), doc);
  assert.deepEqual(filesUnder(out).sort(), ['history.csv', 'loss.svg', 'runs.json', 'summary.md']);
  assert.match(stderr, /^interrupted \(SIGINT\): 1 of 2 runs finished; the results cover the runs so far/m);
});

test('SIGTERM during a comparison exits 143 and the table shows what was done', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '-q', '--no-timings'], { onPause: atTurn(3, 'SIGTERM') });
  assert.equal(code, 143);
  assert.match(stdout, /^batch +steps\/epoch +updates/m);
  assert.match(stdout, /^ {4}6 +1 +\d /m, "fewer than the 10 planned updates");
});

test('a diverging run in a comparison stops, the others finish, and the exit code is 3', async () => {
  const args = ['compare', '--batch-sizes', '6,1', '-e', '3', '--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '--no-shuffle', '--format', 'json'];
  const stop = await runCli(args);
  assert.equal(stop.code, 3);
  const doc = JSON.parse(stop.stdout);
  assert.equal(doc.interrupted, false);
  assert.equal(doc.runs[1].stopped, 'nan');
  assert.match(stop.stderr, /warning: batch 1, .*: the loss became NaN or infinite in epoch 1, batch 3; training stopped/);
  const go = await runCli([...args, '--on-nan', 'continue']);
  assert.equal(go.code, 3);
  assert.equal(JSON.parse(go.stdout).runs[1].history.loss.length, 3);
  assert.match(go.stderr, /training went on \(--on-nan continue\)/);
});

test('the --out folder check creates nothing but the folder itself', async () => {
  const out = join(dir, 'made', 'here');
  mkdirSync(join(dir, 'made'));
  const { code } = await runCli(['compare', '--batch-sizes', '6', '--out', out, '--data', join(dir, 'missing.csv')]);
  assert.equal(code, 2);
  assert.deepEqual(filesUnder(join(dir, 'made')), []);
});
