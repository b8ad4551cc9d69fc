import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/fake-io.js';

const cases: Array<[string, string[], string, RegExp]> = [
  [
    'batch sizes typed without --batch-sizes',
    ['compare', '6,3,1'],
    'error: "6,3,1" is not an argument: batch sizes to compare go after --batch-sizes; did you mean: train compare --batch-sizes 6,3,1\n',
    /^오류: "6,3,1" 같은 값은 인자로 받지 않습니다\. .* 이렇게 쓰려던 건가요\? train compare --batch-sizes 6,3,1 --lang ko\n$/,
  ],
  [
    "compare's option given to train",
    ['--batch-sizes', '6,3,1'],
    'error: --batch-sizes is an option of train compare, not of train; did you mean: train compare --batch-sizes 6,3,1\n',
    /^오류: --batch-sizes 옵션은 train이 아니라 train compare의 옵션입니다\. 이렇게 쓰려던 건가요\? train compare --batch-sizes 6,3,1 --lang ko\n$/,
  ],
  [
    'a list separated by spaces',
    ['compare', '--batch-sizes', '6', '3', '1', '--epochs', '5'],
    'error: --batch-sizes takes one list with commas between the items, not spaces; did you mean: train compare --batch-sizes 6,3,1 --epochs 5\n',
    /^오류: --batch-sizes 옵션에는 목록 하나를 공백 없이 쉼표로 구분해 씁니다\. 이렇게 쓰려던 건가요\? train compare --batch-sizes 6,3,1 --epochs 5 --lang ko\n$/,
  ],
  [
    'a bare number to train',
    ['3'],
    'error: train takes options, not arguments ("3"); did you mean: train --batch-size 3\n',
    /^오류: train은 인자 없이 옵션만 받습니다 \("3"\)\. 이렇게 쓰려던 건가요\? train --batch-size 3 --lang ko\n$/,
  ],
  [
    'a bare list to train',
    ['6,3,1', '-e', '10'],
    'error: "6,3,1" is not an argument: batch sizes to compare go after --batch-sizes; did you mean: train compare --batch-sizes 6,3,1 -e 10\n',
    /이렇게 쓰려던 건가요\? train compare --batch-sizes 6,3,1 -e 10 --lang ko\n$/,
  ],
];

for (const [name, argv, english, korean] of cases) {
  test(`${name} (${argv.join(' ')}) is refused with what was most likely meant, in English and Korean`, async () => {
    const en = await runCli(argv);
    assert.equal(en.code, 2);
    assert.equal(en.stdout, '');
    assert.equal(en.stderr, english);
    const ko = await runCli([...argv, '--lang', 'ko']);
    assert.equal(ko.code, 2);
    assert.match(ko.stderr, korean);
  });
}

test('slips with no likely meaning keep commander\'s message', async () => {
  assert.equal((await runCli(['compare'])).stderr, "error: required option '--batch-sizes <list>' not specified\n");
  assert.match((await runCli(['--batch-sizez', '3'])).stderr, /^error: unknown option '--batch-sizez' \(did you mean --batch-size\?\)\n$/);
});
