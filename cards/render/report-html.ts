import type { ReportPage, ReportTable } from './report-page';

/** Page geometry in CSS pixels; chart SVGs are rendered at exactly the widths the grid gives them. */
export interface ReportLayout {
  /** Width of the whole page. */
  width: number;
  padding: number;
  gap: number;
}

export const DEFAULT_LAYOUT: ReportLayout = { width: 800, padding: 24, gap: 16 };

const CARD_PADDING = 12;

/** The SVG width for a chart: the page's inner width, or half of it (minus the gap) for `half`. */
export function chartWidth(layout: ReportLayout, half: boolean | undefined): number {
  const inner = layout.width - 2 * layout.padding - 2 * CARD_PADDING;
  return half ? Math.floor((inner - layout.gap - 2 * CARD_PADDING) / 2) : inner;
}

/**
 * The warm page's document: styles and fonts only. Each render replaces the content of `#report`,
 * so the fonts a previous render loaded stay loaded.
 */
export function buildShellHtml(layout: ReportLayout, fontCss: string, fontStack: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
${fontCss}
html, body { margin: 0; padding: 0; background: #f4f6fa; }
body { font-family: ${fontStack}; color: #1f2d3d; -webkit-font-smoothing: antialiased; }
#report { width: ${layout.width}px; box-sizing: border-box; padding: ${layout.padding}px; }
#report h1 { font-size: 26px; font-weight: 700; margin: 0 0 4px; line-height: 1.3; }
#report .subtitle { font-size: 14px; color: #5b6b7f; margin: 0 0 ${layout.gap}px; }
#report h1 + .grid { margin-top: ${layout.gap}px; }
#report .grid { display: flex; flex-wrap: wrap; gap: ${layout.gap}px; }
#report .card { background: #fff; border-radius: 8px; padding: ${CARD_PADDING}px; box-sizing: border-box; }
#report .card.full { width: 100%; }
#report .card.half { width: calc((100% - ${layout.gap}px) / 2); }
#report .card h2 { font-size: 16px; font-weight: 700; margin: 0 0 8px; }
#report .card svg { display: block; }
#report table { width: 100%; border-collapse: collapse; font-size: 14px; line-height: 1.5; }
#report th { text-align: left; font-weight: 700; color: #5b6b7f; border-bottom: 2px solid #d6dde8; padding: 6px 8px; white-space: nowrap; }
#report td { border-bottom: 1px solid #e8edf3; padding: 6px 8px; }
#report .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#report tfoot td { font-weight: 700; border-top: 2px solid #d6dde8; border-bottom: none; }
#report .notes { margin: ${layout.gap}px 0 0; padding: 0 0 0 18px; font-size: 14px; color: #3d4b5c; line-height: 1.6; }
</style></head><body><div id="report"></div></body></html>`;
}

/** The inner HTML of `#report` for one page; `svgs[i]` is the rendered `page.charts[i]`. */
export function buildReportBody(page: ReportPage, svgs: string[]): string {
  const cards = page.charts.map(
    (chart, i) =>
      `<section class="card ${chart.half ? 'half' : 'full'}"><h2>${escapeHtml(chart.title)}</h2>${svgs[i] ?? ''}</section>`,
  );
  const tables = (page.tables ?? []).map(
    (table) => `<section class="card full"><h2>${escapeHtml(table.title)}</h2>${tableHtml(table)}</section>`,
  );
  const notes = page.footnotes?.length
    ? `<ul class="notes">${page.footnotes.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
    : '';
  const subtitle = page.subtitle ? `<p class="subtitle">${escapeHtml(page.subtitle)}</p>` : '';
  return `<h1>${escapeHtml(page.title)}</h1>${subtitle}<div class="grid">${[...cards, ...tables].join('')}</div>${notes}`;
}

function tableHtml(table: ReportTable): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${table.columns[i]?.numeric ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const row = (cells: string[], tag: 'th' | 'td' = 'td') =>
    `<tr>${cells.map((c, i) => cell(tag, c, i)).join('')}</tr>`;
  const head = `<thead>${row(
    table.columns.map((c) => c.header),
    'th',
  )}</thead>`;
  const foot = table.footer ? `<tfoot>${row(table.footer)}</tfoot>` : '';
  return `<table>${head}<tbody>${table.rows.map((r) => row(r)).join('')}</tbody>${foot}</table>`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
