/**
 * `--assert` expressions: a tiny, safe language for CI gates over a run's fields, e.g.
 * `finalLoss < 0.5` or `endLoss <= 0.1 && updates >= 10 || diverged`. Nothing is evaluated as
 * JavaScript: a hand-written tokenizer and recursive-descent parser build a tree, which is
 * type-checked against the known fields and then evaluated per run.
 *
 *   expr    := and ('||' and)*
 *   and     := unary ('&&' unary)*
 *   unary   := '!' unary | compare
 *   compare := primary (('<' | '<=' | '>' | '>=' | '==' | '!=') primary)?
 *   primary := number | field | 'true' | 'false' | '(' expr ')'
 *
 * Numbers are decimal (`0.5`, `1e-3`, `-2`). Fields are numbers or true/false; a value a run
 * does not have (finalValLoss without a validation split) is NaN, and every comparison with
 * NaN is false except !=, as in IEEE arithmetic.
 */
import { msg, type Message } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { RUN_FIELDS, type FieldType } from './run-fields.js';
import { closest } from './argument-error.js';

export type FieldValues = Readonly<Record<string, number | boolean>>;

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'field'; readonly name: string; readonly at: number }
  | { readonly kind: 'not'; readonly operand: Expr; readonly at: number }
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr; readonly at: number }
  | { readonly kind: 'compare'; readonly op: Comparison; readonly left: Expr; readonly right: Expr; readonly at: number };

export interface Assertion {
  readonly source: string;
  readonly expr: Expr;
  /** Fields the expression reads, in order of first use. */
  readonly fields: readonly string[];
}

/** A bad expression; `column` is 1-based. The CLI reports it as bad input (exit 2). */
export class AssertionError extends InputError {
  constructor(source: string, readonly column: number, problem: Message) {
    super(msg('assert.error', { source, column, problem }));
  }
}

// ---- tokenizer ---------------------------------------------------------------------------------

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly at: number; readonly text: string }
  | { readonly kind: 'name'; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly text: ''; readonly at: number };

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '!', '(', ')'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    // A minus sign is part of a number only where a value is expected.
    const previous = tokens[tokens.length - 1];
    const valueExpected = previous === undefined || (previous.kind === 'op' && previous.text !== ')');
    const number = NUMBER.exec(rest);
    if (number && (valueExpected || !number[0].startsWith('-'))) {
      const value = Number(number[0]);
      if (!Number.isFinite(value)) throw new AssertionError(source, i + 1, msg('assert.notFinite', { number: number[0] }));
      tokens.push({ kind: 'number', value, at: i, text: number[0] });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    const write = rest.startsWith('=') ? '==' : rest.startsWith('&') ? '&&' : rest.startsWith('|') ? '||' : null;
    throw new AssertionError(source, i + 1, msg('assert.unexpected', { char: rest[0], write }));
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

// ---- parser ------------------------------------------------------------------------------------

const COMPARISONS: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];

type Fields = Readonly<Record<string, { readonly type: FieldType }>>;

/** Recursive descent, loosest first: or → and → unary (!) → compare → primary. */
class Parser {
  private k = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly fields: Fields,
  ) {}

  /** The whole expression, or an AssertionError at the first token that does not fit. */
  expression(): Expr {
    if (this.peek().kind === 'end') this.fail(this.peek(), msg('assert.empty'));
    const expr = this.or();
    if (this.peek().kind !== 'end') this.fail(this.peek(), msg('assert.expectedEnd', { found: this.found(this.peek()) }));
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.k];
  }

  private found(t: Token): Message | string {
    return t.kind === 'end' ? msg('assert.theEnd') : `"${t.text}"`;
  }

  private fail(t: Token, problem: Message): never {
    throw new AssertionError(this.source, t.at + 1, problem);
  }

  private isOp(t: Token, text: string): boolean {
    return t.kind === 'op' && t.text === text;
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.k++;
      return { kind: 'number', value: t.value, at: t.at };
    }
    if (t.kind === 'name') {
      this.k++;
      if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', value: t.text === 'true', at: t.at };
      if (!(t.text in this.fields)) {
        const names = Object.keys(this.fields);
        const close = names.find((n) => n.toLowerCase() === t.text.toLowerCase());
        this.fail(t, msg('assert.unknownField', { name: t.text, suggestion: close ?? closest(t.text, names), fields: names.join(', ') }));
      }
      return { kind: 'field', name: t.text, at: t.at };
    }
    if (this.isOp(t, '(')) {
      this.enter(t);
      this.k++;
      const inner = this.or();
      if (!this.isOp(this.peek(), ')')) this.fail(this.peek(), msg('assert.unclosed', { column: t.at + 1, found: this.found(this.peek()) }));
      this.k++;
      this.depth--;
      return inner;
    }
    return this.fail(t, msg('assert.expectedValue', { found: this.found(t) }));
  }

  private compare(): Expr {
    const left = this.primary();
    const t = this.peek();
    if (!(t.kind === 'op' && COMPARISONS.includes(t.text))) return left;
    this.k++;
    const right = this.primary();
    const next = this.peek();
    if (next.kind === 'op' && COMPARISONS.includes(next.text)) this.fail(next, msg('assert.chained'));
    return { kind: 'compare', op: t.text as Comparison, left, right, at: t.at };
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isOp(t, '!')) {
      this.enter(t);
      this.k++;
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand, at: t.at };
    }
    return this.compare();
  }

  private and(): Expr {
    return this.chain('and', '&&', () => this.unary());
  }

  private or(): Expr {
    return this.chain('or', '||', () => this.and());
  }

  /**
   * `a op b op c …` as a balanced tree (&& and || are associative and have no side effects), so
   * that a chain of thousands of terms is only a dozen levels deep for the checks and the
   * evaluation that walk it.
   */
  private chain(kind: 'and' | 'or', op: string, operand: () => Expr): Expr {
    const operands = [operand()];
    const ats: number[] = [];
    while (this.isOp(this.peek(), op)) {
      ats.push(this.peek().at);
      this.k++;
      operands.push(operand());
    }
    const build = (from: number, to: number): Expr => {
      if (to - from === 1) return operands[from];
      const middle = (from + to) >> 1;
      return { kind, left: build(from, middle), right: build(middle, to), at: ats[middle - 1] };
    };
    return build(0, operands.length);
  }

  /** One more level of "(" or "!"; refused past MAX_DEPTH, before the recursion could exhaust the stack. */
  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(t, msg('assert.tooDeep', { max: MAX_DEPTH }));
  }
}

/** Deepest nesting of parentheses and "!" taken: far beyond any gate worth writing. */
export const MAX_DEPTH = 64;

/** The type of an expression, or an AssertionError where the types do not fit together. */
function typeOf(e: Expr, fields: Fields, source: string): FieldType {
  switch (e.kind) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'field':
      return fields[e.name].type;
    case 'not':
      if (typeOf(e.operand, fields, source) !== 'boolean') throw new AssertionError(source, e.at + 1, msg('assert.notOnCondition'));
      return 'boolean';
    case 'and':
    case 'or':
      for (const side of [e.left, e.right]) {
        if (typeOf(side, fields, source) !== 'boolean') {
          throw new AssertionError(source, side.at + 1, msg('assert.joinsConditions', { op: e.kind === 'and' ? '&&' : '||' }));
        }
      }
      return 'boolean';
    case 'compare': {
      const left = typeOf(e.left, fields, source);
      const right = typeOf(e.right, fields, source);
      if (left !== right) throw new AssertionError(source, e.at + 1, msg('assert.mixedTypes', { op: e.op, left, right }));
      if (left === 'boolean' && e.op !== '==' && e.op !== '!=') throw new AssertionError(source, e.at + 1, msg('assert.orderedBooleans', { op: e.op }));
      return 'boolean';
    }
  }
}

/** The fields an expression reads, in order of first use. */
function fieldsUsed(e: Expr, used: string[] = []): string[] {
  if (e.kind === 'field' && !used.includes(e.name)) used.push(e.name);
  if (e.kind === 'not') fieldsUsed(e.operand, used);
  if (e.kind === 'and' || e.kind === 'or' || e.kind === 'compare') {
    fieldsUsed(e.left, used);
    fieldsUsed(e.right, used);
  }
  return used;
}

/** Parses and type-checks an expression against `fields` (default: RUN_FIELDS). */
export function parseAssertion(source: string, fields: Fields = RUN_FIELDS): Assertion {
  const expr = new Parser(source, tokenize(source), fields).expression();
  if (typeOf(expr, fields, source) !== 'boolean') throw new AssertionError(source, expr.at + 1, msg('assert.notCondition'));
  return { source, expr, fields: fieldsUsed(expr) };
}

// ---- evaluation --------------------------------------------------------------------------------

function value(e: Expr, values: FieldValues): number | boolean {
  switch (e.kind) {
    case 'number':
    case 'boolean':
      return e.value;
    case 'field':
      return values[e.name] ?? NaN;
    case 'not':
      return !value(e.operand, values);
    case 'and':
      return value(e.left, values) === true && value(e.right, values) === true;
    case 'or':
      return value(e.left, values) === true || value(e.right, values) === true;
    case 'compare': {
      const a = value(e.left, values);
      const b = value(e.right, values);
      switch (e.op) {
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        case '==':
          return a === b;
        case '!=':
          return a !== b;
      }
    }
  }
}

/** Whether a run with these field values satisfies the assertion. */
export function holds(assertion: Assertion, values: FieldValues): boolean {
  return value(assertion.expr, values) === true;
}
