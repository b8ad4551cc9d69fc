import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lossChartSpec, renderSvg, type SvgChartInput } from '../../src/report/svg.js';

const input: SvgChartInput = {
  title: 'Training loss by batch size: sample data (x = y = 1..6), Dense(1)',
  subtitle: 'mae loss, adam lr 0.001, 10 epochs, seed 42',
  xTitle: 'epoch',
  yTitle: 'loss (mae)',
  legendTitle: 'runs',
  series: [6, 3, 1].map((b) => ({
    label: `batch ${b}`,
    curves: [Array.from({ length: 10 }, (_, e) => [e + 1, 1.75 - (e * 0.027) / b] as const)],
  })),
};

type XmlNode = Record<string, unknown>;

/** Every element named `name` anywhere below `node`, as fast-xml-parser builds the tree. */
function elements(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, name));
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@_')) continue;
    if (key === name) found.push(...(Array.isArray(value) ? value : [value]).filter((v): v is XmlNode => typeof v === 'object' && v !== null));
    found.push(...elements(value, name));
  }
  return found;
}

function parse(svg: string): XmlNode {
  assert.equal(XMLValidator.validate(svg), true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(svg) as XmlNode;
}

test('the SVG is well-formed XML with one line path per series, in the order given', async () => {
  const doc = parse(await renderSvg(lossChartSpec(input)));
  const svg = doc.svg as XmlNode;
  assert.ok(Number(svg['@_width']) > 500);
  const lineGroups = elements(doc, 'g').filter((g) => String(g['@_class'] ?? '').startsWith('mark-line '));
  const paths = lineGroups.flatMap((g) => elements(g, 'path'));
  assert.equal(paths.length, 3);
  assert.deepEqual(
    paths.map((p) => String(p['@_aria-label']).match(/runs: (batch \d+)/)?.[1]),
    ['batch 6', 'batch 3', 'batch 1'],
  );
  for (const p of paths) assert.match(String(p['@_d']), /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){9}$/);
});

test('the SVG names the data set and model in its title, the axes with units, and the series in a legend', async () => {
  const svg = await renderSvg(lossChartSpec(input));
  const texts = elements(parse(svg), 'text').map((t) => String(t['#text'] ?? ''));
  assert.ok(texts.includes(input.title), texts.join(' | '));
  assert.ok(texts.includes(input.subtitle));
  assert.ok(texts.includes('epoch'));
  assert.ok(texts.includes('loss (mae)'));
  for (const label of ['runs', 'batch 6', 'batch 3', 'batch 1']) assert.ok(texts.includes(label), label);
});

test('rendering the same inputs twice gives byte-identical SVG', async () => {
  const first = await renderSvg(lossChartSpec(input));
  const second = await renderSvg(lossChartSpec(structuredClone(input) as SvgChartInput));
  assert.equal(first, second);
  assert.ok(first.endsWith('</svg>\n'));
});

test('several seeds draw the mean line and a band of one standard deviation per series', async () => {
  const seeded: SvgChartInput = {
    ...input,
    series: input.series.map((s) => ({ ...s, curves: [s.curves[0], s.curves[0].map(([x, y]) => [x, y + 0.1] as const)] })),
  };
  const doc = parse(await renderSvg(lossChartSpec(seeded)));
  const groups = elements(doc, 'g').map((g) => String(g['@_class'] ?? ''));
  assert.equal(groups.filter((c) => c.startsWith('mark-line ')).length, 3);
  assert.equal(groups.filter((c) => c.startsWith('mark-area ')).length, 3);
});

test('a diverged run’s non-finite losses become gaps, not invalid path data', async () => {
  const diverged: SvgChartInput = { ...input, series: [{ label: 'batch 1', curves: [[[1, 1], [2, Infinity], [3, NaN]]] }] };
  const svg = await renderSvg(lossChartSpec(diverged));
  assert.doesNotMatch(svg, /NaN|Infinity/);
});
