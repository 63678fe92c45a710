import { parseYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import type { TargetSubject } from '../../domain/orders/ports';
import { displayName } from '../../domain/org/user';
import {
  isMoneyMeasure,
  MEASURE_LABELS,
  parseMeasure,
  type TargetMeasure,
} from '../../domain/targets/measures';
import { parsePeriod } from '../../domain/targets/period';
import { isDimension } from '../../domain/targets/segments';
import { isYearSplitWord } from '../../domain/targets/year-split';
import { malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import {
  findSubject,
  formatMeasure,
  manageableDepartmentIds,
  resolveSegmentSubject,
  targetArguments,
} from './target-scope';
import { proposeYearSplit } from './year-split.handler';

export const TARGET_USAGE = [
  '目标 <期间> <部门|成员|品类 名称|区域 名称> <数值> <订单金额|回款金额|新客户数|拜访数>',
  '目标 2026-12 销售一部 500000 订单金额',
] as const;
const PERIOD_HINT = '期间写作 2026-12（月）、2026-11~12（双月）、2026-Q4（季度）或 2026（年）';

/** A target value as typed: yuan for money measures (kept in fen), a whole count otherwise. */
export function parseTargetValue(text: string, measure: TargetMeasure): number | null {
  if (isMoneyMeasure(measure)) return parseYuan(text);
  return /^\d{1,7}$/.test(text) ? Number(text) : null;
}

export const SEGMENT_MEASURE_ONLY =
  '品类和区域目标只按订单金额（退货后的净销售额）统计，请去掉指标或写「订单金额」。';

/**
 * The subject as stored, after checking the person may set it (admins: all; managers: their subtree; a
 * category or region: those who reach the whole company).
 */
export async function resolveTargetSubject(
  ctx: HandlerContext,
  command: string,
  typed: string,
): Promise<{ subject: TargetSubject; label: string; segmentName?: string } | { reply: string }> {
  const segment = await resolveSegmentSubject(ctx, command, typed);
  if (segment) return segment;
  const match = await findSubject(ctx, typed);
  if (match.kind === 'ambiguous') return { reply: match.text };
  if (match.kind === 'none')
    return {
      reply: `没有找到部门或同事「${typed}」。${match.closest.length ? `你是不是要找：${match.closest.join('、')}？` : ''}`,
    };
  const allowed = await manageableDepartmentIds(ctx);
  const departmentId = match.kind === 'department' ? match.department.id : match.user.departmentId;
  if (allowed !== null && (departmentId === null || !allowed.includes(departmentId)))
    throw new DomainError('auth.not_allowed', { command, who: '管理员，或该部门的主管' });
  return match.kind === 'department'
    ? { subject: { kind: 'department', id: match.department.id }, label: match.department.name }
    : { subject: { kind: 'user', id: match.user.id }, label: displayName(match.user) };
}

/**
 * 目标 2026-12 销售一部 500000 订单金额 / 目标 2026-12 张三 80000 回款金额 (admins, managers), audited; with a
 * split word (按去年分月 …) the year split for confirmation instead.
 */
export const setTargetHandler: Handler<'text'> = async (event, ctx) => {
  const [periodText, who, valueText, measureText, ...extra] = targetArguments(event.text);
  if ([measureText, ...extra].some((w) => w !== undefined && isYearSplitWord(w)))
    return proposeYearSplit(event, ctx);
  const measure = measureText ? parseMeasure(measureText) : null;
  if (!periodText || !who || !valueText || !measure || extra.length > 0)
    throw malformed(event.text, ...TARGET_USAGE);
  const period = parsePeriod(periodText);
  if (!period) throw malformed(event.text, `${TARGET_USAGE[0]}（${PERIOD_HINT}）`, TARGET_USAGE[1]);
  const value = parseTargetValue(valueText, measure);
  if (value === null) throw malformed(event.text, ...TARGET_USAGE);

  const resolved = await resolveTargetSubject(ctx, '目标', who);
  if ('reply' in resolved) return { kind: 'text', text: resolved.reply };
  if (isDimension(resolved.subject.kind) && measure !== 'order_amount')
    return { kind: 'text', text: SEGMENT_MEASURE_ONLY };
  const { tenantId } = ctx.user;
  const before = await ctx.stores.sales.targets.set(
    tenantId,
    resolved.subject,
    measure,
    period,
    value,
    ctx.user.id,
    ctx.now,
  );
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'target.set',
    subject: `target:${resolved.subject.kind}:${resolved.subject.id}:${measure}:${period.key}`,
    before: before === null ? undefined : { value: before },
    after: { value },
    at: ctx.now,
  });
  const was = before === null ? '' : `（原为 ${formatMeasure(measure, before)}）`;
  return {
    kind: 'text',
    text: `已设置 ${period.key}（${period.from} 至 ${period.to}）${resolved.label} 的${MEASURE_LABELS[measure]}目标：${formatMeasure(measure, value)}${was}`,
  };
};
