import { buildRecycleAnsweredCard, recycleActionSchema } from '../../cards/recycle-warning.card';
import { poolExtensionFormSchema } from '../../domain/approval/request-forms';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import { recycleDaysOf, scheduledRecycleAt, type PoolCustomer } from '../../domain/field/pool';
import type { Reply } from '../../domain/messages/reply';
import { dateLabel } from '../../domain/reports/periods';
import { fileRequestNumbered } from '../approval/submit.handler';
import { replaceTappedCard } from '../card-reply';
import type { Handler, HandlerContext } from '../context';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import { fieldScopeOf } from './field-scope';
import { releaseCustomer } from './pool.handler';

/** The follow-up 已跟进 logs; the owner adds what was said with 跟进 <客户> <内容>. */
const FOLLOWED_NOTE = '已跟进（公海预警）';

/**
 * A tap on the 公海预警 card: 已跟进 logs a follow-up (the recycle clock restarts), 明天拜访 puts the
 * customer on tomorrow's plan (the route card and 今日拜访 show it), 申请延期 files a 公海延期 request
 * through the approval flow (default: the direct manager), 释放到公海 releases it now. The customer must
 * still be the tapper's own.
 */
export const recycleWarningHandler: Handler<'card_action'> = async (event, ctx) => {
  const parsed = recycleActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { action, customerId } = parsed.data;
  const { tenantId, id: userId } = ctx.user;
  const customer = await ctx.stores.customerPool.findInScope(tenantId, customerId, await fieldScopeOf(ctx));
  if (!customer || customer.ownerUserId !== userId) throw new DomainError('customer.not_found');
  if (action === 'followed') {
    await ctx.stores.followUps.add(
      tenantId,
      { customerId: customer.id, opportunityId: null, userId, content: FOLLOWED_NOTE },
      ctx.now,
    );
    await ctx.stores.customerPool.recordFollowUp(tenantId, customer.id, ctx.now);
    const recycleDays = recycleDaysOf(customer.category, await ctx.stores.visitSettings.read(tenantId));
    const detail = `已记录跟进，回收期从今天重新计算（${recycleDays}天）。补充跟进内容请发送「跟进 ${customer.name} <内容>」。`;
    return answered(event, ctx, customer.name, '已跟进', detail);
  }
  if (action === 'defer') return requestExtension(event, ctx, customer);
  if (action === 'release') {
    const released: Reply = await releaseCustomer(ctx, customer);
    return [
      replaceTappedCard(
        event,
        ctx,
        buildRecycleAnsweredCard(event.cardId, customer.name, '已释放', '已释放到公海，其他同事可以领取。'),
      ),
      released,
    ];
  }
  const tomorrow = addDays(localDateOf(ctx.now, ctx.timeZone), 1);
  await ctx.stores.visitPlans.addStop(tenantId, userId, tomorrow, customer.id, userId, ctx.now);
  const detail = `已加入${dateLabel(tomorrow)}的拜访计划。拜访并结束拜访后，回收期重新计算。`;
  return answered(event, ctx, customer.name, '已安排明天拜访', detail);
};

/**
 * The card answered in place, and the detail as text where the update cannot carry it (where a card update
 * only renames the tapped button, only the status shows there).
 */
function answered(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  customerName: string,
  status: string,
  detail: string,
): Reply[] {
  const update = replaceTappedCard(
    event,
    ctx,
    buildRecycleAnsweredCard(event.cardId, customerName, status, detail),
  );
  return ctx.capabilities.updatedCardsShowDetail ? [update] : [update, { kind: 'text', text: detail }];
}

async function requestExtension(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  customer: PoolCustomer,
): Promise<Reply[]> {
  const { tenantId, id: userId } = ctx.user;
  // A second tap (or an older warning's card) must not file a second request for the same customer.
  const pending = (await ctx.stores.approvals.listByRequester(tenantId, userId, 50)).find(
    ({ status, request: { form } }) =>
      status === 'pending' && form.type === 'pool_extension' && form.customerId === customer.id,
  );
  if (pending)
    throw new DomainError('pool.extension_pending', {
      customer: customer.name,
      requestId: pending.request.id,
    });
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const standing = (await ctx.stores.opportunities.dealStandings(tenantId, [customer.id])).get(customer.id);
  const recycleAt = scheduledRecycleAt(customer, ctx.now, settings, standing);
  if (recycleAt === null) throw new DomainError('pool.protected', { customer: customer.name });
  const form = poolExtensionFormSchema.parse({
    type: 'pool_extension',
    customerId: customer.id,
    customerName: customer.name,
    days: settings.extensionDays,
    recycleDate: localDateOf(recycleAt, ctx.timeZone),
  });
  const { reply } = await fileRequestNumbered(ctx, form, event.msgId);
  const detail = `已申请延期${settings.extensionDays}天，等待审批；批准前仍按原定日期回收。`;
  return [
    replaceTappedCard(
      event,
      ctx,
      buildRecycleAnsweredCard(event.cardId, customer.name, '已申请延期', detail),
    ),
    reply,
  ];
}
