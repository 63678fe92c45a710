import { buildRecycleAnsweredCard, recycleActionSchema } from '../../cards/recycle-warning.card';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import type { Reply } from '../../domain/messages/reply';
import { dateLabel } from '../../domain/reports/periods';
import { replaceTappedCard } from '../card-reply';
import type { Handler } from '../context';
import { fieldScopeOf } from './field-scope';
import { releaseCustomer } from './pool.handler';

/**
 * A tap on the 公海预警 card: 明天拜访 puts the customer on tomorrow's plan (the route card and 今日拜访
 * show it), 释放到公海 releases it now. The customer must still be in the tapper's reach.
 */
export const recycleWarningHandler: Handler<'card_action'> = async (event, ctx) => {
  const parsed = recycleActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { action, customerId } = parsed.data;
  const { tenantId, id: userId } = ctx.user;
  const customer = await ctx.stores.customerPool.findInScope(tenantId, customerId, await fieldScopeOf(ctx));
  if (!customer || customer.ownerUserId !== userId) throw new DomainError('customer.not_found');
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
  return replaceTappedCard(
    event,
    ctx,
    buildRecycleAnsweredCard(event.cardId, customer.name, '已安排明天拜访', detail),
  );
};
