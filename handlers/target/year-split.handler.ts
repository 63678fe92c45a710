import { buildYearSplitCard, yearSplitActionSchema } from '../../cards/year-split.card';
import { DomainError } from '../../domain/errors';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { subtreeIds } from '../../domain/org/department-tree';
import { measureByPerson, salesBySegment } from '../../domain/reports/standing';
import { MEASURE_LABELS, parseMeasure, type TargetMeasure } from '../../domain/targets/measures';
import { parsePeriod, type TargetPeriod } from '../../domain/targets/period';
import type { YearSplitProposal } from '../../domain/targets/ports';
import { DIMENSION_LABELS, isDimension } from '../../domain/targets/segments';
import {
  parseYearSplitWords,
  partsOfYear,
  splitYear,
  type YearSplitRequest,
} from '../../domain/targets/year-split';
import { malformed } from '../command-args';
import { MANAGERS } from '../command';
import type { HandlerContext } from '../context';
import { replaceTappedCard } from '../card-reply';
import { capLines } from '../order/cap-lines';
import { reachFor } from '../reach';
import { todayIn } from '../reports/team-standing';
import { COMPANY_WIDE, formatMeasure, targetArguments } from './target-scope';
import { parseTargetValue, resolveTargetSubject, SEGMENT_MEASURE_ONLY } from './set-target.handler';

export const YEAR_SPLIT_USAGE = [
  '目标 <年份|今年|明年> <部门|成员|品类 名称|区域 名称> <数值> <按去年分月|按去年分季|平均分月|平均分季> [上浮5%|下调5%] [3月+2%|Q4-1% …] [指标]',
  '目标 2027 销售部 1200万 按去年分月 上浮5%',
] as const;

/**
 * `目标 2027 销售部 1200万 按去年分月 [上浮5%] [3月+2%]`: the year's target split into months (or quarters)
 * by last year's actuals of the same months (the one-truth figures) or evenly, shown with 确认/取消. Nothing
 * is written until 确认.
 */
export async function proposeYearSplit(event: InboundEventOf<'text'>, ctx: HandlerContext): Promise<Reply[]> {
  const [periodText = '', who, valueText = '', ...rest] = targetArguments(event.text);
  const measureWords = rest.filter((w) => parseMeasure(w) !== null);
  const measure: TargetMeasure = measureWords[0]
    ? (parseMeasure(measureWords[0]) as TargetMeasure)
    : 'order_amount';
  const request = parseYearSplitWords(rest.filter((w) => parseMeasure(w) === null));
  const period = parsePeriod(yearOf(periodText, todayIn(ctx)));
  const value = parseTargetValue(valueText, measure);
  if (!who || period?.kind !== 'year' || value === null || measureWords.length > 1 || 'unknown' in request)
    throw malformed(event.text, ...YEAR_SPLIT_USAGE);
  const resolved = await resolveTargetSubject(ctx, '目标', who);
  if ('reply' in resolved) return [{ kind: 'text', text: resolved.reply }];
  if (isDimension(resolved.subject.kind) && measure !== 'order_amount')
    return [{ kind: 'text', text: SEGMENT_MEASURE_ONLY }];

  const year = Number(period.key);
  const lastYear = partsOfYear(year - 1, request.part);
  const actuals = await lastYearActuals(ctx, resolved, measure, lastYear);
  const split = splitYear(year, value, request, actuals);
  if (split.kind === 'adjustment_too_large')
    return [
      {
        kind: 'text',
        text: `${partLabel(split.period)}的调整幅度过大：调整后每个${request.part === 'month' ? '月' : '季度'}的占比须在 0%–100% 之间。`,
      },
    ];
  const proposal: YearSplitProposal = {
    subject: resolved.subject,
    label: resolved.label,
    measure,
    yearKey: period.key,
    total: split.total,
    basis: describeBasis(request, split.evenly, year - 1),
    parts: split.parts.map((p) => ({ key: p.period.key, value: p.value })),
  };
  const draftId = await ctx.stores.yearSplitDrafts.save(ctx.user.tenantId, ctx.user.id, proposal, ctx.now);
  const format = (v: number) => formatMeasure(measure, v);
  const lines = split.parts.map(
    (p) =>
      `- ${partLabel(p.period)}：${format(p.value)}（占 ${(p.share * 100).toFixed(1)}%，${year - 1}年同期 ${format(p.lastActual)}）`,
  );
  return [
    {
      kind: 'markdown',
      title: '目标分解',
      text: [
        `### ${resolved.label} ${year}年${MEASURE_LABELS[measure]}目标 ${format(split.total)}`,
        `${proposal.basis}：`,
        ...capLines(lines, 12),
      ].join('\n'),
    },
    { kind: 'card', card: yearSplitCard(draftId, proposal) },
  ];
}

function yearSplitCard(draftId: number, proposal: YearSplitProposal, outcome?: string) {
  return buildYearSplitCard({
    draftId,
    title: `确认目标分解：${proposal.label} ${proposal.yearKey}年`,
    description: `${MEASURE_LABELS[proposal.measure]} ${formatMeasure(proposal.measure, proposal.total)}，${proposal.basis}。确认后写入年度和各期目标（覆盖同期已有目标）。`,
    parts: proposal.parts.map((p) => ({
      label: partLabel(parsePeriod(p.key) as TargetPeriod),
      value: formatMeasure(proposal.measure, p.value),
    })),
    outcome,
  });
}

/** A 确认 or 取消 tap: only its proposer's, decided once; 确认 writes the year and its parts, audited. */
export async function yearSplitCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply[]> {
  const parsed = yearSplitActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { confirm, draftId } = parsed.data;
  const { tenantId } = ctx.user;
  const draft = await ctx.stores.yearSplitDrafts.findOwn(tenantId, ctx.user.id, draftId);
  if (!draft) throw new DomainError('target.split_not_found');
  if (confirm && !MANAGERS.includes(ctx.user.role))
    throw new DomainError('auth.not_allowed', { command: '目标', who: '管理员，或该部门的主管' });
  // A category's or region's target is the company's: the proposer must still reach the whole company.
  if (confirm && isDimension(draft.proposal.subject.kind) && (await reachFor(ctx)).reach.kind !== 'company')
    throw new DomainError('auth.not_allowed', { command: '目标', who: COMPANY_WIDE });
  if (
    !(await ctx.stores.yearSplitDrafts.decide(
      tenantId,
      draftId,
      confirm ? 'confirmed' : 'cancelled',
      ctx.now,
    ))
  )
    throw new DomainError('target.split_decided');
  const { proposal } = draft;
  if (!confirm)
    return [
      { kind: 'text', text: '已取消，目标没有改动。' },
      replaceTappedCard(event, ctx, yearSplitCard(draftId, proposal, '已取消')),
    ];
  const periods: Array<{ period: TargetPeriod; value: number }> = [
    { period: parsePeriod(proposal.yearKey) as TargetPeriod, value: proposal.total },
    ...proposal.parts.map((p) => ({ period: parsePeriod(p.key) as TargetPeriod, value: p.value })),
  ];
  const before: Record<string, number | null> = {};
  for (const { period, value } of periods)
    before[period.key] = await ctx.stores.sales.targets.set(
      tenantId,
      proposal.subject,
      proposal.measure,
      period,
      value,
      ctx.user.id,
      ctx.now,
    );
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'target.split_period',
    subject: `target:${proposal.subject.kind}:${proposal.subject.id}:${proposal.measure}:${proposal.yearKey}`,
    before,
    after: Object.fromEntries(periods.map((p) => [p.period.key, p.value])),
    at: ctx.now,
  });
  return [
    {
      kind: 'text',
      text: `已写入 ${proposal.label} ${proposal.yearKey}年${MEASURE_LABELS[proposal.measure]}目标 ${formatMeasure(proposal.measure, proposal.total)} 及${proposal.parts.length}个分期目标。${whereToRead(proposal.subject, proposal.yearKey, todayIn(ctx))}`,
    },
    replaceTappedCard(event, ctx, yearSplitCard(draftId, proposal, '已确认')),
  ];
}

/**
 * Last year's actuals of the same parts: the person's, the department subtree's current members', or the
 * company's in the category (region).
 */
async function lastYearActuals(
  ctx: HandlerContext,
  resolved: { subject: YearSplitProposal['subject']; segmentName?: string },
  measure: TargetMeasure,
  parts: readonly TargetPeriod[],
): Promise<number[]> {
  const { tenantId } = ctx.user;
  const { subject } = resolved;
  const out: number[] = [];
  if (isDimension(subject.kind)) {
    for (const part of parts) {
      const bySegment = await salesBySegment(ctx.stores.reportFacts, {
        tenantId,
        timeZone: ctx.timeZone,
        dimension: subject.kind,
        range: { from: part.from, to: part.to },
      });
      out.push(bySegment?.get(resolved.segmentName ?? '') ?? 0);
    }
    return out;
  }
  const userIds =
    subject.kind === 'user'
      ? [subject.id]
      : (
          await ctx.stores.sales.org.membersOf(
            tenantId,
            subtreeIds(await ctx.stores.sales.org.departments(tenantId), subject.id),
          )
        ).map((p) => p.id);
  for (const part of parts) {
    const byPerson = await measureByPerson(ctx.stores.reportFacts, {
      tenantId,
      timeZone: ctx.timeZone,
      measure,
      userIds,
      range: { from: part.from, to: part.to },
    });
    out.push(byPerson ? [...byPerson.values()].reduce((s, v) => s + v, 0) : 0);
  }
  return out;
}

/**
 * Where the completion of the targets written is read: a year other than this one is named, or the command
 * would show this month's (a December's planning of next year would find nothing there).
 */
function whereToRead(subject: YearSplitProposal['subject'], yearKey: string, today: string): string {
  const period = yearKey === today.slice(0, 4) ? '' : ` ${yearKey}`;
  return isDimension(subject.kind)
    ? `发送「团队业绩${period} ${DIMENSION_LABELS[subject.kind]}」查看完成情况。`
    : `发送「团队业绩${period}」或「我的业绩${period}」查看完成情况。`;
}

/** 今年 and 明年 as the year they are today; anything else as typed. */
function yearOf(typed: string, today: string): string {
  const year = Number(today.slice(0, 4));
  return typed === '今年' ? String(year) : typed === '明年' ? String(year + 1) : typed;
}

function partLabel(period: TargetPeriod): string {
  return period.kind === 'month' ? `${Number(period.key.slice(5))}月` : period.key.slice(5);
}

function describeBasis(request: YearSplitRequest, evenly: boolean, lastYear: number): string {
  const parts = request.part === 'month' ? '12个月' : '4个季度';
  const base =
    request.basis === 'even'
      ? `平均分到${parts}`
      : evenly
        ? `${lastYear}年没有实际数据，平均分到${parts}`
        : `按${lastYear}年各${request.part === 'month' ? '月' : '季度'}实际占比分到${parts}`;
  const raise =
    request.raisePercent === 0
      ? ''
      : `，${request.raisePercent > 0 ? '上浮' : '下调'}${Math.abs(request.raisePercent)}%`;
  const adjusted = request.adjustments.size ? '，含单期调整' : '';
  return `${base}${raise}${adjusted}`;
}
