import {
  buildNextVisitCard,
  buildNextVisitDecidedCard,
  buildVisitResultDecidedCard,
  visitActionSchema,
} from '../../cards/visit.card';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import {
  assertResultSettable,
  isVisitResult,
  NEXT_VISIT_CHOICES,
  VISIT_RESULT_BY_LABEL,
  VISIT_RESULT_LABELS,
  type Visit,
} from '../../domain/field/visit';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { parseChatDate } from '../approval/request-command';
import { argumentsOf, invalidValue, malformed } from '../command-args';
import { replaceTappedCard } from '../card-reply';
import type { Handler, HandlerContext } from '../context';
import { textAfterWords } from '../../domain/text/typed-words';
import { continueCheckOut } from './check-out';

/** Marks a visit whose rep chose 暂不安排 on the next-visit card. */
const NO_NEXT_VISIT = 'none';

/**
 * `结束拜访 <备注>`: asks to check out of the open visit; the note waits with the request while the purpose,
 * the template's fields and a position are gathered (handlers/visit/check-out.ts), then the result card.
 */
export const endVisitHandler: Handler<'text'> = async (event, ctx) => {
  const note = textAfterWords(event.text, 1).slice(0, 1000) || null;
  return requestCheckOut(ctx, note, event);
};

/** 结束拜访 typed or tapped: the note (a tap keeps the one already given) and whatever is still missing. */
export async function requestCheckOut(
  ctx: HandlerContext,
  note: string | null,
  event: Pick<InboundEventOf<'text'>, 'tenantId' | 'msgId'>,
  visitId?: number,
): Promise<Reply[]> {
  const { tenantId, id: userId } = ctx.user;
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  if (!open || (visitId !== undefined && open.id !== visitId)) throw new DomainError('visit.none_open');
  const kept = note ?? open.note;
  await ctx.stores.visits.requestEnd(tenantId, open.id, kept, ctx.now);
  return continueCheckOut(ctx, { ...open, note: kept, endRequestedAt: ctx.now }, event);
}

/** Taps on the result card and the next-visit card: once each, on the rep's own visit only. */
export async function visitCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply[]> {
  const parsed = visitActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const action = parsed.data;
  const { tenantId, id: userId } = ctx.user;
  const visit = await ctx.stores.visits.findOwn(tenantId, userId, action.visitId);
  if (!visit) throw new DomainError('visit.not_found');

  if (action.step === 'result') {
    if (!isVisitResult(action.value)) throw new DomainError('card.unknown_action');
    assertResultSettable(visit);
    if (!(await ctx.stores.visits.recordResult(tenantId, visit.id, action.value)))
      throw new DomainError('visit.result_recorded', { result: VISIT_RESULT_LABELS[action.value] });
    ctx.log.info({ visitId: visit.id, result: action.value }, 'visit result recorded');
    return [
      replaceTappedCard(event, ctx, buildVisitResultDecidedCard(visit, action.value, ctx.timeZone)),
      { kind: 'card', card: buildNextVisitCard(visit) },
    ];
  }

  if (visit.nextVisitDate !== null)
    return [
      {
        kind: 'text',
        text: `下次拜访已${visit.nextVisitDate === NO_NEXT_VISIT ? '选择暂不安排' : `安排在 ${visit.nextVisitDate}`}，无需重复操作。`,
      },
    ];
  const days = Number(action.value);
  const choice = NEXT_VISIT_CHOICES.find((c) => c.days === days);
  if (!choice) throw new DomainError('card.unknown_action');
  if (days === 0) {
    await ctx.stores.visits.recordNextVisit(tenantId, visit.id, NO_NEXT_VISIT);
    return [replaceTappedCard(event, ctx, buildNextVisitDecidedCard(visit, '暂不安排'))];
  }
  const date = addDays(localDateOf(ctx.now, ctx.timeZone), days);
  return [
    replaceTappedCard(event, ctx, buildNextVisitDecidedCard(visit, `已安排 ${date}`)),
    { kind: 'text', text: await scheduleNextVisit(ctx, visit, date) },
  ];
}

/** Records the next visit on the visit and the customer, and adds it to that day's plan. */
async function scheduleNextVisit(ctx: HandlerContext, visit: Visit, date: string): Promise<string> {
  const { tenantId, id: userId } = ctx.user;
  await ctx.stores.visits.recordNextVisit(tenantId, visit.id, date);
  await ctx.stores.customerPool.setNextVisitDate(tenantId, visit.customerId, date);
  await ctx.stores.visitPlans.addStop(tenantId, userId, date, visit.customerId, userId, ctx.now);
  return `已安排 ${date} 再次拜访「${visit.customerName}」，已加入那天的拜访计划。`;
}

const RESULT_USAGE = [
  '拜访结果 <有意向|需再跟进|已成交|无意向> [下次拜访日期]',
  '拜访结果 有意向 下周一',
] as const;

/**
 * `拜访结果 有意向 11月30日`: the result (and next visit) of the last checked-out visit, typed — for chats
 * whose cards have no buttons (DingTalk without a card template) and for those who prefer typing.
 */
export const visitResultTextHandler: Handler<'text'> = async (event, ctx) => {
  const [label, dateText, ...rest] = argumentsOf(event.text);
  const result = label === undefined ? undefined : VISIT_RESULT_BY_LABEL.get(label);
  const today = localDateOf(ctx.now, ctx.timeZone);
  const date = dateText === undefined ? null : parseChatDate(dateText, today);
  if (!result || rest.length > 0 || (dateText !== undefined && !date))
    throw malformed(event.text, ...RESULT_USAGE);
  if (date && date <= today)
    throw invalidValue(
      `${dateText}${date === today ? '就是今天' : '已经过去'}，下次拜访请选今天以后的日期`,
      ...RESULT_USAGE,
    );
  const { tenantId, id: userId } = ctx.user;
  const visit = await ctx.stores.visits.findLatestEnded(tenantId, userId);
  if (!visit) throw new DomainError('visit.none_open');
  assertResultSettable(visit);
  if (!(await ctx.stores.visits.recordResult(tenantId, visit.id, result)))
    throw new DomainError('visit.result_recorded', { result: VISIT_RESULT_LABELS[result] });
  const lines = [`已记录「${visit.customerName}」的拜访结果：${VISIT_RESULT_LABELS[result]}。`];
  if (date && visit.nextVisitDate === null) lines.push(await scheduleNextVisit(ctx, visit, date));
  return { kind: 'text', text: lines.join('\n') };
};
