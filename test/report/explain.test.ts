import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n/index.js';
import { batchSizesText } from '../../src/report/batch-sizes.js';
import { batchListing, explainLines, type RunFacts } from '../../src/report/explain.js';
import { displayWidth } from '../../src/report/width.js';
import { wrapWords } from '../../src/report/wrap.js';
import { expectGolden } from '../helpers/golden.js';

const en = translator('en');
const ko = translator('ko');
const base: RunFacts = { totalSamples: 6, trainSamples: 6, validationSamples: 0, batchSize: 4, epochs: 10, shuffle: true, seed: 42, loss: 'mae', endLoss: false };

test('batch sizes are written out when few and summarised when many', () => {
  assert.equal(batchSizesText([4, 2]), '4 + 2');
  assert.equal(batchSizesText([3, 3]), '3 + 3');
  assert.equal(batchSizesText([6]), '6');
  assert.equal(batchSizesText(Array(31).fill(32).concat([8])), '31 × 32 + 8');
  assert.equal(batchSizesText(Array(5).fill(2)), '5 × 2');
});

test('--explain golden texts for several sample counts and batch sizes', () => {
  const cases: Array<[string, Partial<RunFacts>]> = [
    ['n6-b4 short last batch', {}],
    ['n6-b3 even batches', { batchSize: 3 }],
    ['n6-b6 full batch', { batchSize: 6, shuffle: false }],
    ['n6-b32 batch larger than data', { batchSize: 32 }],
    ['n1000-b32 many steps', { totalSamples: 1000, trainSamples: 1000, batchSize: 32, epochs: 3 }],
    ['n10-b3 validation and end loss', { totalSamples: 10, trainSamples: 8, validationSamples: 2, batchSize: 3, endLoss: true }],
  ];
  const text = cases.map(([name, facts]) => `# ${name}\n${explainLines(en, { ...base, ...facts }).join('\n')}\n`).join('\n');
  assert.match(text, /ceil\(6 \/ 4\) = 2 steps per epoch\n  batch sizes 4 \+ 2: the short batch comes last/);
  assert.match(text, /2 steps × 10 epochs = 20 optimizer updates/);
  assert.match(text, /the batch size 32 is larger than the 6 samples/);
  assert.match(text, /ceil\(1000 \/ 32\) = 32 steps per epoch\n  batch sizes 31 × 32 \+ 8/);
  expectGolden('explain-en.txt', text);
});

test('--explain in Korean keeps the arithmetic and translates the words', () => {
  const lines = explainLines(ko, base);
  assert.equal(lines[0], '이 실행이 하는 일');
  assert.ok(lines.some((l) => l.includes('ceil(6 / 4) = 에포크당 2 스텝')));
  expectGolden('explain-ko.txt', `${lines.join('\n')}\n`);
});

test('--show-batches lists 0-based sample indices per batch and elides long epochs', () => {
  assert.deepEqual(batchListing(en, 0, [0, 1, 2, 3, 4, 5], 4, false), ['batches of epoch 1 (in order):', '  1: [0 1 2 3]', '  2: [4 5]']);
  assert.deepEqual(batchListing(en, 2, [3, 5, 0, 1, 4, 2], 4, true), ['batches of epoch 3 (shuffled):', '  1: [3 5 0 1]', '  2: [4 2]']);
  const long = batchListing(en, 0, Array.from({ length: 100 }, (_, i) => i), 20, false);
  assert.equal(long.length, 1 + 5);
  assert.equal(long[1], '  1: [0 1 2 3 4 5 6 7 8 9 10 11 … +8]');
  const many = batchListing(en, 0, Array.from({ length: 100 }, (_, i) => i), 1, false);
  assert.equal(many.length, 1 + 8 + 1);
  assert.equal(many[9], '  … 92 more batches');
});

test('--explain wraps at word boundaries by display width, at 80 and 120 columns, in English and Korean', () => {
  for (const t of [en, ko]) {
    for (const columns of [40, 80, 120]) {
      const plain = explainLines(t, { ...base, endLoss: true, totalSamples: 10, trainSamples: 8, validationSamples: 2 });
      const wrapped = explainLines(t, { ...base, endLoss: true, totalSamples: 10, trainSamples: 8, validationSamples: 2 }, columns);
      for (const line of wrapped) assert.ok(displayWidth(line) <= columns || !line.trim().includes(' '), `${columns}: ${line}`);
      // Nothing lost or cut: the words are the same words, in the same order.
      const words = (lines: string[]): string[] => lines.join(' ').split(/\s+/).filter((w) => w !== '');
      assert.deepEqual(words(wrapped), words(plain));
      // Continuation lines are indented under their item.
      for (const line of wrapped.slice(1)) assert.match(line, /^ {2}/);
    }
  }
});

test('the word wrapper never breaks a word and counts Hangul as two columns', () => {
  assert.deepEqual(wrapWords('  각 에포크 시작 가중치에서 계산됨', 16, '  '), ['  각 에포크 시작', '    가중치에서', '    계산됨']);
  assert.deepEqual(wrapWords('a reallylongword b', 5), ['a', 'reallylongword', 'b']);
});
