import type { ChartFigure } from '../render/chart-figures';
import { escapeHtml } from '../render/report-html';
import type { MarkdownSection } from './report-markdown';

/**
 * A report as a page for the IM's webview (a 日报 with its 点评, a manager's live digest), sized for a
 * phone. Everything user-written is escaped; `charts` are SVG from our own chart renderer (ECharts SSR
 * escapes the names inside) and scale to the screen's width.
 */
export function buildH5ReportHtml(input: {
  heading: string;
  charts?: readonly ChartFigure[];
  sections: readonly MarkdownSection[];
  /** A list of links after the sections (the team's members, to drill down). */
  links?: { title: string; items: ReadonlyArray<{ label: string; href: string }> };
  footnote: string;
}): string {
  const charts = (input.charts ?? [])
    .map(
      (c) =>
        `<figure style="max-width:${c.width}px"><figcaption>${escapeHtml(c.title)}</figcaption>${c.svg}</figure>`,
    )
    .join('');
  const sections = input.sections
    .filter((s) => s.lines.length > 0)
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></section>`,
    )
    .join('');
  const links = input.links?.items.length
    ? `<section><h2>${escapeHtml(input.links.title)}</h2><ul class="links">${input.links.items.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(input.heading)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(input.heading)}</h1>${charts}${sections}${links}<p class="note">${escapeHtml(input.footnote)}</p></body></html>`;
}

const STYLE = [
  'body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;background:#f5f6f8;color:#1f2329}',
  'h1{font-size:18px;margin:4px 0 12px}',
  'section,figure{background:#fff;border-radius:8px;padding:12px 14px;margin:0 0 10px}',
  'figure svg{display:block;width:100%;height:auto}',
  'h2,figcaption{font-size:15px;margin:0 0 6px;color:#3370ff;font-weight:600}',
  'ul{margin:0;padding-left:18px}li{margin:4px 0;line-height:1.5;word-break:break-word}',
  '.note{font-size:12px;color:#8f959e}',
  'ul.links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}',
  'ul.links a{display:inline-block;padding:6px 12px;border-radius:16px;background:#eef3ff;color:#3370ff;text-decoration:none}',
].join('');
