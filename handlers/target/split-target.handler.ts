import { subtreeIds } from '../../domain/org/department-tree';
import { displayName, type UserProfile } from '../../domain/org/user';
import { MEASURE_LABELS, parseMeasure } from '../../domain/targets/measures';
import { parsePeriod, previousPeriod } from '../../domain/targets/period';
import { splitTarget } from '../../domain/targets/split';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { capLines } from '../order/cap-lines';
import { measureByPerson } from '../../domain/reports/standing';
import { formatMeasure } from './target-scope';
import { resolveTargetSubject } from './set-target.handler';

export const SPLIT_USAGE = [
  '分解目标 <期间> <部门> <指标> [成员±百分点 …]',
  '分解目标 2026-12 销售一部 订单金额 张三+10% 李四-5%',
] as const;

const ADJUSTMENT = /^(.+?)([+-]\d{1,2}(?:\.\d)?)%$/;

/**
 * 分解目标: the department's target for the period split among the people of its subtree by what each
 * contributed last period (equal shares when nobody did), adjusted by ± percentage points per person;
 * the member targets are written (replacing earlier ones) and audited, and the split is shown.
 */
export const splitTargetHandler: Handler<'text'> = async (event, ctx) => {
  const [periodText, departmentText, measureText, ...adjustmentTexts] = argumentsOf(event.text);
  const period = periodText ? parsePeriod(periodText) : null;
  const measure = measureText ? parseMeasure(measureText) : null;
  if (!period || !departmentText || !measure) throw malformed(event.text, ...SPLIT_USAGE);
  const resolved = await resolveTargetSubject(ctx, '分解目标', departmentText);
  if ('reply' in resolved) return { kind: 'text', text: resolved.reply };
  if (resolved.subject.kind !== 'department') throw malformed(event.text, ...SPLIT_USAGE);
  const { tenantId } = ctx.user;
  const departmentId = resolved.subject.id;
  const total = await ctx.stores.sales.targetFacts.departmentTarget(tenantId, departmentId, measure, period);
  if (total === null)
    return {
      kind: 'text',
      text: `${resolved.label} 还没有 ${period.key} 的${MEASURE_LABELS[measure]}目标，请先设置，例如：目标 ${period.key} ${resolved.label} 500000 ${MEASURE_LABELS[measure]}`,
    };

  const departments = await ctx.stores.sales.org.departments(tenantId);
  const members = await ctx.stores.sales.org.membersOf(tenantId, subtreeIds(departments, departmentId));
  const adjustments = new Map<number, number>();
  for (const text of adjustmentTexts) {
    const m = ADJUSTMENT.exec(text);
    const person = m ? findPeopleNamed(members, m[1] as string) : [];
    if (!m || person.length !== 1)
      return {
        kind: 'text',
        text: `「${text}」无法识别：调整写作 成员±百分点，成员须在${resolved.label}，例如：张三+10%。\n正确格式：${SPLIT_USAGE[0]}`,
      };
    adjustments.set((person[0] as UserProfile).id, Number(m[2]));
  }
  const last = previousPeriod(period);
  const actuals = await measureByPerson(ctx.stores.reportFacts, {
    tenantId,
    timeZone: ctx.timeZone,
    measure,
    userIds: members.map((p) => p.id),
    range: last,
  });
  const split = splitTarget(
    total,
    members.map((p) => ({ id: p.id, lastActual: actuals?.get(p.id) ?? 0 })),
    adjustments,
  );
  if (!Array.isArray(split)) {
    if (split.kind === 'no_members')
      return { kind: 'text', text: `${resolved.label} 没有在职成员，无法分解。` };
    const who = members.find((p) => p.id === split.id);
    return {
      kind: 'text',
      text: `调整幅度过大（${who ? displayName(who) : ''}）：调整后任何人的占比须在 0%–100% 之间。`,
    };
  }
  const lines: string[] = [];
  for (const part of split) {
    const person = members.find((p) => p.id === part.id) as UserProfile;
    await ctx.stores.sales.targets.set(
      tenantId,
      { kind: 'user', id: part.id },
      measure,
      period,
      part.value,
      ctx.user.id,
      ctx.now,
    );
    lines.push(
      `- ${displayName(person)}：${formatMeasure(measure, part.value)}（占 ${(part.share * 100).toFixed(1)}%，${last.key} 实际 ${actuals === null ? '暂无数据' : formatMeasure(measure, actuals.get(part.id) ?? 0)}）`,
    );
  }
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'target.split',
    subject: `target:department:${departmentId}:${measure}:${period.key}`,
    before: undefined,
    after: { total, parts: split.map((p) => ({ userId: p.id, value: p.value })) },
    at: ctx.now,
  });
  const basis =
    actuals === null || [...actuals.values()].every((v) => v === 0)
      ? '上期无数据，按人数平均分配'
      : `按 ${last.key} 贡献占比分配`;
  return {
    kind: 'markdown',
    title: '目标分解',
    text: [
      `### ${resolved.label} ${period.key} ${MEASURE_LABELS[measure]}目标 ${formatMeasure(measure, total)} 已分解`,
      `${basis}${adjustments.size ? '，含调整' : ''}：`,
      ...capLines(lines, 40),
    ].join('\n'),
  };
};
