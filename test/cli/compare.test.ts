import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { expectGolden } from '../helpers/golden.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-compare-'));
const w05 = join(dir, 'w05.json');
writeFileSync(w05, '[[[0.5]], [0]]');

/** The reference setup of test/training/fit.test.ts's TensorFlow.js numbers: W = 0.5, b = 0, no shuffling. */
const reference = ['--weights', w05, '--no-shuffle'];

interface Doc {
  schemaVersion: number;
  runs: Array<{
    config: { batchSize: number; seed: number; learningRate: number };
    stepsPerEpoch: number;
    updates: number;
    history: { loss: number[]; val_loss?: number[] };
    finalLoss: number;
    endLoss: number;
    weights: { initial: unknown; final: unknown };
    timings: { totalSeconds: number } | null;
  }>;
  summary: Array<{ batchSize: number; learningRate: number; seeds: number[]; finalLoss: { mean: number; sd: number } }>;
  warnings: string[];
}

test('compare --batch-sizes 6,3,1 --epochs 10 --format json gives three runs from identical weights with 1, 2, 6 steps', async () => {
  const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '6,3,1', '--epochs', '10', '--format', 'json']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const doc = JSON.parse(stdout) as Doc;
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.runs.length, 3);
  assert.deepEqual(doc.runs.map((r) => r.config.batchSize), [6, 3, 1]);
  assert.deepEqual(doc.runs.map((r) => r.stepsPerEpoch), [1, 2, 6]);
  assert.deepEqual(doc.runs.map((r) => r.updates), [10, 20, 60]);
  for (const run of doc.runs) {
    assert.equal(run.history.loss.length, 10);
    assert.deepEqual(run.weights.initial, doc.runs[0].weights.initial);
    assert.equal(run.config.seed, 42);
    assert.equal(run.config.learningRate, 0.001);
    assert.equal(run.finalLoss, run.history.loss[9]);
    assert.equal(typeof run.endLoss, 'number');
    assert.equal(run.history.val_loss, undefined);
    assert.ok(run.timings !== null && run.timings.totalSeconds > 0);
  }
  assert.notDeepEqual(doc.runs[0].weights.final, doc.runs[2].weights.final);
  assert.deepEqual(doc.summary.map((s) => s.batchSize), [6, 3, 1]);
});

test('the whole table output matches its golden file: arithmetic, Keras log per run, summary and chart', async () => {
  const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '6,3,1', '-e', '10', ...reference, '--no-timings']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  expectGolden('compare-output.txt', stdout);
  const lines = stdout.split('\n');
  const at = (text: string): number => lines.indexOf(text);
  assert.ok(at('batch 6: ceil(6 / 6) = 1 step per epoch → 10 updates in 10 epochs') === 0);
  // Each batch size's arithmetic comes right after the previous run's last epoch.
  const batch3 = at('batch 3: ceil(6 / 3) = 2 steps per epoch → 20 updates in 10 epochs');
  assert.match(lines[batch3 - 1], /^1\/1 \[=+\] - 0s 0s\/step - loss: 1\.7095$/);
  assert.equal(lines[batch3 + 1], 'Epoch 1/10');
  assert.match(lines[batch3 + 2], /^2\/2 .* - loss: 1\.7470$/);
  assert.ok(at('batch 1: ceil(6 / 1) = 6 steps per epoch → 60 updates in 10 epochs') > batch3);
});

test('the table output is byte-identical between two runs with --no-timings, whatever the clock does', async () => {
  const argv = ['compare', '--batch-sizes', '6,3', '-e', '10', '--no-timings'];
  const first = await runCli(argv, { tick: 0.001 });
  const second = await runCli(argv, { tick: 0.37 });
  assert.equal(first.stdout, second.stdout);
});

test('--quiet keeps the arithmetic, the table and the chart but drops the Keras logs', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,3,1', '-e', '10', ...reference, '--no-timings', '--quiet']);
  assert.equal(code, 0);
  assert.doesNotMatch(stdout, /Epoch|\[=/);
  const lines = stdout.split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    'batch 6: ceil(6 / 6) = 1 step per epoch → 10 updates in 10 epochs',
    'batch 3: ceil(6 / 3) = 2 steps per epoch → 20 updates in 10 epochs',
    'batch 1: ceil(6 / 1) = 6 steps per epoch → 60 updates in 10 epochs',
  ]);
  assert.match(stdout, /\nbatch +steps\/epoch +updates +final loss/);
  // The lesson closes the output, wrapped at word boundaries to the 80 columns off a terminal.
  const [chart, lesson] = stdout.split(/\n\n(?=In )/);
  assert.match(chart, /── batch 6\n +━━ batch 3\n +══ batch 1\n +●  two or more series in the same place$/);
  assert.equal(lesson.replace(/\s+/g, ' '), "In 10 epochs, batch 1 made 60 updates to batch 6's 10 and ended at loss 1.5090 against 1.7095: the smaller batch got further by updating more often; per update the curves nearly coincide (over the first 10 updates they stay within 4% of the loss range); compare them per update with --x update ");
});

test('with --format json the log goes to stderr only when --verbose is given', async () => {
  const quiet = await runCli(['compare', '--batch-sizes', '6,3', '-e', '10', '--format', 'json']);
  assert.equal(quiet.stderr, '');
  const verbose = await runCli(['compare', '--batch-sizes', '6,3', '-e', '10', '--format', 'json', '--verbose', '1', '--no-timings']);
  assert.equal(verbose.code, 0);
  JSON.parse(verbose.stdout);
  assert.match(verbose.stderr, /^batch 6: ceil\(6 \/ 6\) = 1 step per epoch/);
  assert.match(verbose.stderr, /Epoch 10\/10\n2\/2 \[=+\]/);
});

test('--json is the same as --format json', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '3', '-e', '10', '--json', '--no-timings']);
  assert.equal(code, 0);
  assert.equal((JSON.parse(stdout) as Doc).runs.length, 1);
});

test('--no-timings writes null timings into the JSON so that two documents are identical', async () => {
  const argv = ['compare', '--batch-sizes', '6,3', '-e', '10', '--format', 'json', '--no-timings'];
  const first = await runCli(argv);
  const second = await runCli(argv, { tick: 0.5 });
  assert.equal(first.stdout, second.stdout);
  assert.equal((JSON.parse(first.stdout) as Doc).runs[0].timings, null);
});

test('the Markdown format prints a caption naming data and model, then the table', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,3,1', '-e', '10', ...reference, '--no-timings', '--format', 'markdown']);
  assert.equal(code, 0);
  expectGolden('compare-markdown-cli.md', stdout);
  assert.match(stdout, /^\*\*Training loss by batch size: sample data \(x = y = 1\.\.6\), Dense\(1\)\*\*; mae loss, adam lr 0\.001, 10 epochs, weights w05\.json, no shuffle\.\n\n\| batch \|/);
});

test('the CSV format has a header and one row per run and epoch', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,3,1', '-e', '10', '--format', 'csv']);
  assert.equal(code, 0);
  const rows = stdout.trimEnd().split('\n');
  assert.equal(rows[0], 'batch_size,learning_rate,seed,epoch,update,samples,loss,epoch_seconds');
  assert.equal(rows.length, 31);
});

test('--seeds 3 repeats every batch size with seeds 42, 43, 44, and each seed gives every batch size the same weights', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,2', '-e', '10', '--seeds', '3', '--format', 'json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  assert.deepEqual(
    doc.runs.map((r) => [r.config.batchSize, r.config.seed]),
    [
      [6, 42],
      [6, 43],
      [6, 44],
      [2, 42],
      [2, 43],
      [2, 44],
    ],
  );
  for (const seed of [42, 43, 44]) {
    const [a, b] = doc.runs.filter((r) => r.config.seed === seed);
    assert.deepEqual(a.weights.initial, b.weights.initial);
  }
  assert.deepEqual(doc.summary.map((s) => s.seeds), [
    [42, 43, 44],
    [42, 43, 44],
  ]);
  assert.ok(doc.summary.every((s) => s.finalLoss.sd > 0));
});

test('the table shows mean ± sd with several seeds and the chart legend says it is a mean', async () => {
  const { stdout } = await runCli(['compare', '--batch-sizes', '6,2', '-e', '10', '--seeds', '2', '-q', '--no-timings']);
  assert.match(stdout, /\d\.\d{4} ± \d\.\d{4}/);
  assert.match(stdout, /── batch 6 \(mean of 2 seeds\)/);
});

test('--lrs runs every batch size with every learning rate and labels the series with both', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '--lrs', '0.001,0.01', '--format', 'json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  assert.deepEqual(
    doc.runs.map((r) => [r.config.batchSize, r.config.learningRate]),
    [
      [6, 0.001],
      [6, 0.01],
      [1, 0.001],
      [1, 0.01],
    ],
  );
  const table = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '--lrs', '0.001,0.01', '-q', '--no-timings']);
  assert.match(table.stdout, /batch +lr +steps\/epoch/);
  assert.match(table.stdout, /batch 1, lr 0\.01/);
});

test('--x update puts the losses on an optimizer-update axis that ends at the longest run', async () => {
  const { stdout } = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '-q', '--no-timings', '--x', 'update']);
  assert.match(stdout, / 60\n +optimizer updates\n/);
  const samples = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '-q', '--no-timings', '--x', 'samples']);
  assert.match(samples.stdout, / 60\n +training samples seen\n/);
});

test('warnings go to stderr: duplicates run once, a batch larger than the data, too few updates', async () => {
  const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '32,3,3', '-e', '2', '-q', '--no-timings']);
  assert.equal(code, 0);
  assert.equal(
    stderr,
    [
      'warning: batch size 3 is given 2 times: it runs once',
      'warning: batch 32 > 6 samples: one step of 6',
      'warning: batch 32: only 2 updates in 2 epochs, too few updates to compare; try --epochs 10 or more',
      'warning: batch 3: only 4 updates in 2 epochs, too few updates to compare; try --epochs 5 or more',
      '',
    ].join('\n'),
  );
  assert.match(stdout, /^batch 32: ceil\(6 \/ 32\) = 1 step of 6 per epoch → 2 updates in 2 epochs\nbatch 3: /);
});

test('--plot writes an SVG chart, byte-identical for the same inputs', async () => {
  const a = join(dir, 'a.svg');
  const b = join(dir, 'b.svg');
  const argv = ['compare', '--batch-sizes', '6,3,1', '-e', '10', '-q', '--no-timings'];
  assert.equal((await runCli([...argv, '--plot', a])).code, 0);
  assert.equal((await runCli([...argv, '--plot', b], { tick: 0.3 })).code, 0);
  const svg = readFileSync(a, 'utf8');
  assert.match(svg, /^<svg /);
  assert.ok(readFileSync(b).equals(readFileSync(a)));
  assert.match(svg, /Training loss by batch size: sample data \(x = y = 1\.\.6\), Dense\(1\)/);
});

test('--out writes runs.json, history.csv, summary.md and loss.svg into a new folder', async () => {
  const out = join(dir, 'results', 'nested');
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '6,3', '-e', '10', '-q', '--no-timings', '--out', out, '--format', 'csv']);
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(out).sort(), ['history.csv', 'loss.svg', 'runs.json', 'summary.md']);
  assert.equal(readFileSync(join(out, 'history.csv'), 'utf8'), stdout);
  assert.equal((JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as Doc).runs.length, 2);
  assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /^\*\*Training loss by batch size/);
  assert.match(readFileSync(join(out, 'loss.svg'), 'utf8'), /^<svg /);
});

test('an output that cannot be written is refused before any training', async () => {
  const notFolder = join(dir, 'not-a-folder');
  writeFileSync(notFolder, 'a file, not a folder');
  const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '6,3', '-e', '10', '--out', join(notFolder, 'x')]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: --out .*\n$/);
  const plot = await runCli(['compare', '--batch-sizes', '6', '-e', '10', '--plot', join(dir, 'missing', 'a.svg')]);
  assert.equal(plot.code, 2);
  assert.equal(plot.stdout, '');
  assert.match(plot.stderr, /^error: --plot .*does not exist.*\n$/);
});

test('bad input is one line on stderr and exit code 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /required option '--batch-sizes <list>' not specified/],
    [['--batch-sizes', '0'], /batch size must be ≥ 1/],
    [['--batch-sizes', '3,,1'], /without empty items/],
    [['--batch-sizes', 'a'], /batch size must be a whole number/],
    [['--batch-sizes', '3', '--lr', '0.1', '--lrs', '0.1,0.2'], /give --lr or --lrs, not both/],
    [['--batch-sizes', '3', '--lrs', '0.1,-1'], /learning rate must be > 0/],
    [['--batch-sizes', '3', '--seeds', '0'], /seeds must be ≥ 1/],
    [['--batch-sizes', '3', '--seed', '4294967295', '--seeds', '2'], /goes past 4294967295/],
    [['--batch-sizes', '3', '--format', 'xml'], /unknown format "xml"/],
    [['--batch-sizes', '3', '--x', 'epochs'], /Did you mean "epoch"\?/],
    [['--batch-sizes', '3', '--save-weights', join(dir, 'w.json')], /--save-weights writes one run's weights/],
    [['--batch-sizes', '3', '--json', '--format', 'csv'], /--json and --format csv disagree/],
    [['--batch-sizes', '3', '--layers', '1,2'], /ends with 2 unit/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runCli(['compare', ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '', args.join(' '));
    assert.match(stderr, message, args.join(' '));
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  }
});

test('on a terminal the chart is coloured, and NO_COLOR or --no-color turn colour off', async () => {
  const argv = ['compare', '--batch-sizes', '6,3', '-e', '10', '-q', '--no-timings'];
  const ansi = /\x1b\[3\dm/;
  assert.match((await runCli(argv, { tty: true })).stdout, ansi);
  assert.doesNotMatch((await runCli(argv, { tty: true, env: { NO_COLOR: '1' } })).stdout, ansi);
  assert.doesNotMatch((await runCli([...argv, '--no-color'], { tty: true })).stdout, ansi);
  assert.doesNotMatch((await runCli(argv)).stdout, ansi);
});

test('a validation split adds val_loss to every run and a val_loss column to the table', async () => {
  const { code, stdout } = await runCli(['compare', '--batch-sizes', '4,1', '-e', '10', '--validation-split', '0.34', '--format', 'json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  // floor(6 · 0.66) = 3 training samples: batch 4 > 3 makes one step of 3.
  assert.deepEqual(doc.runs.map((r) => r.stepsPerEpoch), [1, 3]);
  for (const run of doc.runs) assert.equal(run.history.val_loss?.length, 10);
  const table = await runCli(['compare', '--batch-sizes', '4,1', '-e', '10', '--validation-split', '0.34', '-q', '--no-timings'], { env: { COLUMNS: '200' } });
  // Without timings the time columns would be blank: they are left out.
  assert.match(table.stdout, /end loss  val_loss\n/);
  assert.doesNotMatch(table.stdout, /time\/epoch|time\/step|samples\/s/);
  assert.match(table.stderr, /batch 4 > 3 samples: one step of 3/);
});

test('Ctrl-C stops the current run, skips the rest and exits 130 with one line on stderr', async () => {
  let pauses = 0;
  const { code, stderr } = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '-q', '--no-timings'], {
    onPause: (io) => {
      if (++pauses === 1) io.interrupt('SIGINT');
    },
  });
  assert.equal(code, 130);
  assert.equal(pauses, 1, 'no further run started');
  assert.match(stderr, /^interrupted\b.*0 of 2 runs finished.*\n$/);
});

test('on data this small the table says its times measure overhead, in English and Korean; not without timings', async () => {
  const english = await runCli(['compare', '--batch-sizes', '6,1', '--quiet']);
  assert.match(english.stdout.replace(/\n +/g, ' '), /\nnote: 6 samples × 2 weights is too little arithmetic to time: these times measure each step's fixed overhead, not the work a batch size saves; time with more data \(e\.g\. --synthetic linear --samples 100000\)\n/);
  const korean = await runCli(['compare', '--batch-sizes', '6,1', '--quiet', '--lang', 'ko']);
  assert.match(korean.stdout.replace(/\n +/g, ' '), /\n참고: 샘플 6개 × 가중치 2개로는 계산량이 너무 적어서, [^\n]+--synthetic linear --samples 100000\)\n/);
  const untimed = await runCli(['compare', '--batch-sizes', '6,1', '--quiet', '--no-timings']);
  assert.doesNotMatch(untimed.stdout, /note:/);
  const larger = await runCli(['compare', '--batch-sizes', '64,8', '--quiet', '--synthetic', 'linear', '--samples', '50000']);
  assert.doesNotMatch(larger.stdout, /note:/);
});

test('compare --explain gives the arithmetic of every batch size once, then what they share, in English and Korean', async () => {
  const en = await runCli(['compare', '--batch-sizes', '6,4,4,1', '-e', '10', '--explain', '--quiet', '--no-timings']);
  assert.equal(en.code, 0, en.stderr);
  const explained = en.stdout.slice(0, en.stdout.indexOf('batch 6: ceil'));
  assert.equal(explained.match(/^ {2}batch size \d: /gm)?.length, 3);
  assert.match(explained, /\n {2}batch size 4: each optimizer update looks at up to 4 samples\n {4}ceil\(6 \/ 4\) = 2 steps per epoch\n {4}batch sizes 4 \+ 2: [^\n]+\n {4}2 steps × 10 epochs = 20 optimizer updates in all\n/);
  assert.match(explained, /\n {2}batch size 1: each optimizer update looks at up to 1 sample\n/);
  assert.equal(explained.match(/the logged loss \(mae\)/g)?.length, 1);
  const ko = await runCli(['compare', '--batch-sizes', '6,1', '-e', '10', '--explain', '--quiet', '--no-timings', '--lang', 'ko']);
  assert.equal(ko.code, 0, ko.stderr);
  assert.match(ko.stdout, /\n {4}ceil\(6 \/ 1\) = 에포크당 6 스텝\n/);
});

test('the lesson measures the curves per update: with SGD at lr 0.05 they differ, and it says where and by how much, in both languages', async () => {
  const argv = ['compare', '--batch-sizes', '6,1', '-e', '10', '--optimizer', 'sgd', '--lr', '0.05', '--quiet', '--no-timings'];
  const english = await runCli(argv);
  assert.equal(english.code, 0);
  const lesson = english.stdout.slice(english.stdout.lastIndexOf('\n\nIn ')).replace(/\s+/g, ' ');
  assert.doesNotMatch(lesson, /coincide/);
  assert.match(lesson, /; per update they differ: after 6 updates batch 1 was at \d\.\d{4} and batch 6 at \d\.\d{4}, \d+% of the loss range apart; compare them per update with --x update $/);
  const [, percent] = /, (\d+)% of the loss range apart/.exec(lesson)!;
  assert.ok(Number(percent) > 10, percent);
  const korean = await runCli([...argv, '--lang', 'ko']);
  assert.match(korean.stdout.replace(/\s+/g, ' '), new RegExp(`업데이트 횟수로 맞춰 봐도 두 곡선은 다릅니다: 업데이트 6번 뒤 loss는 배치 1은 \\d\\.\\d{4}, 배치 6은 \\d\\.\\d{4}입니다 \\(loss 범위의 ${percent}%만큼 차이\\)`));
});
