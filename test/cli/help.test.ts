import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth } from '../../src/report/width.js';
import { runCli } from '../helpers/fake-io.js';

for (const lang of ['en', 'ko']) {
  test(`every --help fits 80 columns (${lang})`, async () => {
    for (const command of [[], ['compare'], ['sweep'], ['merge'], ['lab']]) {
      const { code, stdout } = await runCli([...command, '--help', '--lang', lang]);
      assert.equal(code, 0);
      for (const line of stdout.split('\n')) assert.ok(displayWidth(line) <= 80, `${command.join(' ')}: ${displayWidth(line)}: ${line}`);
    }
  });
}

test('train --help leads with examples, compare and --explain among them, then groups the options, learners first', async () => {
  const { stdout } = await runCli(['--help']);
  const lines = stdout.split('\n');
  const at = (text: string): number => lines.findIndex((line) => line.startsWith(text));
  assert.ok(at('Examples:') > 0 && at('Examples:') < 10, `Examples: at line ${at('Examples:')}`);
  assert.ok(at('  $ train compare --batch-sizes 6,3,1') > at('Examples:'));
  assert.match(stdout, /\n {2}\$ train -b 4 -e 2 --explain --show-batches\n/);
  const groups = ['For learners:', 'Training:', 'Model:', 'Data:', 'Output:'].map(at);
  assert.deepEqual([...groups].sort((a, b) => a - b), groups, `groups in order: ${groups}`);
  assert.ok(groups.every((g) => g > at('Examples:')));
  assert.ok(at('  --explain') > groups[0] && at('  --explain') < groups[1]);
  assert.ok(at('  -b, --batch-size') > groups[1] && at('  -b, --batch-size') < groups[2]);
  assert.ok(at('  --layers') > groups[2] && at('  --layers') < groups[3]);
  assert.ok(at('  --data') > groups[3] && at('  --data') < groups[4]);
  assert.ok(at('  --json') > groups[4]);
  assert.match(stdout, /\nExit codes: 0 done/);
});

test('train --help in Korean has the same groups, headed in Korean', async () => {
  const { stdout } = await runCli(['--help', '--lang', 'ko']);
  for (const heading of ['예시:', '입문자를 위한 옵션:', '학습:', '모델:', '데이터:', '출력:']) assert.match(stdout, new RegExp(`\\n${heading}\\n`));
});

test('compare --help lists --explain and groups its own options with train\'s', async () => {
  const { stdout } = await runCli(['compare', '--help']);
  assert.match(stdout, /\nFor learners:\n {2}--explain /);
  assert.match(stdout, /\nTraining:\n(?: {2}.*\n)*? {2}--batch-sizes <list>/);
});
