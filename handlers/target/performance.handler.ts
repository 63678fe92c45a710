import { localDateOf } from '../../domain/attendance/calendar';
import { subtreeIds } from '../../domain/org/department-tree';
import { displayName, type UserProfile } from '../../domain/org/user';
import {
  MEASURE_LABELS,
  parseMeasure,
  TARGET_MEASURES,
  type TargetMeasure,
} from '../../domain/targets/measures';
import { completionOf, PACE_LABELS, rankByValue, type Completion } from '../../domain/targets/performance';
import { elapsedShare, type TargetPeriod } from '../../domain/targets/period';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { capLines } from '../order/cap-lines';
import { actualsFor, formatMeasure, periodArgument } from './target-scope';

const PERIOD_USAGE = '本月｜上月｜本季度｜本年｜2026-12｜2026-Q4';

function completionText(measure: TargetMeasure, c: Completion): string {
  if (c.target === null) return `${formatMeasure(measure, c.actual)}（未设目标）`;
  return `${formatMeasure(measure, c.actual)} / 目标 ${formatMeasure(measure, c.target)}，完成 ${c.percent}%（时间进度 ${c.elapsedPercent}%，${PACE_LABELS[c.pace]}）`;
}

/** The people a rep is ranked among: their department and everything below it. */
async function teamOfDepartment(ctx: HandlerContext, departmentId: number | null): Promise<UserProfile[]> {
  if (departmentId === null) return [ctx.user];
  const { tenantId } = ctx.user;
  const departments = await ctx.stores.sales.org.departments(tenantId);
  return ctx.stores.sales.org.membersOf(tenantId, subtreeIds(departments, departmentId));
}

function elapsed(ctx: HandlerContext, period: TargetPeriod): number {
  return elapsedShare(period, localDateOf(ctx.now, ctx.timeZone));
}

/**
 * 我的业绩 [期间]: per measure, my actual against my target (pro-rated from whatever periods targets were
 * set for), % complete against % of the period gone, and my rank in my department by order amount.
 */
export const myPerformanceHandler: Handler<'text'> = async (event, ctx) => {
  const [periodText] = argumentsOf(event.text);
  const period = periodArgument(periodText, ctx.now, ctx.timeZone);
  if (!period) throw malformed(event.text, `我的业绩 [${PERIOD_USAGE}]`, '我的业绩 本月');
  const { tenantId, id: me } = ctx.user;
  const share = elapsed(ctx, period);
  const rows: string[] = [];
  for (const measure of TARGET_MEASURES) {
    const target =
      (await ctx.stores.sales.targetFacts.memberTargets(tenantId, [me], measure, period)).get(me) ?? null;
    const actuals = await actualsFor(ctx, measure, [me], period);
    if (actuals === null) {
      if (target !== null)
        rows.push(`- ${MEASURE_LABELS[measure]}：暂无数据（目标 ${formatMeasure(measure, target)}）`);
      continue;
    }
    if (target === null && (measure === 'new_customers' || measure === 'visits') && !actuals.get(me))
      continue;
    rows.push(
      `- ${MEASURE_LABELS[measure]}：${completionText(measure, completionOf(actuals.get(me) ?? 0, target, share))}`,
    );
  }
  const team = await teamOfDepartment(ctx, ctx.user.departmentId);
  const teamActuals =
    (await actualsFor(
      ctx,
      'order_amount',
      team.map((p) => p.id),
      period,
    )) ?? new Map<number, number>();
  const ranks = rankByValue(new Map(team.map((p) => [p.id, teamActuals.get(p.id) ?? 0])));
  const rank =
    team.length > 1 ? [`团队排名：第 ${ranks.get(me) ?? team.length} / ${team.length}（按订单金额）`] : [];
  return {
    kind: 'markdown',
    title: '我的业绩',
    text: [`### 我的业绩 ${period.key}（${period.from} 至 ${period.to}）`, ...rows, ...rank].join('\n'),
  };
};

/** 团队业绩 [期间] [指标]: every member of the manager's subtree, ranked, and the department against its target. */
export const teamPerformanceHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const measureText = args.find((a) => parseMeasure(a) !== null);
  const measure = measureText ? (parseMeasure(measureText) as TargetMeasure) : 'order_amount';
  const periodText = args.find((a) => a !== measureText);
  const period = periodArgument(periodText, ctx.now, ctx.timeZone);
  if (!period || args.length > 2)
    throw malformed(
      event.text,
      `团队业绩 [${PERIOD_USAGE}] [订单金额|回款金额|新客户数|拜访数]`,
      '团队业绩 本月 回款金额',
    );
  const { tenantId } = ctx.user;
  const team =
    ctx.user.role === 'admin'
      ? await ctx.stores.people.findActiveInTenant(tenantId)
      : [ctx.user, ...(await ctx.stores.org.teamOf(ctx.user))];
  const ids = team.map((p) => p.id);
  const actuals = await actualsFor(ctx, measure, ids, period);
  if (actuals === null)
    return { kind: 'text', text: `${MEASURE_LABELS[measure]}暂无数据（该功能的数据尚未接入）。` };
  const targets = await ctx.stores.sales.targetFacts.memberTargets(tenantId, ids, measure, period);
  const share = elapsed(ctx, period);
  const ranks = rankByValue(new Map(ids.map((id) => [id, actuals.get(id) ?? 0])));
  const ordered = [...team].sort((a, b) => (ranks.get(a.id) ?? 0) - (ranks.get(b.id) ?? 0) || a.id - b.id);
  const lines = ordered.map(
    (p) =>
      `${ranks.get(p.id)}. ${displayName(p)}：${completionText(measure, completionOf(actuals.get(p.id) ?? 0, targets.get(p.id) ?? null, share))}`,
  );
  const total = ids.reduce((s, id) => s + (actuals.get(id) ?? 0), 0);
  const departmentTarget =
    ctx.user.departmentId === null || ctx.user.role === 'admin'
      ? null
      : await ctx.stores.sales.targetFacts.departmentTarget(tenantId, ctx.user.departmentId, measure, period);
  return {
    kind: 'markdown',
    title: '团队业绩',
    text: [
      `### 团队业绩 ${period.key} ${MEASURE_LABELS[measure]}`,
      `合计：${completionText(measure, completionOf(total, departmentTarget, share))}`,
      ...capLines(lines, 40),
    ].join('\n'),
  };
};
