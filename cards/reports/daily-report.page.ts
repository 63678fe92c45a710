import { escapeHtml } from '../render/report-html';
import type { MarkdownSection } from './report-markdown';

/**
 * A 日报 as a page for the IM's webview: what the manager's markdown copy says, plus the 点评 so far,
 * sized for a phone. Everything user-written is escaped.
 */
export function buildDailyReportHtml(input: {
  heading: string;
  sections: readonly MarkdownSection[];
  footnote: string;
}): string {
  const sections = input.sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></section>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(input.heading)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(input.heading)}</h1>${sections}<p class="note">${escapeHtml(input.footnote)}</p></body></html>`;
}

const STYLE = [
  'body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;background:#f5f6f8;color:#1f2329}',
  'h1{font-size:18px;margin:4px 0 12px}',
  'section{background:#fff;border-radius:8px;padding:12px 14px;margin-bottom:10px}',
  'h2{font-size:15px;margin:0 0 6px;color:#3370ff}',
  'ul{margin:0;padding-left:18px}li{margin:4px 0;line-height:1.5;word-break:break-word}',
  '.note{font-size:12px;color:#8f959e}',
].join('');
