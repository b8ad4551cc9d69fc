/**
 * Colour for terminal output. The text is identical with and without colour: painting only
 * wraps parts of a line in ANSI codes.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface Paint {
  readonly enabled: boolean;
  warning(text: string): string;
  error(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /** The i-th series colour (charts, legends). */
  series(index: number, text: string): string;
}

const SERIES: ReadonlyArray<keyof ChalkInstance> = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];

export function createPaint(enabled: boolean): Paint {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    warning: (text) => chalk.yellow(text),
    error: (text) => chalk.red(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    series: (index, text) => (chalk[SERIES[index % SERIES.length]] as (s: string) => string)(text),
  };
}

/**
 * Colour is on for a terminal unless NO_COLOR is set (any value, https://no-color.org) or the
 * user said --no-color; FORCE_COLOR=1..3 turns it on anywhere.
 */
export function colorWanted(isTTY: boolean, env: Readonly<Record<string, string | undefined>>, flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}
