/**
 * `--style keras3` on a terminal against what real Keras 3 wrote to a pseudo-terminal
 * (test/golden/keras3-terminal/*.bin, made by scripts/keras-terminal.py: the seed's data, Dense(1)
 * from W = 0.5, mae, Adam, no shuffling). The bytes must be the same, ANSI codes, backspaces,
 * carriage returns and padding included, except the timings, which no two runs share: the
 * elapsed time, the ETA and the time per step are replaced by T in both, and then the
 * backspaces and the padding that depend on the timings' widths are checked by their rule
 * (as many backspaces as the previous line was wide; spaces to cover a longer previous line)
 * and then taken out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';
import { goldenDir } from '../helpers/golden.js';
import { tempFolder } from '../helpers/temp.js';
import { visibleWidth } from '../../src/report/keras3-terminal-sink.js';

const weights = tempFolder('keras3-terminal').file('w.json', '[[[0.5]], [0]]');

/** Checks the backspace and padding rule on the raw bytes; returns the text without timings. */
function normalize(raw: string, who: string): string {
  let previous = 0;
  for (const part of raw.split('\r').slice(1)) {
    // part: the line, its padding, then the next redraw's backspaces or a newline.
    const line = part.replace(/[\x08\n][\s\S]*$/, '');
    const backspaces = /\x08+/.exec(part)?.[0].length ?? 0;
    const width = visibleWidth(line);
    assert.ok(width >= previous, `${who}: a line narrower than the one it replaces is padded`);
    if (backspaces > 0) assert.equal(backspaces, width, `${who}: backspaces over the whole previous line`);
    previous = part.includes('\n') ? 0 : width;
  }
  return raw
    .replace(/\x1b\[1m(?:\d+:)*\d+s\x1b\[0m/g, '\x1b[1mT\x1b[0m')
    .replace(/ \d+(?:s|ms|us)\/step/g, ' T/step')
    .replace(/ +(?=[\x08\n])/g, '')
    .replace(/\x08+/g, '<backspaces>');
}

const scenarios: [string, string[]][] = [
  ['b3-e2', ['-b', '3', '-e', '2']],
  ['b6-e1-val', ['-b', '6', '-e', '1', '--validation-split', '0.5']],
  ['b2-e3-val', ['-b', '2', '-e', '3', '--validation-split', '0.5']],
];

for (const [name, args] of scenarios) {
  test(`--style keras3 writes Keras 3's bytes to a terminal (${name})`, async () => {
    const keras = readFileSync(join(goldenDir, 'keras3-terminal', `${name}.bin`), 'utf8');
    const ours = await runCli(['--style', 'keras3', '--no-shuffle', '--weights', weights, '--lr', '0.001', ...args], {
      tty: true,
      env: { TERM: 'xterm-256color' },
    });
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(normalize(ours.stdout, 'batchsim'), normalize(keras, 'Keras'));
  });
}
