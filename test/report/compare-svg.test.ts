import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lossChartSpec, renderSvg, type SvgChartInput } from '../../src/report/svg.js';
import { english, translatorOf } from '../../src/i18n/message.js';
import { ko } from '../../src/i18n/ko.js';

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

test('series with the very same losses are named in the legend and under the title, and the later one is drawn dashed over the other', async () => {
  const same: SvgChartInput = {
    ...input,
    series: [32, 6, 1].map((b) => ({
      label: `batch ${b}`,
      // On six samples batch 32 and batch 6 are the same run.
      curves: [Array.from({ length: 10 }, (_, e) => [e + 1, 1.75 - (e * 0.027) / Math.min(b, 6)] as const)],
    })),
  };
  for (const [t, legend, note] of [
    [english, 'batch 6 (same as batch 32)', 'batch 6: the very same losses as batch 32, so one line shows both'],
    [translatorOf('ko', ko), '배치 6 (배치 32와 같은 값)', '배치 6: 손실 값이 배치 32 쪽과 똑같아서 선 하나로 겹쳐 그렸습니다'],
  ] as const) {
    const labelled = t === english ? same : { ...same, series: same.series.map((s) => ({ ...s, label: s.label.replace('batch', '배치') })) };
    const doc = parse(await renderSvg(lossChartSpec(labelled, t)));
    // A title of several lines is one text element of tspans.
    const texts = [...elements(doc, 'text'), ...elements(doc, 'tspan')].map((x) => String(x['#text'] ?? ''));
    assert.ok(texts.includes(legend), texts.join(' | '));
    assert.ok(texts.includes(note), texts.join(' | '));
    const paths = elements(doc, 'g')
      .filter((g) => String(g['@_class'] ?? '').startsWith('mark-line '))
      .flatMap((g) => elements(g, 'path'));
    assert.equal(paths.length, 3);
    const dashed = paths.filter((p) => p['@_stroke-dasharray'] !== undefined && p['@_stroke-dasharray'] !== '1,0');
    assert.equal(dashed.length, 1, JSON.stringify(paths.map((p) => p['@_stroke-dasharray'])));
    assert.match(String(dashed[0]['@_aria-label']), new RegExp(legend.replace(/[()]/g, '\\$&')));
  }
  // Different series: no note, no dashes.
  const plain = elements(parse(await renderSvg(lossChartSpec(input))), 'text').map((x) => String(x['#text'] ?? ''));
  assert.ok(!plain.some((text) => text.includes('very same')));
});
