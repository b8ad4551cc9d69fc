import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AssertionError, holds, parseAssertion } from '../../src/app/assertion.js';
import { InputError } from '../../src/io/errors.js';

const run = { finalLoss: 0.4, endLoss: 0.05, updates: 20, batchSize: 3, finalValLoss: NaN, diverged: false, shuffle: true };
const check = (source: string, values: Record<string, number | boolean> = run): boolean => holds(parseAssertion(source), values);

/** Asserts that `source` is rejected at 1-based `column` with a message matching `message`. */
function rejects(source: string, column: number, message: RegExp): void {
  assert.throws(
    () => parseAssertion(source),
    (error: unknown) => {
      assert.ok(error instanceof AssertionError);
      assert.ok(error instanceof InputError, 'a bad expression is bad input (exit 2)');
      assert.equal(error.column, column);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    },
  );
}

test('a comparison of a field with a number holds or fails', () => {
  assert.equal(check('finalLoss < 0.5'), true);
  assert.equal(check('finalLoss < 0.3'), false);
  assert.equal(check('updates >= 20'), true);
  assert.equal(check('updates > 20'), false);
  assert.equal(check('batchSize == 3'), true);
  assert.equal(check('batchSize != 3'), false);
  assert.equal(check('0.5 > finalLoss'), true);
});

test('&& binds tighter than ||, ! tighter than both, and parentheses group', () => {
  assert.equal(check('endLoss <= 0.1 && updates >= 10'), true);
  assert.equal(check('finalLoss > 1 || endLoss < 0.1 && updates == 20'), true);
  assert.equal(check('(finalLoss > 1 || endLoss < 0.1) && updates == 19'), false);
  assert.equal(check('!diverged && !(finalLoss > 1)'), true);
  assert.equal(check('!!shuffle'), true);
  assert.equal(check('diverged == false'), true);
});

test('numbers may be written with exponents and a leading minus', () => {
  assert.equal(check('endLoss < 1e-1'), true);
  assert.equal(check('endLoss > -2'), true);
  assert.equal(check('endLoss<.06'), true);
});

test('every comparison with a missing value (NaN) is false, except !=', () => {
  assert.equal(check('finalValLoss < 1'), false);
  assert.equal(check('finalValLoss >= 1'), false);
  assert.equal(check('finalValLoss != 1'), true);
});

test('the expression lists the fields it reads, for the report of failing runs', () => {
  assert.deepEqual(parseAssertion('endLoss < 1 && (finalLoss < 2 || endLoss > 0) && !diverged').fields, ['endLoss', 'finalLoss', 'diverged']);
});

test('bad expressions are rejected with the column of the problem', () => {
  rejects('', 1, /empty/);
  rejects('finalLoss <', 12, /expected a number, a field/);
  rejects('finalLoss < 0.5 &&', 19, /expected a number/);
  rejects('finalLoss << 0.5', 12, /found "<"/);
  rejects('finalLoss = 0.5', 11, /write ==/);
  rejects('finalLoss < 0.5 & updates > 1', 17, /write &&/);
  rejects('finalLos < 0.5', 1, /unknown field "finalLos".*Did you mean "finalLoss"/);
  rejects('(finalLoss < 0.5', 17, /expected "\)" to close the "\(" at column 1/);
  rejects('finalLoss < 0.5)', 16, /expected "&&", "\|\|" or the end/);
  rejects('0.1 < finalLoss < 0.5', 17, /do not chain/);
  rejects('finalLoss', 1, /not a condition/);
  rejects('!finalLoss', 1, /"!" applies to a condition/);
  rejects('finalLoss && diverged', 1, /joins conditions/);
  rejects('diverged < 1', 10, /compares a boolean with a number/);
  rejects('diverged < true', 10, /true\/false take == or !=/);
  rejects('process.exit(1)', 8, /unexpected "\."/);
  rejects('1e999 > finalLoss', 1, /not a finite number/);
});

test('the message quotes the expression and names --assert', () => {
  assert.throws(() => parseAssertion('finalLoss <'), { message: '--assert "finalLoss <": column 12: expected a number, a field, "!" or "(", found the end of the expression' });
});

test('accuracy fields: the last epoch of accuracy and val_accuracy, the best val_accuracy, NaN without them', async () => {
  const { runFields } = await import('../../src/app/run-fields.js');
  const record = (history: Record<string, number[]>) =>
    ({ config: { batchSize: 4, learningRate: 0.01, seed: 1, epochs: 3, validationSplit: 0.2, shuffle: true }, samples: { train: 8 }, history, endLoss: 0.3, updates: 6, stepsPerEpoch: 2, timings: null, stopped: null }) as never;
  const fields = runFields(record({ loss: [1, 0.5, 0.4], accuracy: [0.5, 0.75, 0.875], val_accuracy: [0.5, 1, 0.9] }));
  assert.equal(fields.accuracy, 0.875);
  assert.equal(fields.valAccuracy, 0.9);
  assert.equal(fields.bestValAccuracy, 1);
  assert.equal(holds(parseAssertion('valAccuracy >= 0.9 && accuracy > 0.8'), fields), true);
  assert.equal(holds(parseAssertion('valAccuracy >= 0.95'), fields), false);
  const plain = runFields(record({ loss: [1, 0.5] }));
  assert.ok(Number.isNaN(plain.accuracy) && Number.isNaN(plain.valAccuracy) && Number.isNaN(plain.bestValAccuracy));
  assert.equal(holds(parseAssertion('valAccuracy >= 0'), plain), false);
});
