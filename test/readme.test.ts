import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/fake-io.js';
import { tempFolder } from './helpers/temp.js';

// Every example in the README runs, off a terminal 80 columns wide, and prints what the README
// shows: each line shown appears in the output, in order ("..." elides), with timings masked and
// runs of spaces closed up (timings change column widths).

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const { dir } = tempFolder('readme');
cpSync(`${root}examples`, `${dir}/examples`, { recursive: true });

const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], lines: m[2].replace(/\n$/, '').split('\n') }));

/** `npx train a b 'c d'` → ['a', 'b', 'c d'], with shell globs expanded in the work folder. */
function argvOf(command: string): string[] {
  const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
  return words.flatMap((word) => {
    if (!word.includes('*')) return [word];
    const pattern = new RegExp(`^${word.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
    return readdirSync(dir).filter((name) => pattern.test(name)).sort();
  });
}

const run = (command: string) => runCli(argvOf(command), { cwd: dir, env: { COLUMNS: '80' } });

function normal(line: string): string {
  return line
    .replace(/\b\d+(?:\.\d+)?(?:us|ms|s)\b/g, 'T')
    .replace(/ +/g, ' ')
    .trimEnd();
}

/** The README's lines appear in `output` in order; `...` skips any number of lines. */
function assertShown(shown: readonly string[], output: string, label: string): void {
  const actual = output.split('\n').map(normal);
  let at = 0;
  for (const line of shown) {
    if (line === '...') continue;
    const want = normal(line);
    const found = actual.indexOf(want, at);
    assert.ok(found !== -1, `${label}: README line not in the output (in order): ${JSON.stringify(line)}\n${output}`);
    at = found + 1;
  }
}

const sessions = blocks.filter((b) => b.lines[0]?.startsWith('$ npx train '));
const scripts = blocks.filter((b) => b.lang === 'sh' && b.lines.some((l) => l.includes('npx train ')));

test('the README has the examples this test checks', () => {
  assert.ok(sessions.length >= 5, `${sessions.length} sessions`);
  assert.ok(scripts.length >= 3, `${scripts.length} scripts`);
});

test('every README script runs: each npx train line exits 0', async () => {
  for (const block of scripts) {
    for (const line of block.lines) {
      if (line.startsWith('echo ')) {
        const [, text, file] = /^echo '(.*)' > (\S+)$/.exec(line)!;
        cpSync(`${root}examples/w05.json`, `${dir}/${file}`);
        assert.equal(readFileSync(`${dir}/${file}`, 'utf8').trim(), text);
        continue;
      }
      const command = /npx train ([^#]*?)\s*(?:#.*)?$/.exec(line)?.[1];
      if (command === undefined) continue;
      const { code, stderr } = await run(command);
      assert.equal(code, 0, `${line}\n${stderr}`);
      // A shard is one CI job of several: the others run too, as the README's CI would run them.
      if (command.includes('--shard 1/3')) {
        for (const other of ['2/3', '3/3']) assert.equal((await run(command.replace('1/3', other))).code, 0);
      }
    }
  }
});

test('every README session prints what the README shows', async () => {
  for (const block of sessions) {
    let output = '';
    let shown: string[] = [];
    const check = (): void => assertShown(shown, output, block.lines[0]);
    for (const line of block.lines) {
      if (line.startsWith('$ npx train ')) {
        check();
        const { code, stdout, stderr } = await run(line.slice('$ npx train '.length));
        assert.equal(code, 0, `${line}\n${stderr}`);
        output = stdout;
        shown = [];
      } else shown.push(line);
    }
    check();
  }
});

test("the README's sweep table is the merged sweep's, cell for cell", async () => {
  const { stdout } = await run('merge batch-vs-lr.jsonl --experiment examples/batch-vs-lr.json --format markdown --no-timings');
  const rows = (text: string): string[][] => text.split('\n').filter((l) => /^\| [\d-]/.test(l) || /^\| batchSize/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const [header, ...body] = rows(stdout);
  const start = readme.indexOf('| batchSize | learningRate | updates');
  const [shownHeader, ...shownBody] = rows(readme.slice(start, readme.indexOf('\n\n', start)));
  assert.ok(shownBody.length >= 4);
  for (const row of shownBody) {
    const actual = body.find((r) => r[0] === row[0] && r[1] === row[1]);
    assert.ok(actual, row.join(' | '));
    shownHeader.forEach((title, i) => assert.equal(row[i], actual[header.indexOf(title)], `${title} of ${row[0]}, ${row[1]}`));
  }
});
