/**
 * `train merge --lab`: joins the results files of a lab's shards. The lab is read from the
 * records themselves (each carries the lab's grid and its run's configuration), the expected runs
 * are rebuilt from them, and the files must hold every one exactly once (exit 1 naming what is
 * missing or duplicated); then the lab's views, as `train lab` shows them.
 */
import { resolve } from 'node:path';
import { msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFileSet, type NamedFile } from '../io/file-set.js';
import { datasetInputs, embeddedDataset } from '../io/dataset-catalogue.js';
import { checkFolderCreatable, writeFileGroup } from '../io/files.js';
import { readSweepFile } from '../io/sweep-file.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { terminalColumns } from '../report/width.js';
import type { SweepRecord } from '../training/record.js';
import { canonicalJson, runId } from './grid.js';
import { EXIT, type CliIo } from './io.js';
import { LAB_NAME, labPoints, type LabGrid } from './lab.js';
import { labViews, plotFiles } from './lab-views.js';
import { checkMerge, mergeIsComplete } from './merge-check.js';
import { mergeProblemLines } from './sweep-lines.js';
import { interruptedBeforeOutput } from './session.js';
import { shownPath } from './sweep.js';

export interface LabMergeOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly timings: boolean;
  readonly color: boolean;
  readonly plot: string | null;
  readonly report: string | null;
}

function gridOf(record: SweepRecord): LabGrid | null {
  const grid = (record as SweepRecord & { lab?: LabGrid }).lab;
  return record.experiment === LAB_NAME && grid !== undefined && record.config.goal !== undefined ? grid : null;
}

export async function runLabMerge(options: LabMergeOptions, io: CliIo, t: Translator, version: string): Promise<number> {
  const paths = options.files.map((path) => resolve(io.cwd, path));
  const plot = options.plot === null ? null : resolve(io.cwd, options.plot);
  const report = options.report === null ? null : resolve(io.cwd, options.report);
  const plotExists = plot !== null && checkFolderCreatable(plot, '--plot');
  const outputs: NamedFile[] = [
    ...plotFiles(plot, true).map((path) => ({ option: '--plot', path, inNewFolder: !plotExists })),
    ...(report === null ? [] : [{ option: '--report', path: report }]),
  ];
  const inputs: NamedFile[] = paths.map((path, i) => ({ option: options.files[i], path }));
  checkFileSet(inputs, outputs);
  const files = paths.map((path) => readSweepFile(path, { idOf: runId }));
  for (const file of files) {
    if (file.torn) io.stderr.write(`${t('cli.note', { message: msg('merge.tornLineIgnored', { file: shownPath(file.path, io.cwd) }) })}\n`);
  }
  const first = files.flatMap((file) => file.records).find((record) => gridOf(record) !== null);
  if (first === undefined) throw new InputError(msg('lab.merge.noLab', { file: options.files[0] }));
  const grid = gridOf(first)!;
  // The lab's embedded data set is not read here, but no output may land on it either.
  const dataset = /^dataset (\S+)$/.exec(first.config.data)?.[1];
  if (dataset !== undefined && embeddedDataset(dataset) !== undefined) checkFileSet([...inputs, ...datasetInputs(dataset)], outputs);
  for (const [i, file] of files.entries()) {
    for (const record of file.records) {
      const other = gridOf(record);
      if (other === null || canonicalJson(other) !== canonicalJson(grid)) throw new InputError(msg('lab.merge.mixed', { file: options.files[i] }));
    }
  }
  const expected = labPoints(first.config, grid, version);
  const check = checkMerge(
    expected,
    files.map((file) => ({ name: shownPath(file.path, io.cwd), records: file.records })),
  );
  if (!mergeIsComplete(check)) {
    const lines = mergeProblemLines(LAB_NAME, expected.length, check, t);
    io.stderr.write(`${lines.map((line, i) => (i === 0 ? t('cli.error', { message: line }) : line)).join('\n')}\n`);
    return EXIT.failure;
  }
  const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, options.color));
  const views = await labViews(check.records, grid, first.config.goal!, { json: options.json, timings: options.timings, plot, report, paint, columns: terminalColumns(io.stdout, io.env) }, t, version);
  const stopped = await interruptedBeforeOutput(io, t);
  if (stopped !== null) return stopped;
  io.stdout.write(views.stdout);
  if (views.files.length > 0) writeFileGroup(views.files);
  return EXIT.ok;
}
