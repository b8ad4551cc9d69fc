/**
 * The loss chart as an SVG file: a Vega-Lite spec (pure data → spec) rendered by Vega in Node
 * without a browser or canvas. Vega and Vega-Lite are loaded only when a file is asked for.
 * The same inputs give the same bytes: the spec holds no dates or random ids, and without a
 * canvas Vega estimates text widths from a fixed table.
 */
import type { TopLevelSpec } from 'vega-lite';
import { english, type Translator } from '../i18n/message.js';

export interface SvgSeries {
  readonly label: string;
  /** One curve per seed: [x, loss] points; non-finite losses leave a gap. */
  readonly curves: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

export interface SvgChartInput {
  readonly title: string;
  readonly subtitle: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly legendTitle: string;
  readonly series: readonly SvgSeries[];
}

/** For each series, the index of an earlier series with exactly the same curves (every seed, every point), or -1. */
export function sameCurvesAsEarlier(series: readonly SvgSeries[]): number[] {
  const samePoints = (a: SvgSeries['curves'][number], b: SvgSeries['curves'][number]): boolean =>
    a.length === b.length && a.every(([x, y], i) => Object.is(x, b[i][0]) && Object.is(y, b[i][1]));
  const same = (a: SvgSeries, b: SvgSeries): boolean => a.curves.length === b.curves.length && a.curves.every((curve, i) => samePoints(curve, b.curves[i]));
  return series.map((s, i) => series.findIndex((other, j) => j < i && same(other, s)));
}

/**
 * One line per series; with several seeds per series the line is the mean and a band shows
 * mean ± one standard deviation across seeds. A series with the very same losses as an earlier
 * one would hide behind it: it is drawn dashed over it, its legend entry names the other, and a
 * line under the title says so in words, as the terminal chart does.
 */
export function lossChartSpec(input: SvgChartInput, t: Translator = english): TopLevelSpec {
  const withSeeds = input.series.some((s) => s.curves.length > 1);
  const duplicateOf = sameCurvesAsEarlier(input.series);
  const labels = input.series.map((s, i) =>
    duplicateOf[i] === -1 ? s.label : t('chart.sameAsLegend', { label: s.label, other: input.series[duplicateOf[i]].label }),
  );
  const notes = input.series.flatMap((s, i) => (duplicateOf[i] === -1 ? [] : [t('chart.sameAs', { label: s.label, other: input.series[duplicateOf[i]].label })]));
  const values = input.series.flatMap((s, i) =>
    s.curves.flatMap((curve, seed) =>
      curve.map(([x, loss]) => ({ series: labels[i], seed, x, loss: Number.isFinite(loss) ? loss : null, dashed: duplicateOf[i] !== -1 })),
    ),
  );
  const y = { field: 'loss', type: 'quantitative', title: input.yTitle, scale: { zero: false } } as const;
  const strokeDash = { condition: { test: 'datum.dashed', value: [6, 4] }, value: [1, 0] } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: notes.length === 0 ? input.subtitle : [input.subtitle, ...notes], anchor: 'start' },
    width: 560,
    height: 320,
    background: 'white',
    padding: 8,
    data: { values },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: input.xTitle, axis: { format: 'd', tickMinStep: 1 } },
      color: { field: 'series', type: 'nominal', title: input.legendTitle, scale: { domain: labels }, sort: labels, legend: { labelLimit: 320 } },
    },
    layer: [
      ...(withSeeds ? [{ mark: { type: 'errorband', extent: 'stdev', opacity: 0.2 }, encoding: { y } } as const] : []),
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { y: withSeeds ? { ...y, aggregate: 'mean' } : y, ...(notes.length === 0 ? {} : { strokeDash }) },
      } as const,
    ],
  } as TopLevelSpec;
}

/** Renders a Vega-Lite spec to SVG text (ending in a newline). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}
