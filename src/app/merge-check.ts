/**
 * Joining the results files of a sweep's shards and checking them against the experiment:
 * every grid point must be there exactly once, and nothing else may be. Pure: records in,
 * findings out.
 */
import type { GridPoint, SweepRecord } from '../training/record.js';

export interface ExpectedRun {
  readonly id: string;
  readonly point: GridPoint;
}

export interface ResultsFile {
  /** How messages name the file. */
  readonly name: string;
  readonly records: readonly SweepRecord[];
}

export interface MergeCheck {
  /** The record of every expected run that is present, in the expected order. */
  readonly records: readonly SweepRecord[];
  readonly missing: readonly GridPoint[];
  /** Runs found more than once, with the files that hold them (a file twice if it holds it twice). */
  readonly duplicated: ReadonlyArray<{ readonly point: GridPoint; readonly files: readonly string[] }>;
  /** Records that are no run of the experiment (another configuration, experiment or version). */
  readonly foreign: ReadonlyArray<{ readonly point: GridPoint; readonly file: string; readonly experiment: string; readonly version: string }>;
}

export function checkMerge(expected: readonly ExpectedRun[], files: readonly ResultsFile[]): MergeCheck {
  const wanted = new Set(expected.map((run) => run.id));
  const found = new Map<string, { record: SweepRecord; files: string[] }>();
  const foreign: Array<MergeCheck['foreign'][number]> = [];
  for (const file of files) {
    for (const record of file.records) {
      if (!wanted.has(record.id)) {
        foreign.push({ point: record.point, file: file.name, experiment: record.experiment, version: record.tool.version });
        continue;
      }
      const entry = found.get(record.id);
      if (entry) entry.files.push(file.name);
      else found.set(record.id, { record, files: [file.name] });
    }
  }
  return {
    records: expected.flatMap((run) => {
      const entry = found.get(run.id);
      return entry ? [entry.record] : [];
    }),
    missing: expected.filter((run) => !found.has(run.id)).map((run) => run.point),
    duplicated: expected.flatMap((run) => {
      const entry = found.get(run.id);
      return entry && entry.files.length > 1 ? [{ point: run.point, files: entry.files }] : [];
    }),
    foreign,
  };
}

/** Whether the files hold every run of the experiment exactly once and nothing else. */
export function mergeIsComplete(check: MergeCheck): boolean {
  return check.missing.length === 0 && check.duplicated.length === 0 && check.foreign.length === 0;
}
