/**
 * Where a command's human lines go and how they are painted: the log writer, its line sink (a
 * live terminal line or plain lines) and its colours.
 */
import type { LineSink, Writer } from '../report/output.js';
import type { Paint } from '../report/paint.js';
import { plainSink } from '../report/output.js';
import { keras3TerminalSink } from '../report/keras3-terminal-sink.js';
import type { ProgbarStyle } from '../report/progbar.js';
import { terminalSink } from '../report/terminal-sink.js';
import type { CliIo } from './io.js';
import type { TrainConfig } from './run-spec.js';

const same = (text: string): string => text;
/** What createPaint(false) gives, without loading chalk. */
const NO_PAINT: Paint = { enabled: false, warning: same, error: same, dim: same, bold: same, series: (_i, text) => text };

/**
 * The paint for a log writer. Colour needs a terminal or FORCE_COLOR, so without either chalk is
 * not even loaded: plain runs start faster.
 */
export async function paintFor(writer: Writer | null, io: CliIo, flag: boolean): Promise<Paint> {
  if (writer === null || !(writer.isTTY === true || (io.env.FORCE_COLOR ?? '') !== '')) return NO_PAINT;
  const { colorWanted, createPaint } = await import('../report/paint.js');
  return createPaint(colorWanted(writer.isTTY === true, io.env, flag));
}

/** Where the human log goes: stdout, or stderr when stdout carries JSON; null for none. */
export function logWriter(config: Pick<TrainConfig, 'json' | 'verbose' | 'verboseExplicit'>, io: CliIo): Writer | null {
  if (config.verbose === 0) return null;
  if (config.json) return config.verboseExplicit ? io.stderr : null;
  return io.stdout;
}

/** Keras 3's lines go to a terminal exactly as Keras 3 writes them; other lines through cli-progress. */
export function sinkFor(writer: Writer, style: ProgbarStyle = 'keras2'): LineSink {
  if (!writer.isTTY) return plainSink(writer);
  return style === 'keras3' ? keras3TerminalSink(writer) : terminalSink(writer);
}

