/**
 * Sweep results files (JSON Lines): one run record per line, appended as each run finishes.
 *
 * A line is written with a single append of the whole line and its newline, so a killed sweep
 * leaves at most its last line half-written. Reading drops such a torn last line (and `repair`
 * cuts it off the file before new lines are appended); a bad line anywhere else means the file
 * is not ours, and is an error.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { readBounded } from './safe-read.js';
import { z } from 'zod';
import { RUN_SCHEMA_VERSION, toJson, type SweepRecord } from '../training/record.js';
import { describeFsError } from './fs-errors.js';
import { msg } from '../i18n/message.js';
import { InputError } from './errors.js';

export interface SweepFile {
  readonly path: string;
  readonly records: SweepRecord[];
  /** Bytes of whole, valid lines: where a torn last line starts, or the file's size. */
  readonly validBytes: number;
  /** Whether the last line was half-written (or not a record) and was dropped. */
  readonly torn: boolean;
  /** Whether the last valid line lacks its newline (then one is added before appending). */
  readonly missingNewline: boolean;
}

const finiteOrNull = z.number().nullable();
/** The parts of a record that reading relies on; anything else is carried along as is. */
const recordSchema = z.looseObject({
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  id: z.string().regex(/^[0-9a-f]{64}$/),
  experiment: z.string(),
  point: z.record(z.string(), z.unknown()),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  config: z.looseObject({ batchSize: z.number(), epochs: z.number(), learningRate: z.number(), seed: z.number(), validationSplit: z.number() }),
  samples: z.looseObject({ train: z.number() }),
  stepsPerEpoch: z.number(),
  updates: z.number(),
  history: z.looseObject({ loss: z.array(finiteOrNull), val_loss: z.array(finiteOrNull).optional() }),
  endLoss: finiteOrNull,
  weights: z.looseObject({ initial: z.array(z.unknown()), final: z.array(z.unknown()) }),
  timings: z.looseObject({ totalSeconds: z.number() }).nullable(),
  stopped: z.string().nullable(),
  // Absent in records written before the noise scale was measured: read as null.
  noiseScale: z
    .looseObject({ epoch: z.array(z.number()), bSimple: z.array(finiteOrNull), traceSigma: z.array(finiteOrNull), gradNormSquared: z.array(finiteOrNull) })
    .nullable()
    .optional(),
});

/**
 * A whole line that is a run record of another schema version (an older batchsim's) is refused,
 * not taken for a torn line: the file stays as it is, and nothing is appended to it.
 */
function checkSchemaVersion(text: string, path: string, line: number): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  if (value === null || typeof value !== 'object' || !('id' in value) || !('schemaVersion' in value)) return;
  const version = (value as { schemaVersion: unknown }).schemaVersion;
  if (typeof version === 'number' && version !== RUN_SCHEMA_VERSION) {
    throw new InputError(msg('results.otherVersion', { file: path, line, version, expected: RUN_SCHEMA_VERSION }));
  }
}

/** null (how JSON writes NaN and ±inf) back to NaN. */
const nan = (v: number | null): number => v ?? NaN;

/** How every record line starts (JSON.stringify keeps sweepRecord's key order): a torn last line must start so too. */
const RECORD_START = `{"schemaVersion":${RUN_SCHEMA_VERSION},`;

/** How a run's id follows from its configuration and the tool's version (the experiment format's runId). */
export type RunIdOf = (config: unknown, version: string) => string;

/**
 * Parses one line; null if it is not a run record, 'forged' if it is one whose contents do not
 * give its id (checked when `idOf` is given).
 */
export function parseRecordLine(line: string, idOf?: RunIdOf): SweepRecord | null | 'forged' {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const checked = recordSchema.safeParse(value);
  if (!checked.success) return null;
  const r = checked.data;
  if (idOf !== undefined && idOf(r.config, r.tool.version) !== r.id) return 'forged';
  return {
    ...(r as unknown as SweepRecord),
    // Every per-epoch list (loss, val_loss, end_loss and the metrics: accuracy, val_accuracy, …), null read back as NaN.
    history: Object.fromEntries(
      Object.entries(r.history).map(([key, values]) => [key, Array.isArray(values) ? values.map((v) => (typeof v === 'number' ? v : NaN)) : values]),
    ) as SweepRecord['history'],
    endLoss: nan(r.endLoss),
    noiseScale: r.noiseScale
      ? {
          epoch: r.noiseScale.epoch,
          bSimple: r.noiseScale.bSimple.map(nan),
          traceSigma: r.noiseScale.traceSigma.map(nan),
          gradNormSquared: r.noiseScale.gradNormSquared.map(nan),
        }
      : null,
  };
}

/** One line of JSON, newline included; NaN and ±inf are written as null. */
export function recordLine(record: SweepRecord): string {
  return toJson(record, 0);
}

/**
 * Reads a results file. A missing file reads as empty when `missingOk`; a torn last line is
 * dropped (see `torn`); any other line that is not a record is an InputError, and so is a record
 * whose id its contents do not give, when `idOf` is given.
 */
export function readSweepFile(path: string, options: { missingOk?: boolean; forAppend?: boolean; idOf?: RunIdOf } = {}): SweepFile {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(msg('results.isFolder', { file: path }));
    bytes = readBounded(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missingOk) {
      return { path, records: [], validBytes: 0, torn: false, missingNewline: false };
    }
    throw new InputError(msg('results.cannotRead', { file: path, reason: describeFsError(error) }));
  }
  const records: SweepRecord[] = [];
  let start = 0;
  let line = 0;
  let validBytes = 0;
  let missingNewline = false;
  while (start < bytes.length) {
    line++;
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    const text = bytes.toString('utf8', start, end).trim();
    const isLast = newline < 0 || newline === bytes.length - 1;
    if (text !== '') {
      checkSchemaVersion(text, path, line);
      const record = parseRecordLine(text, options.idOf);
      if (record === 'forged') throw new InputError(msg('results.forged', { file: path, line }));
      if (record === null) {
        // Only a last line without its newline that starts as every record does is a torn record;
        // anything else means the file is not a results file, and it is not ours to change.
        if (newline < 0 && text.startsWith(RECORD_START)) return { path, records, validBytes, torn: true, missingNewline: false };
        throw new InputError(msg(options.forAppend ? 'results.notResults' : 'results.notRecord', { file: path, line }));
      }
      records.push(record);
      missingNewline = newline < 0;
    }
    validBytes = newline < 0 ? bytes.length : newline + 1;
    start = end + 1;
  }
  return { path, records, validBytes, torn: false, missingNewline };
}

/**
 * Appends records to a results file, one whole line per write. `open` first cuts a torn last
 * line off (or ends an unterminated one), so the file stays one record per line.
 */
export class SweepWriter {
  private fd: number;

  constructor(readonly path: string, existing: SweepFile) {
    try {
      if (existing.torn) truncateSync(path, existing.validBytes);
      this.fd = openSync(path, 'a');
      if (existing.missingNewline) writeWhole(this.fd, Buffer.from('\n'));
    } catch (error) {
      throw new InputError(msg('results.cannotWrite', { file: path, reason: describeFsError(error) }));
    }
  }

  /**
   * Appends one record. A write that fails part-way (a full disk) is cut off again, so the file
   * keeps whole lines only, and reported as an InputError.
   */
  append(record: SweepRecord): void {
    this.appendLine(recordLine(record));
  }

  /** Appends one record's line as `recordLine` wrote it (a sweep worker writes it), the same way. */
  appendLine(line: string): void {
    const size = fstatSync(this.fd).size;
    try {
      writeWhole(this.fd, Buffer.from(line));
    } catch (error) {
      try {
        ftruncateSync(this.fd, size);
      } catch {
        // Reading drops a torn last line anyway.
      }
      throw new InputError(msg('results.cannotWrite', { file: this.path, reason: describeFsError(error) }));
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeWhole(fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset);
}
