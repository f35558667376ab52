import { escapeXml } from './svg.js';

/**
 * Self-contained HTML: inline CSS, inline SVG, no scripts and no external assets, so a report
 * opens offline in any browser and can be mailed or printed as it is. Each chart's Vega-Lite
 * spec rides along as a data: link.
 */
export const escapeHtml = escapeXml;

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fafafa; }
header { border-bottom: 2px solid #29a0b1; margin-bottom: 18px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; color: #1d6f7b; }
p.lead { margin: 0 0 12px; color: #444; }
p.meta { margin: 0 0 12px; color: #777; font-size: 13px; }
pre { background: #1f2428; color: #f0f0f0; padding: 12px 14px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0; background: #fff; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f4f5; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { max-height: 520px; overflow: auto; }
figure { margin: 12px 0 22px; background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: 10px; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { color: #555; font-size: 13px; margin-top: 6px; }
a.spec { white-space: nowrap; color: #1d6f7b; }
@media print { a.spec { display: none; } }
ul.notes { color: #8a5a00; }
details summary { cursor: pointer; color: #1d6f7b; }
@media print { body { background: #fff; } figure { break-inside: avoid; } }
`;

export interface Page {
  readonly title: string;
  readonly lead?: string;
  readonly meta: string;
  readonly sections: readonly string[];
}

export function htmlPage(page: Page): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="cooplab">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    page.lead === undefined ? '' : `<p class="lead">${escapeHtml(page.lead)}</p>`,
    `<p class="meta">${escapeHtml(page.meta)}</p>`,
    '</header>',
    ...page.sections,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function section(title: string, ...content: readonly string[]): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${content.join('\n')}\n</section>`;
}

export function paragraph(content: string): string {
  return `<p>${escapeHtml(content)}</p>`;
}

/** A chart's Vega-Lite spec (its data inline) offered for download beside the figure, so a researcher can restyle it. */
export interface FigureSpec {
  readonly file: string;
  readonly json: string;
}

export function figure(svg: string, caption: string, spec?: FigureSpec): string {
  // A data: link keeps the page self-contained: the spec downloads without a request.
  const link =
    spec === undefined
      ? ''
      : ` <a class="spec" download="${escapeHtml(spec.file)}" href="data:application/json;base64,${Buffer.from(spec.json).toString('base64')}">Vega-Lite spec (${escapeHtml(spec.file)})</a>`;
  return `<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}${link}</figcaption>\n</figure>`;
}

export function codeBlock(code: string): string {
  return `<pre><code>${escapeHtml(code)}</code></pre>`;
}

export function notes(items: readonly string[]): string {
  return items.length === 0 ? '' : `<ul class="notes">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

export type Cell = string | number | null | undefined;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return value;
}

/** A table; numbers are right-aligned. */
export function table(columns: readonly string[], rows: readonly (readonly Cell[])[], options: { scroll?: boolean } = {}): string {
  const head = `<thead><tr>${columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row) => `<tr>${row.map((value) => `<td${typeof value === 'number' ? ' class="number"' : ''}>${escapeHtml(cellText(value))}</td>`).join('')}</tr>`)
    .join('\n');
  const html = `<table>${head}<tbody>\n${body}\n</tbody></table>`;
  return options.scroll === true ? `<div class="table-wrap">${html}</div>` : html;
}

/** Name–value pairs, such as the settings of a run. */
export function settingsTable(pairs: readonly (readonly [string, Cell])[]): string {
  return `<table class="settings"><tbody>\n${pairs.map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(cellText(value))}</td></tr>`).join('\n')}\n</tbody></table>`;
}

export function details(summary: string, content: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n${content}\n</details>`;
}
