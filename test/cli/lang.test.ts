import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { languageFromArgv } from '../../src/i18n/languages.js';
import { displayWidth } from '../../src/report/width.js';
import { runCli } from '../helpers/fake-io.js';
import { tempFolder } from '../helpers/temp.js';

const { dir, file } = tempFolder('lang');

const KOREAN_ENV = { LANG: 'ko_KR.UTF-8' };
const HANGUL = /[\uac00-\ud7a3]/;

/** The three ways to ask: the flag, the environment, and English (the flag beats the environment). */
async function inEachWay(argv: string[]): Promise<{ flag: Awaited<ReturnType<typeof runCli>>; env: Awaited<ReturnType<typeof runCli>>; english: Awaited<ReturnType<typeof runCli>> }> {
  return {
    flag: await runCli([...argv, '--lang', 'ko'], { cwd: dir }),
    env: await runCli(argv, { cwd: dir, env: KOREAN_ENV }),
    english: await runCli([...argv, '--lang', 'en'], { cwd: dir, env: KOREAN_ENV }),
  };
}

test('the language comes from --lang ko or --lang=ko anywhere before --, the last one winning', () => {
  assert.equal(languageFromArgv(['-b', '3', '--lang', 'ko']), 'ko');
  assert.equal(languageFromArgv(['--lang=KO', 'compare']), 'ko');
  assert.equal(languageFromArgv(['--lang', 'ko', '--lang', 'en']), 'en');
  assert.equal(languageFromArgv(['--lang', 'kr']), null);
  assert.equal(languageFromArgv(['--', '--lang', 'ko']), null);
  assert.equal(languageFromArgv(['-b', '3']), null);
});

test('--lang takes a tag as LANG writes it: a region or an encoding names its language', async () => {
  for (const tag of ['ko-KR', 'ko_KR.UTF-8', 'KO_kr@euro']) assert.equal(languageFromArgv(['--lang', tag]), 'ko', tag);
  assert.equal(languageFromArgv(['--lang=en-GB']), 'en');
  assert.equal(languageFromArgv(['--lang', 'kok']), null);
  for (const tag of ['ko-KR', 'ko_KR.UTF-8']) {
    const { code, stdout, stderr } = await runCli(['compare', '--batch-sizes', '6,3', '--no-timings', '--quiet', '--lang', tag]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^배치 6: /, tag);
  }
  const refused = await runCli(['--lang', 'kr']);
  assert.equal(refused.code, 2);
});

test('a bad flag value is reported in Korean with --lang ko and LANG=ko_KR, in English otherwise', async () => {
  const { flag, env, english } = await inEachWay(['--batch-size', '0']);
  assert.equal(flag.stderr, "오류: 옵션 '-b, --batch-size <n>'에 준 값 '0'은 쓸 수 없습니다. 배치 크기는 1 이상이어야 합니다. 받은 값: 0.\n");
  assert.equal(env.stderr, flag.stderr);
  assert.equal(english.stderr, "error: option '-b, --batch-size <n>' argument '0' is invalid. batch size must be ≥ 1; got 0.\n");
  assert.equal((await runCli(['--batch-size', '0'])).stderr, english.stderr);
});

test('an error from a data file is reported in Korean with --lang ko and LANG=ko_KR, in English otherwise', async () => {
  const data = file('blank.csv', 'x,y\n1,\n');
  const { flag, env, english } = await inEachWay(['--data', data]);
  assert.equal(flag.stderr, `오류: ${data}: 2행 2열 (y): 빈 칸입니다. 숫자를 채우거나 --drop-missing으로 그런 행을 빼세요\n`);
  assert.equal(env.stderr, flag.stderr);
  assert.equal(english.stderr, `error: ${data}: line 2, column 2 (y): empty cell; fill in a number, or leave such rows out with --drop-missing\n`);
});

test("commander's own errors are translated too: an unknown option, a missing value, a missing required option", async () => {
  const misspelt = await inEachWay(['--bach-size', '3']);
  assert.equal(misspelt.flag.stderr, "오류: 알 수 없는 옵션입니다: '--bach-size'. --batch-size 말인가요?\n");
  assert.equal(misspelt.env.stderr, misspelt.flag.stderr);
  assert.equal(misspelt.english.stderr, "error: unknown option '--bach-size' (did you mean --batch-size?)\n");
  assert.equal((await runCli(['--lang', 'ko', '--lr'])).stderr, "오류: 옵션 '--lr <rate>'의 값이 없습니다\n");
  assert.equal((await runCli(['compare', '--lang', 'ko'])).stderr, "오류: 필수 옵션이 없습니다: '--batch-sizes <list>'\n");
  assert.equal((await runCli(['sweep'], { env: KOREAN_ENV })).stderr, "오류: 필수 인자가 없습니다: 'experiment'\n");
  assert.equal((await runCli(['data.csv'], { env: KOREAN_ENV })).stderr, '오류: 인자가 너무 많습니다. 인자 0개를 받는데 1개가 주어졌습니다.\n');
});

test('bad input in Korean still exits 2 with one line on stderr and nothing on stdout', async () => {
  const cases: string[][] = [
    ['--lr', '-1'],
    ['--layers', '8:relux,1'],
    ['--momentum', '0.9'],
    ['--data', join(dir, 'missing.csv')],
    ['--weights', file('w.json', '{"w": 1}')],
    ['--validation-split', '0.9'],
    ['--save-weights', join(dir, 'no', 'w.json')],
    ['--lang', 'kr'],
    ['--unknown'],
    ['compare', '--batch-sizes', '6,,1'],
    ['sweep', file('bad.json', '{"epochs": 0, "bogus": 1}')],
    ['sweep', file('ok.json', '{"epochs": 1}'), '--assert', 'finalLoss <'],
    ['merge', join(dir, 'none.jsonl'), '--experiment', join(dir, 'ok.json')],
  ];
  for (const argv of cases) {
    for (const options of [{ env: KOREAN_ENV }, {}]) {
      const full = 'env' in options ? argv : [...argv, '--lang', 'ko'];
      const { code, stdout, stderr } = await runCli(full, { cwd: dir, ...options });
      const context = `${full.join(' ')}: ${stderr}`;
      assert.equal(code, 2, context);
      assert.equal(stdout, '', context);
      assert.match(stderr, /^오류: [^\n]+\n$/, context);
      assert.match(stderr, HANGUL, context);
    }
  }
});

test('--help is in Korean with --lang ko and LANG=ko_KR: headings, descriptions and examples', async () => {
  const { flag, env, english } = await inEachWay(['--help']);
  assert.equal(flag.code, 0);
  assert.match(flag.stdout, /^사용법: train \[options\] \[command\]\n/);
  assert.match(flag.stdout, /\n출력:\n(?: {2}.*\n)*? {2}-V, --version +버전 출력\n/);
  assert.match(flag.stdout, /--batch-size <n> +옵티마이저 스텝 한 번에 쓰는 샘플 수 \(Keras\s+기본값\) \(기본값: 32\)/);
  assert.match(flag.stdout, /\n명령:\n {2}compare \[options\] +같은 초기 가중치에서/);
  assert.match(flag.stdout, /\n예시:\n/);
  assert.equal(env.stdout, flag.stdout);
  assert.match(english.stdout, /^Usage: train \[options\] \[command\]\n/);
  assert.doesNotMatch(english.stdout, HANGUL);
  for (const command of ['compare', 'sweep', 'merge']) {
    const help = await runCli([command, '--help', '--lang', 'ko']);
    assert.match(help.stdout, new RegExp(`^사용법: train ${command} `), command);
    // compare groups its options like train (-h with the output options); sweep and merge list them together.
    assert.match(help.stdout, command === 'compare' ? /\n출력:\n(?: {2}.*\n)*? {2}-h, --help +이 도움말 보기\n/ : /\n옵션:\n/, command);
    assert.match(help.stdout, /--lang <code> +Keras 줄 밖의 텍스트 언어/, command);
  }
});

test('Korean help wraps at 80 columns counting each Hangul syllable as two', async () => {
  const { stdout } = await runCli(['compare', '--help', '--lang', 'ko']);
  const options = stdout.split('\n예시:')[0];
  for (const line of options.split('\n')) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)}: ${line}`);
});

test("compare's arithmetic, warnings, table headers and chart speak Korean, with the columns lined up", async () => {
  const argv = ['compare', '--batch-sizes', '6,3,3', '-e', '2', '--no-timings'];
  const { flag, env, english } = await inEachWay(argv);
  assert.equal(flag.code, 0);
  assert.match(flag.stderr, /^경고: 배치 크기 3: 2번 주어졌지만 한 번만 실행합니다\n/);
  assert.match(flag.stdout, /^배치 6: ceil\(6 \/ 6\) = 에포크당 1 스텝 → 2 에포크에 업데이트 2번\n/);
  // Off a terminal the table fits 80 columns: without timings their blank columns are left out,
  // and the rest fits two spaces apart, Hangul headings taking two columns each.
  const table = flag.stdout.split('\n\n')[1].split('\n');
  assert.match(table[0], /^배치 {2}스텝\/에포크 {2}업데이트 {2}최종 손실 {2}최저 손실 \(에포크\) {2}전체 데이터 손실$/);
  assert.equal(new Set(table.map(displayWidth)).size, 1, 'every row as wide as the header');
  // At 50 columns the columns a learner needs least go, named in Korean.
  const narrow = await runCli([...argv, '--lang', 'ko'], { env: { COLUMNS: '50' } });
  const block = narrow.stdout.split('\n\n')[1].split('\n');
  const noteStart = block.findIndex((line) => line.startsWith('('));
  const note = block.slice(noteStart).map((line) => line.trim()).join(' ');
  assert.match(block[0], /^배치 +업데이트 +최종 손실 +전체 데이터 손실$/);
  assert.equal(note, '(이 너비에서는 최저 손실 (에포크), 스텝/에포크 열을 뺐습니다. 터미널을 넓히거나 --format markdown을 쓰세요)');
  for (const line of block) assert.ok(displayWidth(line) <= 50, line);
  const wide = await runCli([...argv, '--lang', 'ko'], { env: { COLUMNS: '160' } });
  assert.match(wide.stdout, /\n배치 {2}스텝\/에포크 {2}업데이트 {2}최종 손실 {2}최저 손실 \(에포크\) {2}전체 데이터 손실\n/);
  assert.match(flag.stdout, /\n {7}손실 \(mae\)\n/);
  assert.match(flag.stdout.replace(/(\S)\n(?=\S)/g, '$1 '), / 에포크\n {7}── 배치 6\n {7}━━ 배치 3\n\n2 에포크 동안 배치 3은 업데이트를 4번, 배치 6은 2번 했고 최종 loss는 \d\.\d{4} 대 \d\.\d{4}입니다\. [^\n]+\n$/);
  assert.equal(env.stdout, flag.stdout);
  assert.equal(env.stderr, flag.stderr);
  assert.match(english.stdout, /\nbatch {2}steps\/epoch {2}updates {2}final loss {2}best loss \(epoch\) {2}end loss\n/);
  assert.match(english.stderr, /^warning: batch size 3 is given 2 times: it runs once\n/);
});

test('sweep and merge report in Korean too', async () => {
  const experiment = file('tiny.json', '{"epochs": 2, "grid": {"batchSize": [2, 6]}}');
  const sweep = await runCli(['sweep', experiment, '--no-timings', '--jobs', '1', '--out', 'tiny.jsonl', '--assert', 'finalLoss < 0'], { cwd: dir, env: KOREAN_ENV });
  assert.equal(sweep.code, 3);
  assert.match(sweep.stdout, /^tiny: 실행 2개\. 워커 1개로 2개를 실행합니다\n/);
  assert.match(sweep.stdout, /\n\[1\/2\] batchSize=2: loss \d\.\d{4}, end_loss \d\.\d{4}, 업데이트 6번\n/);
  assert.match(sweep.stdout, /\n실행 2개를 tiny\.jsonl에 썼습니다\. 실행 2개 중 2개가 끝났습니다\nassert finalLoss < 0: 실행 2개 중 0개 통과\n {2}실패 batchSize=2: finalLoss = /);
  const merge = await runCli(['merge', 'tiny.jsonl', '--experiment', experiment, '--no-timings', '--lang', 'ko'], { cwd: dir });
  assert.equal(merge.code, 0);
  assert.match(merge.stdout, /^스윕 tiny: 실행 2개\n샘플 데이터 \(x = y = 1\.\.6\), Dense\(1\), mae 손실, adam lr 0\.001, 2 에포크\n\nbatchSize 스텝\/에포크 업데이트 최종 손실 최저 손실 \(에포크\) 전체 데이터 손실\n/);
});

test('with --lang ko the Keras lines are byte-identical to English', async () => {
  const runs: string[][] = [
    ['-b', '4', '-e', '3', '--no-timings'],
    ['-b', '2', '-e', '2', '-v', '2', '--validation-split', '0.34', '--no-timings'],
    ['-b', '3', '-e', '2', '--style', 'keras3', '--loss-report', 'end', '--no-timings'],
    ['-b', '1', '-e', '2', '--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '--no-timings'],
  ];
  for (const argv of runs) {
    const english = await runCli(argv);
    const korean = await runCli([...argv, '--lang', 'ko']);
    assert.equal(korean.stdout, english.stdout, argv.join(' '));
    assert.equal(korean.code, english.code, argv.join(' '));
  }
  // The diverging run stops with Keras's own line, in either language.
  assert.match((await runCli([...runs[3], '--lang', 'ko'])).stdout, /\nBatch \d+: Invalid loss, terminating training\n/);
});

test('what machines read stays English whatever the language: JSON documents, their warnings, CSV columns', async () => {
  const argv = ['compare', '--batch-sizes', '6,3', '-e', '2', '--no-timings'];
  const json = [await runCli([...argv, '--format', 'json']), await runCli([...argv, '--format', 'json', '--lang', 'ko'])];
  assert.equal(json[1].stdout, json[0].stdout);
  assert.deepEqual(JSON.parse(json[1].stdout).warnings.slice(0, 1), ['batch 6: only 2 updates in 2 epochs, too few updates to compare; try --epochs 10 or more']);
  assert.match(json[1].stderr, /^경고: /);
  const csv = [await runCli([...argv, '--format', 'csv']), await runCli([...argv, '--format', 'csv', '--lang', 'ko'])];
  assert.equal(csv[1].stdout, csv[0].stdout);
  const train = [await runCli(['-b', '3', '-e', '2', '--json', '--no-timings']), await runCli(['-b', '3', '-e', '2', '--json', '--no-timings', '--lang', 'ko'])];
  assert.equal(train[1].stdout, train[0].stdout);
});
