import { orderLinesText } from '../../cards/order.card';
import { localDateOf } from '../../domain/attendance/calendar';
import { formatYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { isSold, ORDER_STATUS_LABELS, orderTransition, type Order } from '../../domain/orders/order';
import { describeDiscount } from '../../domain/orders/pricing';
import { dueDateOf, outstandingFen } from '../../domain/orders/receivables';
import { RETURN_STATUS_LABELS } from '../../domain/orders/returns';
import { displayName } from '../../domain/org/user';
import { formatDateTime } from '../../domain/time/format';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { canSeeOrder } from './sales-scope';
import { takeShippedStock } from './order-checks';

const MAX_LISTED = 10;

/** `12`, `#12`, `订单12`: an order number as typed, or null. */
export function parseOrderNumber(text: string | undefined): number | null {
  const m = text ? /^(?:#|订单)?(\d{1,9})$/.exec(text.normalize('NFKC')) : null;
  return m ? Number(m[1]) : null;
}

/** The order, if this person may see it; otherwise the same answer as a wrong number. */
export async function findVisibleOrder(ctx: HandlerContext, orderId: number): Promise<Order> {
  const order = await ctx.stores.sales.orders.findById(ctx.user.tenantId, orderId);
  if (!order || order.status === 'draft' || order.status === 'discarded' || !(await canSeeOrder(ctx, order)))
    throw new DomainError('order.not_found', { id: orderId });
  return order;
}

function paidText(order: Order): string {
  if (!isSold(order.status)) return '';
  const owed = outstandingFen(order);
  return owed === 0 ? ' · 已回清' : ` · 待回款 ${formatYuan(owed)}`;
}

/** 我的订单: my latest orders with status and what is still to be paid. */
export const myOrdersHandler: Handler<'text'> = async (_event, ctx) => {
  const orders = await ctx.stores.sales.orders.listForReps(ctx.user.tenantId, [ctx.user.id], MAX_LISTED);
  if (orders.length === 0)
    return {
      kind: 'text',
      text: '你还没有订单。下单请发送：下单 <客户> <商品>*<数量>，例如：下单 华为深圳 A100*10',
    };
  const lines = orders.map(
    (o) =>
      `- 订单 ${o.id} · ${o.customerName} · ${formatYuan(o.totalFen)} · ${ORDER_STATUS_LABELS[o.status]}${paidText(o)}`,
  );
  return {
    kind: 'markdown',
    title: '我的订单',
    text: [`### 我的订单（最近${MAX_LISTED}条）`, ...lines, '发送「订单 <编号>」查看详情。'].join('\n'),
  };
};

/** 订单 12: one order in full, for its rep, their managers, admins and approvers. */
export const orderDetailHandler: Handler<'text'> = async (event, ctx) => {
  const orderId = parseOrderNumber(argumentsOf(event.text)[0]);
  if (orderId === null) throw malformed(event.text, '订单 <编号>', '订单 12');
  const order = await findVisibleOrder(ctx, orderId);
  const { tenantId } = ctx.user;
  const rep = await ctx.stores.users.findById(tenantId, order.repUserId);
  const paymentTermDays =
    (await ctx.stores.sales.customerTerms.termDays(tenantId, [order.customerId])).get(order.customerId) ?? 0;
  const shippedOn = order.shippedAt ? localDateOf(order.shippedAt, ctx.timeZone) : null;
  const due = dueDateOf(shippedOn, paymentTermDays);
  const rows = [
    `### 订单 ${order.id} · ${ORDER_STATUS_LABELS[order.status]}`,
    `客户：${order.customerName}`,
    `业绩归属：${rep ? displayName(rep) : `#${order.repUserId}`}`,
    `下单时间：${order.submittedAt ? formatDateTime(order.submittedAt, ctx.timeZone) : '未提交'}`,
    orderLinesText(order),
    `小计：${formatYuan(order.subtotalFen)}`,
    ...(order.discount
      ? [`折扣：${describeDiscount(order.discount)}（优惠 ${formatYuan(order.discountFen)}）`]
      : []),
    `应付合计：${formatYuan(order.totalFen)}`,
    ...(order.approvalRequestId ? [`折扣审批：#${order.approvalRequestId}`] : []),
    ...(isSold(order.status)
      ? [`已回款：${formatYuan(order.paidFen)}，待回款：${formatYuan(outstandingFen(order))}`]
      : []),
    ...(shippedOn ? [`发货日期：${shippedOn}，回款到期：${due}`] : []),
    ...receivedLines(order),
    ...(await returnLines(ctx, order)),
  ];
  return { kind: 'markdown', title: `订单 ${order.id}`, text: rows.join('\n') };
};

/** 「实收：A100 6/8台」 once 收货 is recorded. */
function receivedLines(order: Order): string[] {
  if (Object.keys(order.received).length === 0) return [];
  return [
    `实收：${order.lines.map((l) => `${l.code} ${order.received[l.code] ?? 0}/${l.qty}${l.unit}`).join('，')}`,
  ];
}

/** The order's returns with their status, and the credit taken off what is owed. */
async function returnLines(ctx: HandlerContext, order: Order): Promise<string[]> {
  const returns = await ctx.stores.sales.returns.listForOrder(ctx.user.tenantId, order.id);
  return returns.map(
    (r) =>
      `退货单 ${r.id}：${r.lines.map((l) => `${l.code}×${l.qty}${l.unit}`).join('，')} 冲减 ${formatYuan(r.amountFen)}（${RETURN_STATUS_LABELS[r.status]}）`,
  );
}

const FULFILMENT = {
  ship: { word: '发货', done: '已发货' },
  complete: { word: '完成', done: '已完成' },
  cancel: { word: '取消订单', done: '已取消' },
} as const;

/**
 * 发货 12 / 完成 12 (managers for their team, admins and approvers — 发货 and 财务 — for all) and
 * 取消订单 12 (also the rep, for an order not yet shipped). The rep is told when someone else does it.
 */
function fulfilmentHandler(kind: keyof typeof FULFILMENT): Handler<'text'> {
  const step = { ...FULFILMENT[kind], ...orderTransition(kind) };
  return async (event, ctx) => {
    const orderId = parseOrderNumber(argumentsOf(event.text)[0]);
    if (orderId === null) throw malformed(event.text, `${step.word} <订单编号>`, `${step.word} 12`);
    const order = await findVisibleOrder(ctx, orderId);
    const { tenantId } = ctx.user;
    if (!(await ctx.stores.sales.orders.transition(tenantId, orderId, step.from, step.to, ctx.now)))
      throw new DomainError('order.wrong_status', {
        id: orderId,
        status: ORDER_STATUS_LABELS[order.status],
        action: step.word,
      });
    if (step.to === 'shipped') await takeShippedStock(ctx, order);
    await ctx.stores.auditLog.append({
      tenantId,
      actorUserId: ctx.user.id,
      action: `order.${step.to}`,
      subject: `order:${orderId} msg:${event.msgId}`.slice(0, 128),
      before: { status: order.status },
      after: { status: step.to },
      at: ctx.now,
    });
    if (order.repUserId !== ctx.user.id)
      ctx.notify(order.repUserId, {
        kind: 'text',
        text: `订单 ${orderId}（${order.customerName}）${step.done}，操作人：${displayName(ctx.user)}。`,
      });
    return { kind: 'text', text: `订单 ${orderId}（${order.customerName}）${step.done}。` };
  };
}

export const shipOrderHandler = fulfilmentHandler('ship');
export const completeOrderHandler = fulfilmentHandler('complete');
export const cancelOrderHandler = fulfilmentHandler('cancel');
