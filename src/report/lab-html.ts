/**
 * The lab's report: one self-contained HTML page (inline CSS and SVG, no script, no link, no
 * image or font fetched from anywhere) with the verdict, the table per batch size, the fit, the
 * charts and every batch size × learning rate. Pure: texts and SVGs in, the page out.
 */
import { english, type Translator } from '../i18n/message.js';
import { conditionText } from '../training/target.js';
import type { LabAnalysis, LabCell } from './lab-analysis.js';
import { labTableCells, roughText, verdictSentences, countText, type LabTextOptions } from './lab-text.js';
import { formatRate } from './compare-notes.js';
import { formatValue } from './format.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An SVG document as an inline element: without its XML prolog. */
export function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
}

function htmlTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  return [
    '<table>',
    `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${body.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

function allCells(cells: readonly LabCell[], t: Translator): string {
  const header = [t('lab.col.batch'), t('lab.report.lr'), t('lab.col.steps'), t('lab.col.examples'), t('lab.col.reached'), t('lab.col.trainLoss'), t('lab.col.valLoss')];
  const loss = (v: number): string => (Number.isFinite(v) ? formatValue(v) : '—');
  const rows = cells.map((c) => [String(c.batchSize), formatRate(c.learningRate), countText(c.steps), countText(c.examples), `${c.reached}/${c.seeds}`, loss(c.trainLoss), loss(c.valLoss)]);
  return htmlTable([header, ...rows]);
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff; margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; }
.subtitle { color: #57606a; margin: 0 0 16px; }
.verdict { background: #f0f6ff; border-left: 4px solid #0969da; padding: 12px 16px; font-size: 16px; }
.fit { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 13px; color: #24292f; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 14px; }
th, td { padding: 4px 10px; text-align: right; border-bottom: 1px solid #eaeef2; }
th { background: #f6f8fa; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.charts svg { max-width: 100%; height: auto; border: 1px solid #eaeef2; }
footer { color: #57606a; font-size: 12px; margin-top: 32px; }
`;

export interface LabHtmlInput {
  readonly analysis: LabAnalysis;
  readonly options: LabTextOptions;
  readonly title: string;
  /** Rendered SVG documents, in order. */
  readonly svgs: readonly string[];
  readonly version: string;
}

export function labHtml(input: LabHtmlInput, t: Translator = english): string {
  const { analysis, options } = input;
  const fit = analysis.fit;
  const fitLine =
    fit === null ? '' : `<p class="fit">${escapeHtml(t('lab.fitLine', { sMin: roughText(fit.sMin), eMin: roughText(fit.eMin), bCrit: roughText(fit.bCrit), rms: String(Math.round(100 * fit.rmsResidual)) }))}</p>`;
  const lang = t.language;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeHtml(t('lab.report.title'))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(t('lab.report.title'))}</h1>
<p class="subtitle">${escapeHtml(input.title)}<br/>${escapeHtml(t('lab.targetLine', { target: conditionText(analysis.target) }))}</p>
<h2>${escapeHtml(t('lab.report.verdict'))}</h2>
<p class="verdict">${escapeHtml(verdictSentences(analysis, options, t).join(' '))}</p>
<h2>${escapeHtml(t('lab.report.table'))}</h2>
${htmlTable(labTableCells(analysis, options, t))}
${fitLine}
<h2>${escapeHtml(t('lab.report.charts'))}</h2>
<div class="charts">
${input.svgs.map(inlineSvg).join('\n')}
</div>
<h2>${escapeHtml(t('lab.report.all'))}</h2>
${allCells(analysis.cells, t)}
<footer>${escapeHtml(t('lab.report.footer', { version: input.version }))}</footer>
</main>
</body>
</html>
`;
}
