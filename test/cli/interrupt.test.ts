import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalSink } from '../../src/report/terminal-sink.js';
import { CapturedWriter, runCli, type FakeIo } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-int-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Delivers `signals` at the n-th event-loop turn of training (turns come after steps). */
function atTurn(n: number, ...signals: Array<'SIGINT' | 'SIGTERM'>): (io: FakeIo) => void {
  let turn = 0;
  return (io) => {
    if (++turn === n) for (const signal of signals) io.interrupt(signal);
  };
}

// Training gives the event loop its first turn after step 1, then after 2, 4, 8, ... steps at
// most; turn 3 comes after step 1 + 2 + 4 = 7 at the latest, i.e. in epoch 2 (6 steps per epoch).
const long = ['-b', '1', '-e', '100000000', '--no-shuffle', '--no-timings'];

test('Ctrl-C stops after the current step, prints that epoch\'s final line and a note, and exits 130', async () => {
  const { code, stdout, stderr } = await runCli(long, { onPause: atTurn(3, 'SIGINT') });
  assert.equal(code, 130);
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[lines.length - 2], /^Epoch \d\/100000000$/);
  const [, epoch, updates] = /^interrupted \(SIGINT\) in epoch (\d)\/100000000 after (\d+) updates\n$/.exec(stderr)!;
  // The final line shows the step the epoch reached, not the epoch's end.
  const reached = Number(updates) - 6 * (Number(epoch) - 1);
  assert.ok(reached >= 1 && reached <= 6, `reached ${reached}`);
  assert.match(lines[lines.length - 1], new RegExp(`^${reached}/6 \\[[=>.]{30}\\] - 0s 0s/step - loss: \\d\\.\\d{4}$`));
});

test('Ctrl-C mid-epoch in the Keras 3 style shows the step reached and a bar whose rest is drawn light', async () => {
  const { code, stdout, stderr } = await runCli([...long, '--style', 'keras3', '--no-color'], { onPause: atTurn(3, 'SIGINT') });
  assert.equal(code, 130);
  const [, epoch, updates] = /in epoch (\d)\/100000000 after (\d+) updates/.exec(stderr)!;
  const reached = Number(updates) - 6 * (Number(epoch) - 1);
  const last = stdout.trimEnd().split('\n').pop()!;
  const done = Math.trunc(20 * (reached / 6));
  assert.equal(last.slice(0, 4 + 20), `${reached}/6 ${'━'.repeat(done)}${'─'.repeat(20 - done)}`);
});

test('SIGTERM exits 143 and --json is the partial result, marked interrupted', async () => {
  // With timings on: --no-timings writes none (timings: null).
  const timed = long.filter((arg) => arg !== '--no-timings');
  const { code, stdout, stderr } = await runCli([...timed, '--json'], { onPause: atTurn(3, 'SIGTERM') });
  assert.equal(code, 143);
  const doc = JSON.parse(stdout);
  assert.equal(doc.interrupted, true);
  assert.equal(doc.stopped, 'interrupt');
  assert.equal(doc.diverged, null);
  assert.ok(doc.updates >= 3 && doc.updates <= 7, `updates ${doc.updates}`);
  assert.equal(doc.history.loss.length, Math.ceil(doc.updates / 6));
  assert.equal(doc.timings.epochSeconds.length, doc.history.loss.length);
  assert.match(stderr, /^interrupted \(SIGTERM\)/);
});

test('an interrupted run saves the weights it reached with --save-weights', async () => {
  const path = join(dir, 'reached.json');
  const { code, stdout, stderr } = await runCli([...long, '--json', '--save-weights', path], { onPause: atTurn(2, 'SIGINT') });
  assert.equal(code, 130);
  const doc = JSON.parse(stdout);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), doc.weights.final);
  assert.notDeepEqual(doc.weights.final, doc.weights.initial);
  assert.match(stderr, /; the weights so far are in .*reached\.json\n$/);
});

test('a Ctrl-C that arrives before the first step still ends cleanly with 130', async () => {
  const { code, stdout } = await runCli([...long, '--json'], { onPause: atTurn(1, 'SIGINT') });
  assert.equal(code, 130);
  assert.equal(JSON.parse(stdout).updates, 1);
});

test('a second Ctrl-C exits at once with 130, after ending the live line and showing the cursor', async () => {
  let atExit = '';
  const { io } = await runCli(['-b', '1', '-e', '100000000', '--no-color'], {
    tty: true,
    tick: 0.06,
    onPause: (fake) => {
      atTurn(1, 'SIGINT', 'SIGINT')(fake);
      if (fake.exitCode !== null && atExit === '') atExit = fake.stdout.text;
    },
  });
  assert.equal(io.exitCode, 130);
  // cli-progress hides the cursor (ESC[?25l) while it draws; the last word must be "show" (ESC[?25h).
  assert.ok(atExit.lastIndexOf('\x1b[?25h') > atExit.lastIndexOf('\x1b[?25l'), JSON.stringify(atExit));
  assert.ok(atExit.endsWith('\n'), 'the live line is ended');
  assert.match(io.stderr.text, /^interrupted again \(SIGINT\): exiting at once, without results\n/);
});

test('a second signal exits with its own code: SIGINT then SIGTERM gives 143', async () => {
  const { io } = await runCli(long, { onPause: atTurn(1, 'SIGINT', 'SIGTERM') });
  assert.equal(io.exitCode, 143);
});

test('on a terminal an interrupted run leaves the cursor shown and the line ended', async () => {
  const { code, stdout } = await runCli(['-b', '1', '-e', '100000000', '--no-color'], { tty: true, tick: 0.06, onPause: atTurn(3, 'SIGINT') });
  assert.equal(code, 130);
  assert.ok(stdout.lastIndexOf('\x1b[?25h') > stdout.lastIndexOf('\x1b[?25l'));
  assert.ok(stdout.endsWith('\n'));
});

test('abandoning a live terminal line shows the cursor and ends the line; with no live line it writes nothing', () => {
  const out = new CapturedWriter(true);
  const sink = terminalSink(out);
  sink.abandon!();
  assert.equal(out.text, '');
  sink.draw('3/6 [===============>..............] - ETA: 0s - loss: 1.0000');
  sink.abandon!();
  assert.ok(out.text.lastIndexOf('\x1b[?25h') > out.text.lastIndexOf('\x1b[?25l'));
  assert.ok(out.text.endsWith('\n'));
  assert.match(out.text, /3\/6 \[=+>\.+\] - ETA: 0s - loss: 1\.0000/);
  const before = out.text;
  sink.abandon!();
  assert.equal(out.text, before);
});

test('signals after training are not caught: the watcher is gone once the run ends', async () => {
  const { io, code } = await runCli(['-e', '2']);
  assert.equal(code, 0);
  io.interrupt('SIGINT');
  assert.equal(io.exitCode, null);
  assert.equal(io.stderr.text, '');
});

// A Ctrl-C inside a step (the io's step guard, faked here to cut the k-th step as a real SIGINT
// would: the step abandoned, the signal told to the handlers). The sample data in batches of 2:
// 3 steps an epoch.
const cutRun = ['-b', '2', '-e', '5', '--no-shuffle', '--no-timings', '--json'];

test('Ctrl-C inside an epoch\'s first step: exit 130, the run as the epoch before left it, the note says the step was abandoned', async () => {
  const path = join(dir, 'cut.json');
  const cut = await runCli([...cutRun, '--verbose', '2', '--save-weights', path], { cutStep: (k) => k === 4 });
  assert.equal(cut.code, 130);
  const doc = JSON.parse(cut.stdout);
  const reference = JSON.parse((await runCli([...cutRun, '-e', '1'])).stdout);
  assert.equal(doc.interrupted, true);
  assert.equal(doc.stopped, 'interrupt');
  assert.equal(doc.updates, 3);
  assert.deepEqual(doc.history, reference.history);
  assert.deepEqual(doc.weights.final, reference.weights.final);
  assert.equal(doc.endLoss, reference.endLoss);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), reference.weights.final);
  // Epoch 2's header was shown, its line never: the epoch took no step.
  assert.match(cut.stderr, /Epoch 2\/5\ninterrupted \(SIGINT\) in epoch 2\/5 after 3 updates, abandoning the step under way; the weights so far are in .*cut\.json\n$/);
});

test('Ctrl-C inside a step in the middle of an epoch keeps the steps of that epoch already taken', async () => {
  const cut = await runCli([...cutRun, '--verbose', '2'], { cutStep: (k) => k === 5 });
  assert.equal(cut.code, 130);
  const doc = JSON.parse(cut.stdout);
  assert.equal(doc.updates, 4);
  assert.equal(doc.history.loss.length, 2);
  // Epoch 2's line shows the one step it took, as after an interrupt between steps.
  assert.match(cut.stderr, /\nEpoch 2\/5\n1\/3 - 0s - loss: \d\.\d{4}\ninterrupted \(SIGINT\) in epoch 2\/5 after 4 updates, abandoning the step under way\n$/);
});

test('Ctrl-C inside the very first step: nothing trained, the initial weights kept', async () => {
  const cut = await runCli(cutRun, { cutStep: (k) => k === 1 });
  assert.equal(cut.code, 130);
  const doc = JSON.parse(cut.stdout);
  assert.equal(doc.updates, 0);
  assert.deepEqual(doc.history.loss, []);
  assert.deepEqual(doc.weights.final, doc.weights.initial);
  assert.equal(cut.stderr, 'interrupted (SIGINT) during the first step, which was abandoned: nothing trained\n');
});

test('compare: Ctrl-C inside a step of the first run ends the comparison with that run as it stood', async () => {
  const cut = await runCli(['compare', '--batch-sizes', '2,1', '-e', '3', '--no-shuffle', '--no-timings', '--format', 'json', '-q'], { cutStep: (k) => k === 5 });
  assert.equal(cut.code, 130);
  const doc = JSON.parse(cut.stdout);
  assert.equal(doc.interrupted, true);
  assert.equal(doc.runs.length, 1);
  assert.equal(doc.runs[0].config.batchSize, 2);
  assert.equal(doc.runs[0].updates, 4);
  assert.equal(doc.runs[0].interrupted, true);
  assert.match(cut.stderr, /interrupted \(SIGINT\): 0 of 2 runs finished/);
});
