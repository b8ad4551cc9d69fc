/**
 * The lab's charts as Vega-Lite specs (rendered to SVG by svg.ts's renderSvg): steps to the target
 * against batch size on log–log axes with the perfect-scaling line and the fit, and steps against
 * examples with the fitted hyperbola. Pure: analysis in, spec out; the same analysis gives the
 * same bytes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { english, type Translator } from '../i18n/message.js';
import type { LabAnalysis } from './lab-analysis.js';
import { fittedCurve, plottable, roughText } from './lab-text.js';

interface Point {
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly order: number;
}

function chart(title: string, xTitle: string, yTitle: string, values: readonly Point[], labels: readonly string[], dashed: string[], pointed?: string[]): TopLevelSpec {
  const logAxis = { type: 'log', base: 2 } as const;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: labels }, sort: labels, legend: { orient: 'bottom', labelLimit: 360 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 13 },
    width: 480,
    height: 300,
    background: 'white',
    padding: 8,
    data: { values: values as Point[] },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle, scale: logAxis, axis: { format: '~s' } },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: logAxis, axis: { format: '~s' } },
      color,
      order: { field: 'order', type: 'quantitative' },
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, transform: [{ filter: { not: { field: 'series', oneOf: dashed } } }] },
      ...(dashed.length > 0 ? [{ mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 4] }, transform: [{ filter: { field: 'series', oneOf: dashed } }] }] : []),
      { mark: { type: 'point', filled: true, size: 50 }, transform: [{ filter: { field: 'series', oneOf: pointed ?? [labels[0]] } }] },
    ],
  } as TopLevelSpec;
}

/** Steps against batch size, log–log: measured (best lr), perfect scaling, the fit. */
export function stepsByBatchSpec(analysis: LabAnalysis, t: Translator = english): TopLevelSpec | null {
  const points = plottable(analysis);
  if (points.length < 2) return null;
  const measured = t('lab.chart.measured');
  const first = points[0];
  const low = first.batchSize;
  const high = points[points.length - 1].batchSize;
  const perfect = t('lab.chart.perfect', { batch: first.batchSize });
  const values: Point[] = [
    ...points.map((c, order) => ({ series: measured, x: c.batchSize, y: c.steps, order })),
    ...[low, high].map((b, order) => ({ series: perfect, x: b, y: (first.steps * first.batchSize) / b, order })),
  ];
  const labels = [measured, perfect];
  if (analysis.fit !== null) {
    const fit = t('lab.chart.fit', { bCrit: roughText(analysis.fit.bCrit) });
    labels.push(fit);
    values.push(...fittedCurve(analysis.fit, low, high).map((p, order) => ({ series: fit, x: p.batchSize, y: p.steps, order })));
  }
  return chart(t('lab.chart.stepsByBatch'), t('lab.chart.batch'), t('lab.chart.steps'), values, labels, labels.slice(1));
}

/** Steps against examples, log–log: measured (best lr) and the fitted hyperbola. */
export function stepsByExamplesSpec(analysis: LabAnalysis, t: Translator = english): TopLevelSpec | null {
  const points = plottable(analysis);
  if (points.length < 2) return null;
  const measured = t('lab.chart.measured');
  const values: Point[] = [...points].sort((a, b) => a.examples - b.examples).map((c, order) => ({ series: measured, x: c.examples, y: c.steps, order }));
  const labels = [measured];
  if (analysis.fit !== null) {
    const hyperbola = t('lab.chart.hyperbola');
    labels.push(hyperbola);
    const curve = fittedCurve(analysis.fit, points[0].batchSize, points[points.length - 1].batchSize).sort((a, b) => a.examples - b.examples);
    values.push(...curve.map((p, order) => ({ series: hyperbola, x: p.examples, y: p.steps, order })));
  }
  return chart(t('lab.chart.stepsByExamples'), t('lab.chart.examples'), t('lab.chart.steps'), values, labels, labels.slice(1));
}

/** B_simple over epochs at each batch size's best rate, log y, with the fit's B_crit as a dashed level. */
export function noiseScaleSpec(analysis: LabAnalysis, t: Translator = english): TopLevelSpec | null {
  if (analysis.noise.length === 0) return null;
  const labels = analysis.noise.map((n) => t('lab.chart.atBatch', { batch: n.batchSize }));
  const values: Point[] = analysis.noise.flatMap((n, i) =>
    n.epoch.flatMap((e, k) => (Number.isFinite(n.bSimple[k]) && n.bSimple[k] > 0 ? [{ series: labels[i], x: e, y: n.bSimple[k], order: k }] : [])),
  );
  const dashed: string[] = [];
  const fit = analysis.fit;
  if (fit !== null && Number.isFinite(fit.bCrit) && fit.bCrit > 0) {
    const label = t('lab.chart.bCrit', { bCrit: roughText(fit.bCrit) });
    const last = Math.max(...analysis.noise.map((n) => n.epoch[n.epoch.length - 1]));
    labels.push(label);
    dashed.push(label);
    values.push({ series: label, x: 0, y: fit.bCrit, order: 0 }, { series: label, x: last, y: fit.bCrit, order: 1 });
  }
  const batches = labels.filter((label) => !dashed.includes(label));
  const spec = chart(t('lab.chart.noise'), t('lab.chart.epoch'), t('lab.chart.bSimple'), values, labels, dashed, batches) as { encoding: { x: Record<string, unknown> } };
  // Epochs on a linear axis, whole numbers.
  spec.encoding.x = { field: 'x', type: 'quantitative', title: t('lab.chart.epoch'), axis: { format: 'd', tickMinStep: 1 } };
  return spec as unknown as TopLevelSpec;
}
