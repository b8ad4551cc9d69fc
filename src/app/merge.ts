/**
 * Merging a sweep's results files: the check that they hold every grid point exactly once, and
 * the views of the runs (compare's table and chart, Markdown, JSON, CSV, SVG) with the swept
 * options as columns and the seeds of a grid point summarised together.
 */
import { basename, resolve } from 'node:path';
import { msg, type Translator } from '../i18n/message.js';
import { checkFileSet } from '../io/file-set.js';
import { writeFileAtomic } from '../io/files.js';
import { readSweepFile } from '../io/sweep-file.js';
import { xOf, xTitle, type XAxis } from '../report/axes.js';
import { summaryJson } from '../report/compare-json.js';
import { historyCsv, summaryMarkdown } from '../report/compare-table.js';
import { assertLines, mergeProblemLines } from './sweep-lines.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { toJson } from '../training/record.js';
import { runId } from './grid.js';
import { checkMerge, mergeIsComplete } from './merge-check.js';
import { parseAssertion } from './assertion.js';
import type { CompareFormat } from './compare-views.js';
import { experimentFiles, loadExperiment } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { mergeView, tableText, type MergeView } from './merge-views.js';
import { assertionFailures, shownPath } from './sweep.js';

export interface MergeOptions {
  readonly files: readonly string[];
  readonly experiment: string;
  readonly format: CompareFormat;
  readonly plot?: string;
  readonly x: XAxis;
  readonly assert?: string;
  /** Rank the rows by this history and chart it (`val_accuracy`, `loss`, ...). */
  readonly metric?: string;
  readonly timings: boolean;
  readonly color: boolean;
}

/** 2: each of `runs[]` is a sweep's run record, schemaVersion 2. */
export const MERGE_SCHEMA_VERSION = 2;

/** The view --format names, and where the --assert lines go beside it. */
function formatText(view: MergeView, options: MergeOptions, assertText: string, io: CliIo, t: Translator, version: string): { stdout: string; stderr: string } {
  const { title, details, rows, keys, timings, experiment } = view;
  switch (options.format) {
    case 'table':
      return { stdout: `${tableText(view, options, io, t)}\n${assertText}`, stderr: '' };
    case 'markdown': {
      const gate = assertText === '' ? '' : `\n${assertText.trimEnd().split('\n').map((line, i) => (i === 0 ? `**${line}**` : `- ${line.trim()}`)).join('\n')}\n`;
      return { stdout: `**${title}**; ${details}.\n\n${summaryMarkdown(rows, { timings, withRate: false, keys }, t).join('\n')}\n${gate}`, stderr: '' };
    }
    case 'json': {
      const document = {
        schemaVersion: MERGE_SCHEMA_VERSION,
        tool: { name: 'batchsim', version },
        experiment: { name: experiment.name, file: basename(experiment.file), axes: experiment.axes },
        runs: view.runs.map((r) => (timings ? r : { ...r, timings: null })),
        summary: rows.map((row) => ({ point: row.point, ...summaryJson(row, timings) })),
      };
      return { stdout: toJson(document), stderr: assertText };
    }
    case 'csv':
      return { stdout: historyCsv(view.runs, { timings, keys: view.csvKeys }), stderr: assertText };
  }
}

function svgText(view: MergeView, options: MergeOptions, t: Translator): Promise<string> {
  return renderSvg(
    lossChartSpec({
      title: view.title,
      subtitle: view.details,
      xTitle: xTitle(options.x, t),
      yTitle: view.yTitle,
      legendTitle: t('merge.legend'),
      series: view.series.map(({ label, runs: group }) => ({
        label,
        curves: group.map((run) => (run.history[view.metric ?? 'loss'] ?? run.history.loss).map((loss, e) => [xOf(options.x, e + 1, run.stepsPerEpoch, run.samples.train), loss] as const)),
      })),
    }, t),
  );
}

export async function runMerge(options: MergeOptions, io: CliIo, t: Translator, version: string): Promise<number> {
  const experiment = loadExperiment(options.experiment, io.cwd, version);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const plot = options.plot === undefined ? null : resolve(io.cwd, options.plot);
  // --plot is checked against every file read by file identity, before any work.
  const paths = options.files.map((path) => resolve(io.cwd, path));
  checkFileSet(
    [...experimentFiles(experiment, options.experiment), ...paths.map((path, i) => ({ option: options.files[i], path }))],
    plot === null ? [] : [{ option: '--plot', path: plot }],
  );
  // Every record's id must be the one its configuration gives: an edited record is refused.
  const files = paths.map((path) => readSweepFile(path, { idOf: runId }));

  for (const file of files) {
    if (file.torn) io.stderr.write(`${t('cli.note', { message: msg('merge.tornLineIgnored', { file: shownPath(file.path, io.cwd) }) })}\n`);
  }
  const check = checkMerge(
    experiment.runs,
    files.map((file) => ({ name: shownPath(file.path, io.cwd), records: file.records })),
  );
  if (!mergeIsComplete(check)) {
    const lines = mergeProblemLines(experiment.name, experiment.runs.length, check, t);
    io.stderr.write(`${lines.map((line, i) => (i === 0 ? t('cli.error', { message: line }) : line)).join('\n')}\n`);
    return EXIT.failure;
  }

  const view = mergeView(experiment, check.records, options, t);
  const failures = assertion === null ? [] : assertionFailures(assertion, check.records);
  const assertText = assertion === null ? '' : `${assertLines(assertion.source, check.records.length, failures, assertion.fields, t).join('\n')}\n`;
  const text = formatText(view, options, assertText, io, t, version);
  io.stdout.write(text.stdout);
  if (text.stderr !== '') io.stderr.write(text.stderr);
  if (plot !== null) writeFileAtomic(plot, await svgText(view, options, t));
  return failures.length > 0 ? EXIT.training : EXIT.ok;
}
