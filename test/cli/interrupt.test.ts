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
  assert.match(lines[lines.length - 1], /^6\/6 \[={30}\] - 0s 0s\/step - loss: \d\.\d{4}$/);
  assert.match(stderr, /^interrupted \(SIGINT\) in epoch \d\/100000000 after \d+ updates\n$/);
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
