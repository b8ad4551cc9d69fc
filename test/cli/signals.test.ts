/**
 * The built executable against real signals: Ctrl-C and SIGTERM stop a long run after the current
 * step with a valid, marked partial result; a Ctrl-C inside one long step cuts it short; and a
 * diverging run exits 3. `npm test` builds first.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'batchsim-sig-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// 2000 samples in batches of 100: 20 steps and one log line per epoch, so the log is light.
const data = join(dir, 'line.csv');
writeFileSync(data, `x,y\n${Array.from({ length: 2000 }, (_, i) => `${i / 1000},${(2 * i) / 1000 + 1}`).join('\n')}\n`);

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the executable; once it has logged its first epoch (so training is under way and the
 * signal handlers are in place), sends `signal` if one is given.
 */
function runBin(args: string[], signal?: NodeJS.Signals): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Keep reading stderr to the end: a full pipe would block the child's writes.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (signal !== undefined && !sent && /\d+\/\d+ - /.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, closeSignal) => resolve({ code, signal: closeSignal, stdout, stderr }));
  });
}

const longRun = ['--data', data, '-b', '100', '--epochs', '100000000', '--json', '--verbose', '2', '--no-shuffle'];

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} stops a long run after the current step: exit ${code}, valid JSON marked interrupted`, async () => {
    const saved = join(dir, `${signal}.json`);
    const outcome = await runBin([...longRun, '--save-weights', saved], signal);
    assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
    assert.equal(outcome.code, code, outcome.stderr.slice(-500));
    const doc = JSON.parse(outcome.stdout);
    assert.equal(doc.interrupted, true);
    assert.equal(doc.stopped, 'interrupt');
    assert.ok(doc.history.loss.length >= 1 && doc.history.loss.length < 100000000);
    assert.ok(doc.updates >= 1);
    assert.equal(doc.stepsPerEpoch, 20);
    assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), doc.weights.final);
    assert.match(outcome.stderr, new RegExp(`\\ninterrupted \\(${signal}\\) in epoch \\d+/100000000 after \\d+ updates; the weights so far are in .*\\n$`));
  });
}

test('a diverging run exits 3 with the history so far in JSON', async () => {
  const outcome = await runBin(['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3', '--no-shuffle', '--json']);
  assert.equal(outcome.code, 3);
  assert.equal(outcome.stderr, 'Batch 3: Invalid loss, terminating training\n');
  const doc = JSON.parse(outcome.stdout);
  assert.equal(doc.stopped, 'nan');
  assert.deepEqual(doc.diverged, { epoch: 1, batch: 3 });
  assert.deepEqual(doc.history.loss, [null]);
});

test('bad input exits 2 with one line and writes nothing', async () => {
  const saved = join(dir, 'never.json');
  const outcome = await runBin(['--lr', 'NaN', '--save-weights', saved]);
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stdout, '');
  assert.match(outcome.stderr, /^error: option '--lr <rate>' argument 'NaN' is invalid\. learning rate must be a number > 0, e\.g\. 0\.001\.\n$/);
  assert.throws(() => readFileSync(saved));
});

/** Bytes the process has read so far (Linux: /proc/<pid>/io), 0 while it cannot be seen. */
function bytesRead(pid: number): number {
  try {
    return Number(/^rchar:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

// Two million rows: reading them takes a good fraction of a second, the start-up the signal lands in.
const bigData = join(dir, 'big.csv');
writeFileSync(bigData, `x,y\n${Array.from({ length: 2_000_000 }, (_, i) => `${i % 1000},${i % 7}`).join('\n')}\n`);
const bigSize = statSync(bigData).size;

/** Runs the executable and sends `signal` once it has read more than `bytes` (all of the big data file). */
function signalAfterReading(args: string[], signal: NodeJS.Signals, bytes: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Sent once the whole file has been read, while its rows are parsed (a good part of a second).
    const poll = setInterval(() => {
      if (bytesRead(child.pid!) > bytes) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 1);
    child.on('error', reject);
    child.on('close', (exitCode, closeSignal) => {
      clearInterval(poll);
      resolve({ code: exitCode, signal: closeSignal, stdout, stderr });
    });
  });
}

test('SIGINT while a sweep reads its data: exit 130 before any run, and no results file is created', async () => {
  writeFileSync(join(dir, 'big-grid.json'), JSON.stringify({ epochs: 1, data: 'big.csv', grid: { batchSize: [1000, 2000] } }));
  const outcome = await signalAfterReading(['sweep', 'big-grid.json', '--out', 'big.jsonl', '-q'], 'SIGINT', bigSize);
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 130, outcome.stderr);
  assert.equal(outcome.stderr, 'interrupted: 0 of 2 runs are in big.jsonl; run the same command again to finish\n');
  assert.equal(existsSync(join(dir, 'big.jsonl')), false);
  assert.equal(existsSync(join(dir, 'big.jsonl.lock')), false);
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} while the data is still being read: exit ${code}, nothing trained, the results written and marked interrupted`, async () => {
    const saved = join(dir, `startup-${signal}.json`);
    const log = join(dir, `startup-${signal}.csv`);
    const outcome = await signalAfterReading(['--data', bigData, '-b', '1000', '-e', '5', '--json', '--save-weights', saved, '--csv-log', log], signal, bigSize);
    assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
    assert.equal(outcome.code, code, outcome.stderr);
    assert.equal(outcome.stderr, `interrupted (${signal}) before the first step: nothing trained; the initial weights are in ${saved}\n`);
    const doc = JSON.parse(outcome.stdout);
    assert.equal(doc.interrupted, true);
    assert.equal(doc.updates, 0);
    assert.deepEqual(doc.history.loss, []);
    assert.deepEqual(doc.weights.final, doc.weights.initial);
    assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), doc.weights.initial);
    assert.equal(readFileSync(log, 'utf8'), 'epoch,loss\n');
  });
}

// One full-batch step of 30,000 rows of 64 features through 256 ReLU units: about a second or more
// (4·10⁸ multiply-adds a step by training/fit.ts's stepWork, so the step runs under the guard).
const wideData = ['--synthetic', 'sine', '--samples', '30000', '--features', '64', '--layers', '256:relu,1', '--loss', 'mse', '--no-shuffle'];
const wide = [...wideData, '-b', '30000'];

interface TimedOutcome extends Outcome {
  /** Seconds the first step took, from the epoch's header to its line, as the test saw them. */
  readonly stepSeconds: number;
  /** Seconds from the signal to the end of the process. */
  readonly afterSignal: number;
}

/**
 * Runs the executable with --verbose 2 and sends `signal` inside the second step: a third of a
 * step's time after the second epoch's header (the step begins right after it).
 */
function signalInSecondStep(args: string[], signal: NodeJS.Signals): Promise<TimedOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--verbose', '2'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let headerAt = 0;
    let stepSeconds = 0;
    let sentAt = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (headerAt === 0 && /Epoch 1\//.test(stderr)) headerAt = performance.now();
      if (stepSeconds === 0 && /\n1\/1 - /.test(stderr)) stepSeconds = (performance.now() - headerAt) / 1000;
      if (stepSeconds > 0 && sentAt === 0 && /\nEpoch 2\//.test(stderr)) {
        sentAt = -1;
        setTimeout(() => {
          sentAt = performance.now();
          child.kill(signal);
        }, (1000 * stepSeconds) / 3);
      }
    });
    child.on('error', reject);
    child.on('close', (code, closeSignal) => resolve({ code, signal: closeSignal, stdout, stderr, stepSeconds, afterSignal: (performance.now() - sentAt) / 1000 }));
  });
}

test('Ctrl-C inside one long step cuts it short: exit 130 well before the step would have ended, with the weights of the step before', async () => {
  const saved = join(dir, 'cut.json');
  const outcome = await signalInSecondStep([...wide, '-e', '1000', '--json', '--save-weights', saved], 'SIGINT');
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 130, outcome.stderr.slice(-500));
  // Left to run, the step would have needed two thirds of a step's time more: the run ended sooner,
  // including the loss over all rows at the final weights (a forward pass, a fraction of a step).
  assert.ok(outcome.afterSignal < (2 / 3) * outcome.stepSeconds, `${outcome.afterSignal.toFixed(2)} s after the signal; a step took ${outcome.stepSeconds.toFixed(2)} s`);
  assert.match(outcome.stderr, new RegExp(`\nEpoch 2/1000\ninterrupted \\(SIGINT\\) in epoch 2/1000 after 1 updates, abandoning the step under way; the weights so far are in ${saved}\n$`));
  const doc = JSON.parse(outcome.stdout);
  assert.equal(doc.interrupted, true);
  assert.equal(doc.updates, 1);
  // The same run stopped by its epoch count after that one step.
  const reference = join(dir, 'one-step.json');
  const one = await runBin([...wide, '-e', '1', '--json', '--save-weights', reference]);
  assert.equal(one.code, 0, one.stderr);
  const oneDoc = JSON.parse(one.stdout);
  assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), JSON.parse(readFileSync(reference, 'utf8')));
  assert.deepEqual(doc.history, oneDoc.history);
  assert.equal(doc.endLoss, oneDoc.endLoss);
});

test('SIGTERM inside one long step is heard when the step ends: exit 143 with that step taken', async () => {
  const outcome = await signalInSecondStep([...wide, '-e', '1000', '--json'], 'SIGTERM');
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 143, outcome.stderr.slice(-500));
  assert.equal(JSON.parse(outcome.stdout).updates, 2);
  assert.match(outcome.stderr, /\ninterrupted \(SIGTERM\) in epoch 2\/1000 after 2 updates\n$/);
});

test('compare: Ctrl-C inside one long step ends the comparison at once with the run as it stood', async () => {
  const outcome = await signalInSecondStep(['compare', ...wideData, '--batch-sizes', '30000,15000', '-e', '1000', '--format', 'json', '--no-timings'], 'SIGINT');
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 130, outcome.stderr.slice(-500));
  assert.ok(outcome.afterSignal < (2 / 3) * outcome.stepSeconds, `${outcome.afterSignal.toFixed(2)} s after the signal; a step took ${outcome.stepSeconds.toFixed(2)} s`);
  const doc = JSON.parse(outcome.stdout);
  assert.equal(doc.runs.length, 1);
  assert.equal(doc.runs[0].updates, 1);
  assert.match(outcome.stderr, /\ninterrupted \(SIGINT\): 0 of 2 runs finished/);
});

test('sweep: Ctrl-C while a worker is inside one long step ends the sweep at once (the worker is terminated)', async () => {
  // 8,000 rows of 64 features through 256 ReLU units in one batch: steps of a good part of a second.
  const header = Array.from({ length: 64 }, (_, j) => `x${j}`).join(',');
  const rows = Array.from({ length: 8000 }, (_, i) => Array.from({ length: 65 }, (_, j) => (((i * 31 + j * 17) % 97) / 48 - 1).toFixed(3)).join(','));
  writeFileSync(join(dir, 'wide.csv'), `${header},y\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'wide-grid.json'), JSON.stringify({ data: 'wide.csv', layers: '256:relu,1', loss: 'mse', epochs: 1000, shuffle: false, grid: { batchSize: [8000] } }));
  const outcome = await new Promise<Outcome & { afterSignal: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'sweep', 'wide-grid.json', '--out', 'wide.jsonl'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // The run has started on its worker; a second later it is well into its steps.
      if (sentAt === 0 && /running 1 on 1 worker/.test(stdout)) {
        sentAt = -1;
        setTimeout(() => {
          sentAt = performance.now();
          child.kill('SIGINT');
        }, 1000);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, closeSignal) => resolve({ code, signal: closeSignal, stdout, stderr, afterSignal: (performance.now() - sentAt) / 1000 }));
  });
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 130, outcome.stderr);
  // The run had a thousand steps to go: it was not waited for.
  assert.ok(outcome.afterSignal < 5, `${outcome.afterSignal.toFixed(2)} s after the signal`);
  assert.equal(outcome.stderr, 'interrupted: 0 of 1 runs are in wide.jsonl; run the same command again to finish\n');
});

test('merge: Ctrl-C while it reads and draws stops it before any output: nothing printed, no --plot file, exit 130', async () => {
  writeFileSync(join(dir, 'small-grid.json'), JSON.stringify({ epochs: 1, grid: { batchSize: [1, 2, 3, 6], seed: [1, 2] } }));
  const sweep = await runBin(['sweep', join(dir, 'small-grid.json'), '--out', join(dir, 'small.jsonl'), '-q']);
  assert.equal(sweep.code, 0, sweep.stderr);
  // A torn last line, as a killed sweep leaves: merge notes it once it has read the file, which
  // is the moment the signal is sent (the chart is still to be drawn).
  const whole = readFileSync(join(dir, 'small.jsonl'), 'utf8');
  writeFileSync(join(dir, 'small.jsonl'), `${whole}${whole.slice(0, 120)}`);
  const plot = join(dir, 'small.svg');
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'merge', 'small.jsonl', '--experiment', 'small-grid.json', '--plot', plot], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (!/half-written/.test(stderr) && /half-written/.test(stderr + chunk)) child.kill('SIGINT');
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, closeSignal) => resolve({ code, signal: closeSignal, stdout, stderr }));
  });
  assert.equal(outcome.signal, null, 'the process ended by itself, not killed by the signal');
  assert.equal(outcome.code, 130, outcome.stderr);
  assert.equal(outcome.stdout, '');
  assert.equal(existsSync(plot), false);
  assert.equal(
    outcome.stderr,
    'note: small.jsonl: ignored a half-written last line left by an interrupted sweep\ninterrupted (SIGINT) before any output: merge printed and wrote nothing\n',
  );
  // The same merge left alone writes both.
  const merged = await runBin(['merge', join(dir, 'small.jsonl'), '--experiment', join(dir, 'small-grid.json'), '--plot', plot]);
  assert.equal(merged.code, 0, merged.stderr);
  assert.ok(merged.stdout.length > 0);
  assert.ok(existsSync(plot));
});
