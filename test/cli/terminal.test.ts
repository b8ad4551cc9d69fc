import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth } from '../../src/report/width.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInPty, screen } from '../helpers/pty.js';
import { tempFolder } from '../helpers/temp.js';

// Needs `npm run build` first: these run dist/bin.js at a real pseudo-terminal.

const experiment = fileURLToPath(new URL('../../examples/batch-vs-lr.json', import.meta.url));
const { dir: sweepDir } = tempFolder('terminal');

const longLine = ['-e', '2', '--validation-split', '0.34', '--loss-report', 'end', '--no-timings'];

test('the screen model loses text past the margin when wrapping is off, and wraps it otherwise', () => {
  const line = `${'x'.repeat(78)}END`;
  assert.deepEqual(screen(`\x1b[?7l${line}\n`, 80), [`${'x'.repeat(78)}ED`, '']);
  assert.deepEqual(screen(`${line}\n`, 80), [`${'x'.repeat(78)}EN`, 'D', '']);
});

for (const columns of [80, 120]) {
  for (const lang of ['en', 'ko']) {
    test(`at ${columns} columns (${lang}) the whole final line reaches the screen, wrapped by the terminal`, () => {
      const { raw, status } = runInPty([...longLine, '--lang', lang], columns);
      assert.equal(status, 0, raw);
      assert.ok(!raw.includes('\x1b[?7l'), 'line wrapping is never turned off');
      const rows = screen(raw, columns);
      const text = rows.join('\n');
      // The two final lines, joined back from the rows they wrapped onto.
      const joined = rows.reduce<string[]>((lines, row, i) => {
        if (i > 0 && displayWidth(rows[i - 1]) === columns) lines[lines.length - 1] += row;
        else lines.push(row);
        return lines;
      }, []);
      const finals = joined.filter((line) => line.startsWith('1/1 ['));
      assert.equal(finals.length, 2, text);
      for (const line of finals) assert.match(line, / - val_loss: \d\.\d{4} - end_loss: \d\.\d{4}$/, text);
      for (const row of rows) assert.ok(displayWidth(row) <= columns);
    });
  }

  test(`at ${columns} columns every live redraw fits on one row`, () => {
    // Batch 1 with a long run: many redraws of a live line.
    const { raw, status } = runInPty(['-b', '1', '-e', '3', '--validation-split', '0.34', '--style', 'keras3', '--no-color', '--no-timings'], columns);
    assert.equal(status, 0, raw);
    // Keras 3's line moves back with backspaces before each redraw: cursor moves, not text.
    const draws = raw.split('\r').slice(1).map((draw) => draw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x08/g, ''));
    const live = draws.filter((draw) => !draw.endsWith('\n'));
    assert.ok(live.length > 0);
    for (const draw of live) assert.ok(displayWidth(draw) < columns, JSON.stringify(draw));
  });
}

for (const columns of [80, 120]) {
  for (const lang of ['en', 'ko']) {
    test(`at ${columns} columns (${lang}) --explain, compare's table, chart, note and lesson fit the terminal, words whole`, () => {
      const explain = runInPty(['-b', '4', '-e', '1', '--explain', '--validation-split', '0.2', '--loss-report', 'end', '--no-timings', '--lang', lang], columns);
      assert.equal(explain.status, 0, explain.raw);
      const compare = runInPty(['compare', '--batch-sizes', '32,6,3,1', '-e', '10', '--quiet', '--lang', lang], columns);
      assert.equal(compare.status, 0, compare.raw);
      for (const { raw } of [explain, compare]) {
        const lines = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n').filter((line) => !/^\r?\d+\/\d+ \[/.test(line));
        for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)} > ${columns}: ${line}`);
      }
      const text = compare.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      // The chart takes the width it is given.
      const axis = text.split('\n').find((line) => line.includes('└'))!;
      assert.ok(displayWidth(axis) >= columns - 8, axis);
      assert.match(text, lang === 'en' ? /batch 6: the very same losses as batch 32/ : /배치 6: 손실 값이 배치 32 쪽과 똑같아서/);
    });
  }
}

// Ctrl-C mid-epoch at a real terminal: a long first epoch (200,000 steps of batch 1 through two
// hidden layers, several seconds), interrupted after three seconds.
const longEpoch = ['-b', '1', '-e', '1', '--synthetic', 'linear', '--samples', '200000', '--layers', '32:relu,32:relu,1'];

/** The final line's step reached, steps in the epoch, shown seconds and time per step in seconds. */
function stoppedLine(text: string, style: 'keras2' | 'keras3'): { reached: number; steps: number; seconds: number; perStep: number; bar: string } {
  const lines = text.split('\n').filter((line) => / \d+(?:us|ms|s)\/step/.test(line));
  const last = lines[lines.length - 1] ?? '';
  const pattern =
    style === 'keras2'
      ? /^ *(\d+)\/(\d+) (\[[=>.]{30}\]) - (\d+)s (\d+)(us|ms|s)\/step - loss: \d\.\d{4}$/
      : /^ *(\d+)\/(\d+) ([━─]{20}) (\d+)s (\d+)(us|ms|s)\/step - loss: \d\.\d{4}$/;
  const m = pattern.exec(last);
  assert.ok(m !== null, `final line: ${JSON.stringify(last)}\n${text}`);
  const unit = { us: 1e-6, ms: 1e-3, s: 1 }[m[6] as 'us' | 'ms' | 's'];
  return { reached: Number(m[1]), steps: Number(m[2]), bar: m[3], seconds: Number(m[4]), perStep: Number(m[5]) * unit };
}

for (const [style, columns, lang] of [
  ['keras2', 80, 'en'],
  ['keras3', 80, 'ko'],
  ['keras3', 120, 'en'],
  ['keras2', 120, 'ko'],
] as const) {
  test(`Ctrl-C at a ${columns}-column terminal mid-epoch (${style}, ${lang}): the final line shows the step reached and the time per step actually taken`, () => {
    const started = Date.now();
    const { raw, status } = runInPty([...longEpoch, '--style', style, '--no-color', '--lang', lang], columns, {}, 3);
    const wall = (Date.now() - started) / 1000;
    assert.equal(status, 130, raw);
    const text = screen(raw, columns).join('\n');
    const line = stoppedLine(text, style);
    assert.equal(line.steps, 200000);
    assert.ok(line.reached > 0 && line.reached < line.steps, `reached ${line.reached}`);
    const note = lang === 'en' ? /interrupted \(SIGINT\) in epoch 1\/1 after (\d+) updates/ : /중단되었습니다 \(SIGINT\): 에포크 1\/1에서 업데이트 (\d+)번까지 진행했습니다/;
    const [, updates] = note.exec(text) ?? [];
    assert.ok(updates !== undefined, text);
    assert.equal(line.reached, Number(updates));
    // Time per step × steps taken is the time trained: most of the three seconds before Ctrl-C,
    // never more than the whole run. Spread over all 200,000 steps it would be a small fraction.
    const trained = line.perStep * line.reached;
    assert.ok(trained >= 0.5 && trained <= wall, `${line.perStep}s/step × ${line.reached} = ${trained}s of ${wall}s`);
    assert.ok(Math.abs(trained - line.seconds) <= 1, `${trained}s against the shown ${line.seconds}s`);
    if (style === 'keras3') {
      const done = Math.trunc((20 * line.reached) / line.steps);
      assert.equal(line.bar, `${'━'.repeat(done)}${'─'.repeat(20 - done)}`);
    }
  });
}

for (const [label, flags, env, columns] of [
  ['--no-color', ['--no-color'], {}, 80],
  ['NO_COLOR=1', [], { NO_COLOR: '1' }, 120],
] as const) {
  test(`keras3 at a ${columns}-column terminal with ${label}: no colour, and the bar's rest is drawn distinguishably while it moves`, () => {
    const { raw, status } = runInPty(['-b', '1', '-e', '1', '--synthetic', 'linear', '--samples', '60000', '--style', 'keras3', ...flags], columns, env);
    assert.equal(status, 0, raw);
    assert.doesNotMatch(raw, /\x1b\[[0-9;]*m/, 'no colour codes');
    const bars = [...raw.matchAll(/\d+\/60000 ([━─]{20}) /g)].map((m) => m[1]);
    const partial = bars.filter((bar) => bar.includes('━') && bar.includes('─'));
    assert.ok(partial.length > 0, `a partly filled bar among ${bars.length} redraws`);
    for (const bar of bars) assert.match(bar, /^━*─*$/);
    assert.ok(bars.includes('━'.repeat(20)));
  });
}

test('keras3 at a terminal with colour: done and not-done differ by colour, so the test above can tell', () => {
  const { raw, status } = runInPty(['-b', '1', '-e', '1', '--synthetic', 'linear', '--samples', '60000', '--style', 'keras3'], 80);
  assert.equal(status, 0, raw);
  assert.match(raw, /\x1b\[[0-9;]*m━/);
});

for (const columns of [80, 120]) {
  for (const lang of ['en', 'ko']) {
    test(`every --help at a ${columns}-column terminal (${lang}) fits: no row wraps, -h sits with the output options`, () => {
      for (const command of [[], ['compare'], ['sweep'], ['merge']]) {
        const { raw, status } = runInPty([...command, '--help', '--lang', lang], columns);
        assert.equal(status, 0, raw);
        const lines = raw.replace(/\n$/, '').split('\n');
        const rows = screen(raw, columns);
        // Had any line been wider than the terminal it would take two rows.
        assert.equal(rows.length, lines.length + 1, `${command.join(' ')}: a line wrapped`);
        for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)}: ${line}`);
        // train and compare group their options, -h with the output ones; sweep and merge list
        // all their options together, -h among them. Either way -h is never in a group alone.
        const grouped = command.length === 0 || command[0] === 'compare';
        const [heading, other] = (grouped ? ['Output:', 'Options:'] : ['Options:', 'Output:']).map((h) => (lang === 'en' ? h : h === 'Output:' ? '출력:' : '옵션:'));
        assert.doesNotMatch(raw, new RegExp(`\n${other}\n`), `${command.join(' ')}: no group of -h alone`);
        const group = raw.slice(raw.indexOf(`\n${heading}\n`)).split(/\n\n/)[0];
        assert.match(group, /\n {2}-h, --help /, command.join(' '));
        assert.ok(group.split('\n').length > 3, `${command.join(' ')}: ${group}`);
      }
    });
  }
}

for (const columns of [50, 80]) {
  for (const lang of ['en', 'ko']) {
    test(`a sweep's progress bar at ${columns} columns (${lang}) keeps line wrapping on and fits every redraw on one row`, () => {
      const out = join(sweepDir, `progress-${columns}-${lang}.jsonl`);
      const { raw, status } = runInPty(['sweep', experiment, '--out', out, '--jobs', '1', '--lang', lang], columns);
      assert.equal(status, 0, raw);
      assert.ok(!raw.includes('\x1b[?7l'), 'line wrapping is never turned off');
      // Each redraw of the bar starts at column 1 and ends with erase-to-end-of-line.
      const draws = [...raw.matchAll(/\x1b\[1G((?:(?!\x1b\[1G)[^\n])*?)\x1b\[0K/g)].map((m) => m[1].replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
      const bars = draws.filter((draw) => /\[[=-]*\] \d+\/24/.test(draw));
      assert.ok(bars.length >= 24, `${bars.length} redraws`);
      for (const bar of bars) assert.ok(displayWidth(bar) < columns, `${displayWidth(bar)}: ${bar}`);
      // Every finished run's line reaches the screen whole, wrapped by the terminal where long.
      const text = screen(raw, columns).join('');
      for (let run = 1; run <= 24; run++) assert.match(text, new RegExp(`\\[ *${run}/24\\] batchSize=`), `run ${run}`);
    });
  }
}
