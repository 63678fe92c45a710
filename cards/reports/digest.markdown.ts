import { EXCEPTION_LABELS, hasRanking, type DigestView } from '../../domain/reports/digest';
import type { Reply } from '../../domain/messages/reply';
import { joinItems, reportMarkdown } from './report-markdown';

/** The digest's numbers and exception lines as text (searchable, readable without the image). */
export function buildDigestMarkdown(view: DigestView): Reply {
  const exceptions =
    view.exceptions.length === 0
      ? ['无']
      : view.exceptions.map((e) => `${EXCEPTION_LABELS[e.kind]}：${joinItems(e.items)}`);
  const ranking = hasRanking(view)
    ? (view.ranking?.rows.slice(0, 3).map((r) => `${r.rank}. ${r.name}`) ?? [])
    : [];
  return reportMarkdown(view.title, `${view.title}（${view.dayLabel}）`, [
    { title: '数据', lines: view.figures },
    {
      title: `排行前三（${view.ranking?.measure ?? ''}）`,
      lines: ranking.length > 0 ? [ranking.join('、')] : [],
    },
    { title: '需要处理', lines: exceptions },
  ]);
}
