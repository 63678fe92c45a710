import { DomainError } from '../../domain/errors';
import { ORDER_STATUS_LABELS, orderTransition } from '../../domain/orders/order';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { findVisibleOrder, parseOrderNumber } from './order-queries.handler';
import { orderProductsText, readLineItems } from './order-line-items';

export const RECEIPT_USAGE = ['收货 <订单编号> [<商品>*<实收数量> …]', '收货 订单12 A100*8'] as const;

/**
 * 收货 订单12 [A100*8 …] (whoever sees the order, at delivery): the quantities the customer signed for —
 * lines not named arrived in full — and the order is 已完成. A short line (8 of 10) is said plainly, and the
 * received quantities bound later returns. Audited.
 */
export const receiptHandler: Handler<'text'> = async (event, ctx) => {
  const [ref, ...words] = argumentsOf(event.text);
  const orderId = parseOrderNumber(ref);
  if (orderId === null) throw malformed(event.text, ...RECEIPT_USAGE);
  const order = await findVisibleOrder(ctx, orderId);
  const typed = readLineItems(order, words);
  if (typed.rest !== '') throw malformed(event.text, ...RECEIPT_USAGE);
  if (typed.unknown.length > 0)
    return {
      kind: 'text',
      text: `订单 ${orderId} 没有商品「${typed.unknown.join('、')}」。这张订单的商品：${orderProductsText(order)}`,
    };
  const received = Object.fromEntries(order.lines.map((l) => [l.code, l.qty]));
  for (const item of typed.items) received[item.code] = item.qty;
  const over = order.lines.filter((l) => (received[l.code] ?? 0) > l.qty);
  if (over.length > 0)
    return {
      kind: 'text',
      text: `实收数量不能超过发货数量：${over.map((l) => `${l.code} 发货 ${l.qty}${l.unit}，填写 ${received[l.code]}${l.unit}`).join('；')}。`,
    };

  const { tenantId } = ctx.user;
  const move = orderTransition('receive');
  if (!(await ctx.stores.sales.orders.receive(tenantId, orderId, move.from, move.to, received, ctx.now))) {
    const hint = order.status === 'confirmed' ? `订单还未发货，发货后再登记收货。` : '';
    throw new DomainError('order.wrong_status', {
      id: orderId,
      status: ORDER_STATUS_LABELS[order.status] + (hint ? `（${hint}）` : ''),
      action: '登记收货',
    });
  }
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'order.received',
    subject: `order:${orderId} msg:${event.msgId}`.slice(0, 128),
    before: { status: order.status },
    after: { status: move.to, received },
    at: ctx.now,
  });
  const lines = order.lines.map((l) => {
    const got = received[l.code] ?? 0;
    return `${l.code} ${l.name} 实收 ${got}/${l.qty}${l.unit}${got < l.qty ? `（短收 ${l.qty - got}${l.unit}）` : ''}`;
  });
  const short = order.lines.some((l) => (received[l.code] ?? 0) < l.qty);
  const text = `订单 ${orderId}（${order.customerName}）已收货，订单已完成：\n${lines.join('\n')}${short ? '\n有短收，请与客户和发货核对。' : ''}`;
  if (order.repUserId !== ctx.user.id)
    ctx.notify(order.repUserId, { kind: 'text', text: `${text}\n登记人：${displayName(ctx.user)}` });
  return { kind: 'text', text };
};
