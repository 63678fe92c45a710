import { buildOrderDecidedCard, orderActionSchema } from '../../cards/order.card';
import { formatYuan } from '../../domain/approval/money';
import { discountFormSchema } from '../../domain/approval/request-forms';
import { DomainError } from '../../domain/errors';
import { ORDER_STATUS_LABELS, orderTransition, type Order } from '../../domain/orders/order';
import { needsDiscountApproval } from '../../domain/orders/pricing';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Card, Reply } from '../../domain/messages/reply';
import { fileRequestNumbered } from '../approval/submit.handler';
import { replaceTappedCard } from '../card-reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { parseOrderNumber } from './order-queries.handler';

/** A confirmation card is good for 30 minutes: prices and limits may change after that. */
export const ORDER_DRAFT_TTL_MS = 30 * 60 * 1000;

/**
 * 提交 / 修改 / 取消 on an order's confirmation card. Only the rep who ordered finds the draft, and every
 * choice is a compare-and-set from `draft`, so a double tap or a redelivered event decides once.
 */
export async function orderCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply[]> {
  const parsed = orderActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { choice, orderId } = parsed.data;
  return decideDraft(ctx, orderId, choice, event.msgId, (card) => [replaceTappedCard(event, ctx, card)]);
}

/** 提交订单 12: the card's 提交 typed, for chats that show no buttons (DingTalk without a card template). */
export const submitOrderTextHandler: Handler<'text'> = async (event, ctx) => {
  const orderId = parseOrderNumber(argumentsOf(event.text)[0]);
  if (orderId === null) throw malformed(event.text, '提交订单 <编号>', '提交订单 12');
  return decideDraft(ctx, orderId, 'submit', event.msgId, () => []);
};

async function decideDraft(
  ctx: HandlerContext,
  orderId: number,
  choice: 'submit' | 'edit' | 'cancel',
  msgId: string,
  showCard: (card: Card) => Reply[],
): Promise<Reply[]> {
  const { tenantId } = ctx.user;
  const orders = ctx.stores.sales.orders;
  const discard = orderTransition('discard');
  const order = await orders.findById(tenantId, orderId);
  if (!order || order.repUserId !== ctx.user.id) throw new DomainError('order.not_found', { id: orderId });
  if (order.status !== 'draft')
    throw new DomainError('order.card_used', { status: ORDER_STATUS_LABELS[order.status] });

  if (choice !== 'submit') {
    if (!(await orders.transition(tenantId, orderId, discard.from, discard.to, ctx.now)))
      throw new DomainError('order.card_used', { status: '已处理' });
    const card = buildOrderDecidedCard(order, choice === 'edit' ? '已放弃，待修改' : '已取消');
    return choice === 'edit'
      ? [...showCard(card), { kind: 'text', text: `请修改后重新发送（可复制）：\n${order.commandText}` }]
      : showCard(card);
  }

  if (ctx.now.getTime() - order.createdAt.getTime() > ORDER_DRAFT_TTL_MS) {
    await orders.transition(tenantId, orderId, discard.from, discard.to, ctx.now);
    throw new DomainError('order.draft_expired');
  }
  const settings = await ctx.stores.sales.settings.read(tenantId);
  const needsApproval = needsDiscountApproval(order, settings.discountApprovalPercent);
  const submit = orderTransition('submit', needsApproval);
  if (!(await orders.transition(tenantId, orderId, submit.from, submit.to, ctx.now)))
    throw new DomainError('order.card_used', { status: '已处理' });

  const replies: Reply[] = [];
  if (needsApproval) replies.push(await requestDiscountApproval(ctx, order, msgId));
  // Approval may have decided at once (the rep's manager is the rep): read the order as it is now.
  const now = (await orders.findById(tenantId, orderId)) as Order;
  replies.unshift(...showCard(buildOrderDecidedCard(now)));
  replies.push({
    kind: 'text',
    text:
      now.status === 'pending_approval'
        ? `订单 ${orderId} 已提交，折扣待审批，审批通过后订单确认。`
        : `订单 ${orderId} 已确认：${now.customerName}，应付合计 ${formatYuan(now.totalFen)}。发送「订单 ${orderId}」查看详情。`,
  });
  return replies;
}

/** Files the discount approval through the approval flow (default: the direct manager). */
export async function requestDiscountApproval(
  ctx: HandlerContext,
  order: Order,
  msgId: string,
): Promise<Reply> {
  const form = discountFormSchema.parse({
    type: 'discount',
    orderId: order.id,
    orderAmountFen: order.subtotalFen,
    discount: order.discount,
  });
  try {
    const { requestId, reply } = await fileRequestNumbered(ctx, form, msgId);
    await ctx.stores.sales.orders.setApprovalRequest(ctx.user.tenantId, order.id, requestId);
    return reply;
  } catch (error) {
    // Nobody can approve: the order goes back to the card's state, so nothing waits forever.
    if (error instanceof DomainError) {
      const { from, to } = orderTransition('unsubmit');
      await ctx.stores.sales.orders.transition(ctx.user.tenantId, order.id, from, to, ctx.now);
    }
    throw error;
  }
}
