import { buildPaymentConfirmCard, paymentActionSchema } from '../../cards/order.card';
import { localDateOf, zonedTimeToUtc } from '../../domain/attendance/calendar';
import { formatYuan, parseYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { isSold, ORDER_STATUS_LABELS } from '../../domain/orders/order';
import type { NewPayment, PaymentDraft } from '../../domain/orders/ports';
import { allocatePayment, outstandingFen } from '../../domain/orders/receivables';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { Card, Reply } from '../../domain/messages/reply';
import { parseChatDate } from '../approval/request-command';
import { replaceTappedCard } from '../card-reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { requireCustomer } from '../customer/resolve-customer';
import { findVisibleOrder, parseOrderNumber } from './order-queries.handler';

export const PAYMENT_USAGE = ['回款 <客户|订单号> <金额> [日期]', '回款 华为深圳 50000 今天'] as const;

/** A confirmation of an overpayment is good for 30 minutes: what is due may change meanwhile. */
const PAYMENT_DRAFT_TTL_MS = 30 * 60 * 1000;

type PaymentRequest = Omit<PaymentDraft, 'id' | 'status' | 'createdAt' | 'userId'> & { customerName: string };

/**
 * 回款 <客户|订单号> <金额> [日期]: recorded against one order, or spread over the customer's open orders
 * oldest first. Partial payments are fine; above what is due only after 确认记录 on a card.
 */
export const paymentHandler: Handler<'text'> = async (event, ctx) => {
  const [target, amountText, dateText, ...extra] = argumentsOf(event.text);
  const amountFen = amountText ? parseYuan(amountText) : null;
  if (!target || amountFen === null || amountFen === 0 || extra.length > 0)
    throw malformed(event.text, ...PAYMENT_USAGE);
  const today = localDateOf(ctx.now, ctx.timeZone);
  const receivedOn = dateText === undefined ? today : parseChatDate(dateText, today);
  if (receivedOn === null) throw malformed(event.text, ...PAYMENT_USAGE);
  if (receivedOn > today) throw new DomainError('payment.future_date', { date: receivedOn });
  // A payment typed today happened now; one for an earlier day stands at noon of that day.
  const receivedAt = receivedOn === today ? ctx.now : zonedTimeToUtc(receivedOn, '12:00', ctx.timeZone);

  const orderId = parseOrderNumber(target);
  let request: PaymentRequest;
  let dueFen: number;
  if (orderId !== null) {
    const order = await findVisibleOrder(ctx, orderId);
    if (!isSold(order.status))
      throw new DomainError('order.wrong_status', {
        id: orderId,
        status: ORDER_STATUS_LABELS[order.status],
        action: '登记回款',
      });
    request = {
      customerId: order.customerId,
      customerName: order.customerName,
      orderId,
      amountFen,
      receivedOn,
      receivedAt,
    };
    dueFen = outstandingFen(order);
  } else {
    const customer = await requireCustomer(ctx, target);
    const open = await ctx.stores.sales.orders.openReceivables(ctx.user.tenantId, customer.id);
    request = {
      customerId: customer.id,
      customerName: customer.name,
      orderId: null,
      amountFen,
      receivedOn,
      receivedAt,
    };
    dueFen = open.reduce((s, r) => s + outstandingFen(r), 0);
  }

  if (amountFen <= dueFen) return { kind: 'text', text: await recordPayment(ctx, request) };
  const draftId = await ctx.stores.sales.payments.saveDraft(
    ctx.user.tenantId,
    {
      userId: ctx.user.id,
      customerId: request.customerId,
      orderId: request.orderId,
      amountFen,
      receivedOn,
      receivedAt,
    },
    ctx.now,
  );
  return {
    kind: 'card',
    card: buildPaymentConfirmCard({
      draftId,
      customerName: request.customerName,
      amountFen,
      dueFen,
      receivedOn,
      orderId: request.orderId,
    }),
  };
};

/** Writes the payment: to its order, or over the customer's open orders with any excess as an advance. */
async function recordPayment(ctx: HandlerContext, request: PaymentRequest): Promise<string> {
  const { tenantId } = ctx.user;
  const orders = ctx.stores.sales.orders;
  const base = {
    customerId: request.customerId,
    recordedBy: ctx.user.id,
    receivedOn: request.receivedOn,
    receivedAt: request.receivedAt,
  };
  const payments: NewPayment[] = [];
  if (request.orderId !== null) {
    const order = await orders.findById(tenantId, request.orderId);
    if (!order) throw new DomainError('order.not_found', { id: request.orderId });
    payments.push({ ...base, orderId: order.id, repUserId: order.repUserId, amountFen: request.amountFen });
  } else {
    const open = await orders.openReceivables(tenantId, request.customerId);
    const { allocations, excessFen } = allocatePayment(request.amountFen, open);
    for (const a of allocations) {
      const order = await orders.findById(tenantId, a.orderId);
      payments.push({
        ...base,
        orderId: a.orderId,
        repUserId: order?.repUserId ?? ctx.user.id,
        amountFen: a.amountFen,
      });
    }
    if (excessFen > 0)
      payments.push({ ...base, orderId: null, repUserId: ctx.user.id, amountFen: excessFen });
  }
  await ctx.stores.sales.payments.record(tenantId, payments, ctx.now);
  const parts: string[] = [];
  for (const p of payments) {
    if (p.orderId === null) {
      parts.push(`预收款 ${formatYuan(p.amountFen)}`);
      continue;
    }
    const order = await orders.findById(tenantId, p.orderId);
    parts.push(
      `订单 ${p.orderId} ${formatYuan(p.amountFen)}（待回款 ${formatYuan(order ? outstandingFen(order) : 0)}）`,
    );
  }
  return `已登记回款 ${formatYuan(request.amountFen)}（${request.customerName}，${request.receivedOn}）：\n${parts.join('\n')}`;
}

/** 确认记录 / 取消 on an overpayment card: only its recorder, once. */
export async function paymentCardHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply[]> {
  const parsed = paymentActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const { choice, draftId } = parsed.data;
  const { tenantId } = ctx.user;
  const payments = ctx.stores.sales.payments;
  const draft = await payments.findDraft(tenantId, ctx.user.id, draftId);
  if (!draft) throw new DomainError('payment.draft_not_found');
  if (draft.status !== 'draft')
    throw new DomainError('payment.draft_used', {
      status: draft.status === 'confirmed' ? '已记录' : '已取消',
    });
  const expired = ctx.now.getTime() - draft.createdAt.getTime() > PAYMENT_DRAFT_TTL_MS;
  const to = choice === 'ok' && !expired ? 'confirmed' : 'cancelled';
  if (!(await payments.closeDraft(tenantId, draftId, to)))
    throw new DomainError('payment.draft_used', { status: '已处理' });
  const customer = await ctx.stores.customers.findRecord(tenantId, draft.customerId);
  const customerName = customer?.name ?? `客户${draft.customerId}`;
  const card: Card = {
    id: `payment-${draftId}`,
    title: '回款超出应收',
    description: `${draft.orderId === null ? customerName : `订单 ${draft.orderId}（${customerName}）`} 回款 ${formatYuan(draft.amountFen)}，${draft.receivedOn}`,
    fields: [],
    buttons: [],
    status: to === 'confirmed' ? '已记录' : '已取消',
  };
  if (expired)
    return [
      replaceTappedCard(event, ctx, card),
      { kind: 'text', text: '这张确认卡片已超过30分钟，应收可能已变，请重新发送「回款 …」。' },
    ];
  if (to === 'cancelled')
    return [replaceTappedCard(event, ctx, card), { kind: 'text', text: '已取消，这笔回款没有登记。' }];
  const text = await recordPayment(ctx, { ...draft, customerName });
  return [replaceTappedCard(event, ctx, card), { kind: 'text', text }];
}
