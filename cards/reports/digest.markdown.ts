import { EXCEPTION_LABELS, hasRanking, type DigestView } from '../../domain/reports/digest';
import type { Reply } from '../../domain/messages/reply';
import { joinItems, reportMarkdown, type MarkdownSection } from './report-markdown';

/**
 * The digest's numbers, ranking and exception lines. The chat message names the top three and at most
 * a few people per exception (`joinItems`); the live page (`limit: 'all'`) lists everyone.
 */
export function digestSections(view: DigestView, limit: 'chat' | 'all' = 'chat'): MarkdownSection[] {
  const join = (items: readonly string[]) => (limit === 'all' ? items.join('、') : joinItems(items));
  const exceptions =
    view.exceptions.length === 0
      ? ['无']
      : view.exceptions.map((e) => `${EXCEPTION_LABELS[e.kind]}：${join(e.items)}`);
  const rows = hasRanking(view) ? (view.ranking?.rows ?? []) : [];
  const ranking =
    limit === 'all'
      ? rows.map((r) => `${r.rank}. ${r.name}`)
      : rows.length > 0
        ? [
            rows
              .slice(0, 3)
              .map((r) => `${r.rank}. ${r.name}`)
              .join('、'),
          ]
        : [];
  return [
    { title: '数据', lines: view.figures },
    { title: `${limit === 'all' ? '排行' : '排行前三'}（${view.ranking?.measure ?? ''}）`, lines: ranking },
    { title: '需要处理', lines: exceptions },
  ];
}

/**
 * The digest's numbers and exception lines as text (searchable, readable without the image), with a link
 * to the live page when there is one.
 */
export function buildDigestMarkdown(view: DigestView, pageUrl?: string): Reply {
  const lead = pageUrl ? `[查看完整简报（实时数据）](${pageUrl})` : undefined;
  return reportMarkdown(view.title, `${view.title}（${view.dayLabel}）`, digestSections(view), lead);
}
