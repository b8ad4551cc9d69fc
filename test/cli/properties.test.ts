/**
 * Property tests: whatever argv or data file it is given, `train` (and `train compare`) returns an
 * exit code — 0 done, 2 bad input, 3 diverged — and never throws, crashes with an internal error
 * (exit 1) or prints a stack, in any --lang.
 * Runs are kept small: at most 3 epochs on at most a few dozen samples.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { CATALOGUES } from '../../src/i18n/index.js';
import fc from 'fast-check';
import { Command } from 'commander';
import { addCompareCommand } from '../../src/cli/compare.js';
import { createProgram } from '../../src/cli/program.js';
import { fakeIo, runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
/** The CLI's working folder: relative paths from random argv land here. */
const cwd = join(dir, 'cwd');
mkdirSync(cwd);

const csvPath = join(dir, 'points.csv');
writeFileSync(csvPath, 'a,b,y\n1,2,3\n2,1,3\n0,1,1\n3,3,6\n1,1,2\n4,0,4\n');
const jsonPath = join(dir, 'points.json');
writeFileSync(jsonPath, '{"x": [[1, 2], [2, 1], [0, 1], [3, 3]], "y": [3, 3, 1, 6]}');
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);
const weightsPath = join(dir, 'w.json');
writeFileSync(weightsPath, '[[[0.5]], [0]]');

/** Every option the train command has, from commander itself: long and short names. */
const FLAGS = createProgram(fakeIo(), { code: 0 }).options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));

/** Flags that take a value: commander reads the next word as that value, even `--json`. */
const VALUE_FLAGS = new Set(
  [...createProgram(fakeIo(), { code: 0 }).options, ...addCompareCommand(new Command('train'), fakeIo(), { code: 0 }).options]
    .filter((o) => o.required || o.optional)
    .flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)),
);

/** Whether `--json` is a flag of this argv, not the value of the option before it. */
function asksForJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.has(argv[i])) i++;
    else if (argv[i] === '--json') return true;
  }
  return false;
}

/** The options of `train compare`: its own and the training options it shares. */
const COMPARE_FLAGS = addCompareCommand(new Command('train'), fakeIo(), { code: 0 }).options.flatMap((o) =>
  [o.long, o.short].filter((f): f is string => f !== undefined),
);

/** Values worth throwing at any flag: numbers around every limit, names, specs, paths, junk. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -3, max: 40 }).map(String),
  fc.constantFrom('0', '1', '-1', '2.5', '1e3', '1e-17', '0.5', '0.9', '1e6', '1e39', '2147483648', '4294967296', 'NaN', 'Infinity', '-Infinity', '', ' ', '0x10'),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('adam', 'sgd', 'rmsprop', 'mae', 'mse', 'huber', 'relu', 'adma', 'msa', 'stop', 'continue', 'auto', 'y', 'a,b', 'b,y', 'c'),
  fc.array(fc.tuple(fc.integer({ min: 0, max: 16 }), fc.constantFrom('', ':relu', ':tanh', ':sigmoid', ':linear', ':relux', ':')), { minLength: 1, maxLength: 3 }).map((layers) =>
    layers.map(([units, activation]) => `${units}${activation}`).join(','),
  ),
  fc.constantFrom(csvPath, jsonPath, weightsPath, dir, join(dir, 'missing.csv'), join(dir, 'nope', 'out.json'), 'out.json', '/proc/w.json', fifo),
  fc.string({ maxLength: 8 }),
);

/** Values a flag accepts, so that many runs get past parsing and train (or diverge). */
const plausible: Record<string, fc.Arbitrary<string>> = {
  '--batch-size': fc.integer({ min: 1, max: 8 }).map(String),
  '--lr': fc.constantFrom('0.001', '0.01', '0.1', '1', '1e6', '1e20'),
  '--optimizer': fc.constantFrom('adam', 'sgd', 'rmsprop'),
  '--momentum': fc.constantFrom('0', '0.5', '0.9'),
  '--loss': fc.constantFrom('mae', 'mse', 'huber'),
  '--layers': fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom('', ':relu', ':tanh', ':sigmoid')), { maxLength: 2 }).map((hidden) =>
    [...hidden.map(([units, activation]) => `${units}${activation}`), '1'].join(','),
  ),
  '--data': fc.constantFrom(csvPath, jsonPath),
  '--target': fc.constantFrom('y', 'b'),
  '--seed': fc.integer({ min: 0, max: 100 }).map(String),
  '--validation-split': fc.constantFrom('0.2', '0.34', '0.5'),
  '--weights': fc.constant(weightsPath),
  '--save-weights': fc.constantFrom('out.json', join(dir, 'saved.json')),
  '--on-nan': fc.constantFrom('stop', 'continue'),
  '--verbose': fc.constantFrom('0', '1', '2', 'auto'),
  '--lang': fc.constantFrom('en', 'ko'),
  // train compare
  '--batch-sizes': fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }).map((sizes) => sizes.join(',')),
  '--seeds': fc.integer({ min: 1, max: 3 }).map(String),
  '--lrs': fc.constantFrom('0.001,0.01', '0.1', '1e6'),
  '--x': fc.constantFrom('epoch', 'update', 'samples'),
  '--format': fc.constantFrom('table', 'json', 'csv', 'markdown'),
  '--plot': fc.constantFrom('loss.svg'),
  '--out': fc.constantFrom('results'),
};
const LONG_OF: Record<string, string> = { '-b': '--batch-size', '-e': '--epochs', '-v': '--verbose' };

/** A flag and, mostly, a value it accepts; sometimes a hostile value or none. */
const optionOf = (flags: readonly string[]): fc.Arbitrary<string[]> => fc.constantFrom(...flags).chain((flag) => {
  const good = plausible[LONG_OF[flag] ?? flag];
  return fc
    .oneof(
      { weight: good === undefined ? 0 : 6, arbitrary: good ?? fc.constant('') },
      { weight: 2, arbitrary: hostile },
      { weight: good === undefined ? 4 : 1, arbitrary: fc.constant(null) },
    )
    .map((v) => (v === null ? [flag] : [flag, v]));
});
/** Now and then a run that diverges (sgd with lr 1e6 on mse), so exit 3 is drawn too. */
const diverging = fc.constant(['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6']);
const option = fc.oneof({ weight: 12, arbitrary: optionOf(FLAGS) }, { weight: 1, arbitrary: diverging.map((args) => [...args, '-b', '1']) });
const compareOption = fc.oneof({ weight: 12, arbitrary: optionOf(COMPARE_FLAGS) }, { weight: 1, arbitrary: diverging });

const argvArbitrary: fc.Arbitrary<string[]> = fc
  .tuple(fc.array(option, { maxLength: 5 }), fc.integer({ min: 1, max: 3 }))
  .map(([options, epochs]) => [
    ...options.flat(),
    // Last, so it wins over any valid --epochs drawn above (an invalid one still fails first).
    '--epochs',
    String(epochs),
  ]);

/** How an error line starts in each language's catalogue. */
const ERROR_PREFIXES = Object.values(CATALOGUES).map((catalogue) => catalogue['cli.error']({ message: '' }));

/** What every run must satisfy, whatever the input. */
function checkOutcome(argv: readonly string[], result: { code: number; stdout: string; stderr: string }): void {
  const { code, stdout, stderr } = result;
  const context = `train ${argv.map((a) => JSON.stringify(a)).join(' ')} → ${code}\n${stderr}`;
  // Exit 1 is what an internal error returns, in every --lang; train and compare have no other
  // use for it (only merge does), so the code alone tells, whatever language the text is in.
  assert.ok(code === 0 || code === 2 || code === 3, context);
  assert.doesNotMatch(`${stdout}${stderr}`, /^\s+at .+:\d+:\d+\)?$/m, context);
  if (code === 2) {
    // One line that starts as the chosen language's error line does ("error: ", "오류: ", …).
    assert.match(stderr, /^[^\n]+\n$/, context);
    assert.ok(ERROR_PREFIXES.some((prefix) => stderr.startsWith(prefix)), context);
  }
  const help = argv.includes('--help') || argv.includes('-h') || argv.includes('--version') || argv.includes('-V');
  const format = argv.lastIndexOf('--format');
  const json = asksForJson(argv) || (format >= 0 && argv[format + 1] === 'json');
  if ((code === 0 || code === 3) && json && !help) {
    assert.doesNotThrow(() => JSON.parse(stdout), context);
  }
}

test('random argv made of real flags and hostile values only ever exits 0, 2 or 3, with one line per error', async () => {
  await fc.assert(
    fc.asyncProperty(argvArbitrary, async (argv) => {
      checkOutcome(argv, await runCli(argv, { cwd }));
    }),
    { numRuns: 400 },
  );
  // Whatever was saved went to real, complete files: no temporary file is left behind.
  for (const folder of [cwd, dir]) assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
});

test('random train compare argv only ever exits 0, 2 or 3, with one line per error', async () => {
  const compareArgv = fc
    .tuple(plausible['--batch-sizes'], fc.array(compareOption, { maxLength: 4 }), fc.integer({ min: 1, max: 3 }))
    .map(([sizes, options, epochs]) => ['compare', '--batch-sizes', sizes, ...options.flat(), '--epochs', String(epochs), '-q']);
  await fc.assert(
    fc.asyncProperty(compareArgv, async (argv) => {
      checkOutcome(argv, await runCli(argv, { cwd }));
    }),
    { numRuns: 150 },
  );
});

/** A number as people write them in CSV files. */
const numberCell = fc.oneof(
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
  fc.constantFrom('-0', '.5', '1.', '+2', '1e-3', ' 4 '),
);
const junkCell = fc.constantFrom('', ' ', 'x', 'NaN', 'Infinity', '-inf', '1e39', '"3"', 'a b', '\t', '1,2', '\u0000');

/** A well-formed numeric table: a BOM or not, LF or CRLF, blank lines, a final newline or not. */
const table = fc
  .tuple(
    fc.shuffledSubarray(['a', 'b', 'x', 'y'], { minLength: 2 }),
    fc.integer({ min: 1, max: 20 }),
    fc.constantFrom('', '\uFEFF'),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .chain(([header, rows, bom, eol, finalNewline]) =>
    fc.array(fc.array(numberCell, { minLength: header.length, maxLength: header.length }), { minLength: rows, maxLength: rows }).map((cells) => ({
      lines: [header.join(','), ...cells.map((r) => r.join(','))],
      bom,
      eol,
      finalNewline,
    })),
  );
const render = (t: { lines: string[]; bom: string; eol: string; finalNewline: boolean }): string =>
  t.bom + t.lines.join(t.eol) + (t.finalNewline ? t.eol : '');

/** CSV text: mostly valid tables, some with one thing broken, and some anything at all. */
const csvText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: table.map(render) },
  {
    weight: 3,
    arbitrary: fc.tuple(table, fc.nat(), fc.nat(), fc.oneof(junkCell, fc.constant('\n'), fc.constant('1,1'), fc.constant(',,'))).map(([t, line, at, junk]) => {
      const lines = [...t.lines];
      const i = line % lines.length;
      const cells = lines[i].split(',');
      cells[at % cells.length] = junk;
      lines[i] = cells.join(',');
      return render({ ...t, lines });
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('0', '1', '2', ',', '.', '-', 'e', '\n', '\r', 'x', 'y', ' ', '\uFEFF'), maxLength: 120 }) },
);

test('random CSV text as --data only ever exits 0, 2 or 3, with one line per error', async () => {
  let file = 0;
  await fc.assert(
    fc.asyncProperty(
      csvText,
      fc.constantFrom([], ['--target', 'y'], ['--layers', '3:relu,1'], ['--validation-split', '0.3'], ['-b', '1', '--loss', 'mse', '--optimizer', 'sgd', '--lr', '1']),
      async (text, extra) => {
        const path = join(dir, `random-${file++}.csv`);
        writeFileSync(path, text);
        const argv = ['--data', path, '-e', '2', '--json', ...extra];
        checkOutcome(argv, await runCli(argv, { cwd }));
        rmSync(path);
      },
    ),
    { numRuns: 400 },
  );
});
