/**
 * The loss chart as an SVG file: a Vega-Lite spec (pure data → spec) rendered by Vega in Node
 * without a browser or canvas. Vega and Vega-Lite are loaded only when a file is asked for.
 * The same inputs give the same bytes: the spec holds no dates or random ids, and without a
 * canvas Vega estimates text widths from a fixed table.
 */
import type { TopLevelSpec } from 'vega-lite';

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

/**
 * One line per series; with several seeds per series the line is the mean and a band shows
 * mean ± one standard deviation across seeds.
 */
export function lossChartSpec(input: SvgChartInput): TopLevelSpec {
  const withSeeds = input.series.some((s) => s.curves.length > 1);
  const values = input.series.flatMap((s) =>
    s.curves.flatMap((curve, seed) => curve.map(([x, loss]) => ({ series: s.label, seed, x, loss: Number.isFinite(loss) ? loss : null }))),
  );
  const labels = input.series.map((s) => s.label);
  const y = { field: 'loss', type: 'quantitative', title: input.yTitle, scale: { zero: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle, anchor: 'start' },
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
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: withSeeds ? { ...y, aggregate: 'mean' } : y } } as const,
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
