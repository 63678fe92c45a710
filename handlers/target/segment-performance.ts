import type { Reply } from '../../domain/messages/reply';
import type { FigurePeriod } from '../../domain/reports/figure-period';
import { segmentStandingOf, targetText } from '../../domain/reports/standing';
import { DIMENSION_LABELS, UNSET_SEGMENT_LABELS, type TargetDimension } from '../../domain/targets/segments';
import type { HandlerContext } from '../context';
import { capLines } from '../order/cap-lines';
import { reachFor } from '../reach';
import { COMPANY_WIDE, formatMeasure } from './target-scope';

/**
 * 团队业绩 [期间] 品类|区域: each category's (region's) net sales of the whole company against its target,
 * ranked as 团队排行 ranks people; for those who reach the whole company.
 */
export async function segmentPerformance(
  ctx: HandlerContext,
  dimension: TargetDimension,
  period: FigurePeriod,
): Promise<Reply> {
  const label = DIMENSION_LABELS[dimension];
  if ((await reachFor(ctx)).reach.kind !== 'company')
    return {
      kind: 'text',
      text: `${label}目标按全公司统计，只有${COMPANY_WIDE}可以查看。发送「团队业绩」查看本团队。`,
    };
  const standing = await segmentStandingOf(ctx.stores.reportFacts, {
    tenantId: ctx.user.tenantId,
    timeZone: ctx.timeZone,
    dimension,
    period,
  });
  if (!standing) return { kind: 'text', text: '订单金额暂无数据（该功能的数据尚未接入）。' };
  if (standing.rows.length === 0)
    return {
      kind: 'text',
      text: `${period.label}还没有${label}目标，也没有销售。设置${label}目标，例如：目标 ${period.whole.from.slice(0, 4)} ${label} ${dimension === 'category' ? '饮料 300万' : '华南 500万'} 按去年分月`,
    };
  const format = (v: number) => formatMeasure('order_amount', v);
  const lines = standing.rows.map(
    (r) =>
      `${r.rank}. ${r.name || UNSET_SEGMENT_LABELS[dimension]}：${targetText(format, r.actual, r.target, standing.elapsed, r.sharedFrom ?? undefined)}`,
  );
  return {
    kind: 'markdown',
    title: `${label}业绩`,
    text: [
      `### ${label}目标完成 · 订单金额（${period.label}）`,
      `全公司净销售额：${format(standing.total)}`,
      ...capLines(lines, 40),
    ].join('\n'),
  };
}
