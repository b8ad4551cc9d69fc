/**
 * A lab's views assembled from its records: the terminal text or the JSON document for stdout,
 * and the files --plot and --report ask for. `train lab` and `train merge --lab` both end here.
 */
import { join } from 'node:path';
import type { Translator } from '../i18n/message.js';
import { english } from '../i18n/message.js';
import { analyzeLab, type LabAnalysis } from '../report/lab-analysis.js';
import { labHtml } from '../report/lab-html.js';
import { noiseScaleSpec, stepsByBatchSpec, stepsByExamplesSpec } from '../report/lab-svg.js';
import { labJson, labText, type LabTextOptions } from '../report/lab-text.js';
import type { Paint } from '../report/paint.js';
import { renderSvg } from '../report/svg.js';
import type { RunRecord, RunSpec } from '../training/record.js';
import type { TargetCondition } from '../training/target.js';
import type { LabGrid } from './lab.js';
import { describeModel } from './layers.js';

/** The files --plot writes into its folder. */
export const PLOT_FILES = ['steps-by-batch.svg', 'steps-by-examples.svg', 'noise-scale.svg'] as const;

/** The files --plot writes; the noise scale's only when it is measured. */
export function plotFiles(folder: string | null, noiseScale = false): string[] {
  return folder === null ? [] : PLOT_FILES.slice(0, noiseScale ? 3 : 2).map((name) => join(folder, name));
}

export interface LabViewOptions {
  readonly json: boolean;
  readonly timings: boolean;
  readonly plot: string | null;
  readonly report: string | null;
  readonly paint: Paint;
  readonly columns: number;
}

/** `sample data (x = y = 1..6), Dense(1), mae loss, adam, 20 epochs` */
export function labDetails(spec: RunSpec, t: Translator): string {
  const data = spec.data === 'sample' ? t('compare.sampleData') : spec.data;
  return [data, describeModel(spec.layers), t('compare.lossName', { loss: spec.loss }), spec.optimizer.name, t('compare.epochs', { epochs: spec.epochs })].join(', ');
}

export interface LabViews {
  readonly analysis: LabAnalysis;
  readonly stdout: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly text: string }>;
}

export async function labViews(records: readonly RunRecord[], grid: LabGrid, target: TargetCondition, options: LabViewOptions, t: Translator, version: string): Promise<LabViews> {
  const analysis = analyzeLab(records, target);
  const spec = records[0].config;
  const timings = options.timings && records.every((r) => r.timings !== null);
  const textOptions: LabTextOptions = { timings, maxEpochs: spec.epochs };
  const title = t('lab.title', { runs: records.length, details: labDetails(spec, t) });
  const lab = {
    runs: records.length,
    batchSizes: grid.batchSizes,
    learningRates: grid.learningRates,
    seeds: grid.seeds,
    maxEpochs: spec.epochs,
    data: spec.data,
    layers: describeModel(spec.layers),
    loss: spec.loss,
    optimizer: spec.optimizer.name,
    validationSplit: spec.validationSplit,
    details: labDetails(spec, english),
  };
  const stdout = options.json
    ? labJson({ analysis, options: textOptions, version, lab })
    : labText({ analysis, options: textOptions, title, paint: options.paint, columns: options.columns }, t);
  const files: Array<{ path: string; text: string }> = [];
  if (options.plot !== null || options.report !== null) {
    const specs = [stepsByBatchSpec(analysis, t), stepsByExamplesSpec(analysis, t), noiseScaleSpec(analysis, t)];
    const svgs = await Promise.all(specs.map((s) => (s === null ? Promise.resolve(null) : renderSvg(s))));
    if (options.plot !== null) {
      plotFiles(options.plot, true).forEach((path, i) => {
        if (svgs[i] !== null) files.push({ path, text: svgs[i]! });
      });
    }
    if (options.report !== null) {
      files.push({ path: options.report, text: labHtml({ analysis, options: textOptions, title, svgs: svgs.filter((s): s is string => s !== null), version }, t) });
    }
  }
  return { analysis, stdout, files };
}
