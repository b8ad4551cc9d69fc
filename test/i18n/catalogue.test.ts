import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, type MessageKey } from '../../src/i18n/en.js';
import { ko } from '../../src/i18n/ko.js';
import { english, msg, translator } from '../../src/i18n/index.js';
import { InputError } from '../../src/io/errors.js';
import { SAMPLES } from './samples.js';

const korean = translator('ko');
const keys = Object.keys(en) as MessageKey[];
const HANGUL = /[\uac00-\ud7a3]/;
/** Messages that may read the same in both languages: Keras's own words, and punctuation around a parameter. */
const SAME_IN_BOTH = new Set<MessageKey>(['table.lr', 'table.valLoss', 'fs.other', 'experiment.problem', 'experiment.at', 'shard.autoVariable', 'parse.layer']);

/** Each message with both of its sample parameter sets, in a language. */
function renderings(t: typeof english): Array<{ key: MessageKey; sample: number; text: string }> {
  return keys.flatMap((key) =>
    SAMPLES[key].map((args, sample) => ({ key, sample, text: (t as (key: MessageKey, ...args: unknown[]) => string)(key, ...args) })),
  );
}

test('the Korean catalogue has exactly the keys of the English one', () => {
  assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  assert.ok(keys.length > 300, `${keys.length} messages`);
});

test('every message renders in both languages for sample parameters, without undefined or [object Object]', () => {
  for (const t of [english, korean]) {
    for (const { key, sample, text } of renderings(t)) {
      assert.equal(typeof text, 'string', `${t.language} ${key}`);
      assert.notEqual(text.trim(), '', `${t.language} ${key} #${sample}`);
      assert.doesNotMatch(text, /undefined|\[object Object\]|\$\{/, `${t.language} ${key} #${sample}: ${text}`);
    }
  }
});

test('every Korean message is Korean, apart from the few that are only Keras words or punctuation', () => {
  for (const { key, sample, text } of renderings(korean)) {
    if (SAME_IN_BOTH.has(key)) continue;
    assert.match(text, HANGUL, `ko ${key} #${sample} is not translated: ${text}`);
  }
});

test('messages other than help text are one line, so every error stays on one line in both languages', () => {
  for (const t of [english, korean]) {
    for (const { key, text } of renderings(t)) {
      if (key.startsWith('help.') && key.endsWith('.examples')) continue;
      assert.doesNotMatch(text, /\n/, `${t.language} ${key}`);
    }
  }
});

test('Korean keeps the flags and numbers of the English text as they are', () => {
  const english_ = renderings(english);
  renderings(korean).forEach(({ key, sample, text }, i) => {
    const original = english_[i].text;
    for (const flag of original.match(/--[a-z][a-z-]*/g) ?? []) assert.ok(text.includes(flag), `ko ${key} #${sample} lost ${flag}: ${text}`);
    for (const number of original.match(/\d+(?:\.\d+)?/g) ?? []) assert.ok(text.includes(number), `ko ${key} #${sample} lost ${number}: ${text}`);
  });
});

test('a message may hold another message, rendered in the same language', () => {
  const nested = msg('cli.error', { message: msg('data.emptyCell', { file: 'points.csv', line: 3, column: 2, name: 'y' }) });
  assert.equal(english.render(nested), 'error: points.csv: line 3, column 2 (y): empty cell; fill in a number, or leave such rows out with --drop-missing');
  assert.equal(korean.render(nested), '오류: points.csv: 3행 2열 (y): 빈 칸입니다. 숫자를 채우거나 --drop-missing으로 그런 행을 빼세요');
  const list = msg('experiment.problems', { file: 'exp.json', problems: [msg('experiment.emptyString'), 'as written'] });
  assert.equal(english.render(list), 'exp.json: 2 problems: (1) is empty (2) as written');
  assert.equal(korean.render(list), 'exp.json: 문제 2개: (1) 비어 있습니다 (2) as written');
});

test('an InputError carries its message as data and keeps an English message for library users', () => {
  const error = new InputError(msg('data.empty', { file: 'x.csv' }));
  assert.equal(error.message, 'x.csv is empty: a data file needs a header row and at least one data row');
  assert.equal(korean.render(error.text), 'x.csv: 빈 파일입니다. 데이터 파일에는 헤더 행과 데이터 행이 하나 이상 있어야 합니다');
});

test('Korean particles follow the last sound of the word before them', () => {
  // 학습률 ends in a consonant, 배치 크기 in a vowel; numbers are read as 영 일 이 삼 ….
  assert.match(korean('parse.notPositive', { what: msg('what.learningRate'), value: '0' }), /^학습률은 /);
  assert.match(korean('parse.notPositive', { what: msg('what.batchSize'), value: '0' }), /^배치 크기는 /);
  assert.match(korean('commander.invalidArgument', { option: '-b', value: '3', problem: '' }), /'3'은 /);
  assert.match(korean('commander.invalidArgument', { option: '-b', value: '2', problem: '' }), /'2'는 /);
  // Latin words as Korean readers say them: three → 쓰리는, adam → 아담은; never 은(는).
  assert.match(korean('commander.invalidArgument', { option: '-b', value: 'three', problem: '' }), /'three'는 /);
  assert.match(korean('commander.invalidArgument', { option: '--optimizer', value: 'adam', problem: '' }), /'adam'은 /);
});

test('no Korean message falls back to a both-ways particle like 이(가) or 은(는)', () => {
  for (const [key, samples] of Object.entries(SAMPLES)) {
    for (const args of samples) {
      const text = (korean as unknown as (k: string, ...a: unknown[]) => string)(key, ...(args as unknown[]));
      assert.doesNotMatch(text, /이\(가\)|은\(는\)|을\(를\)|과\(와\)|으로\(로\)/, `${key}: ${text}`);
    }
  }
});

/** Labels, not sentences: table and legend words, exit-code lists and status counts may end in a noun form. */
const LABELS = /^(compare\.details$|value\.|what\.|table\.|chart\.|merge\.(summary|missing|foreign)$|help\.(validationSplit\.none|exitCodes|sweep\.examples|merge\.examples)$|batches\.|explain\.(shuffleOn|shuffleOff)$|assert\.(summary|fail)$)/;

test('Korean sentences end as sentences (합니다 style), with no clipped 함/임/됨 endings or calques like 짜리', () => {
  for (const { key, sample, text } of renderings(korean)) {
    assert.doesNotMatch(text, /짜리/, `ko ${key} #${sample}: ${text}`);
    if (LABELS.test(key)) continue;
    // A clause ending in a clipped nominal form before punctuation or the end of the message.
    assert.doesNotMatch(text, /(?:함|임|됨|있음|없음|않음|완료)(?:[.,:;]|$)/, `ko ${key} #${sample}: ${text}`);
    // Errors, warnings and notes that are sentences use the one register.
    assert.doesNotMatch(text, /(?:해요|예요|이에요|세요\?)(?:[.,:;]|$)/, `ko ${key} #${sample} mixes registers: ${text}`);
  }
});
