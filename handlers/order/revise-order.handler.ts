import { orderLinesText } from '../../cards/order.card';
import { formatYuan } from '../../domain/approval/money';
import { DomainError } from '../../domain/errors';
import { isLegalFrom, ORDER_STATUS_LABELS, orderTransition, type Order } from '../../domain/orders/order';
import { describeDiscount, needsDiscountApproval, totalsOf } from '../../domain/orders/pricing';
import type { Reply } from '../../domain/messages/reply';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { capLines } from './cap-lines';
import { requestDiscountApproval } from './order-card.handler';
import { parseOrderCommand } from './order-command';
import { resolveOrderLines } from './order-lines';
import { findVisibleOrder, parseOrderNumber } from './order-queries.handler';

export const REVISE_USAGE = [
  '改单 <订单编号> <商品>*<数量> [<商品>*<数量> …] [折扣 9折|95折|-500]',
  '改单 12 A100*8 B200*2 折扣 95折',
] as const;

/** Why an order cannot be changed, and what to do instead. */
function notRevisableText(order: Order): string {
  const status = ORDER_STATUS_LABELS[order.status];
  if (order.status === 'pending_approval')
    return `订单 ${order.id} 折扣待审批，暂不能改单。可等审批结果，或「撤回 ${order.approvalRequestId ?? ''}」后重新下单。`;
  if (order.status === 'shipped' || order.status === 'completed')
    return `订单 ${order.id} ${status}，不能再改单。退回商品请发送：退货 订单${order.id} <商品>*<数量> <原因>`;
  return `订单 ${order.id} ${status}，不能改单。`;
}

/**
 * 改单 12 A100*8 B200*2 [折扣 95折] (the order's rep, before shipment): the typed lines replace the order's,
 * priced from today's catalogue. Within the rep's discount right the order stays 已确认; beyond it, it
 * goes back to 待审批 and the discount approval is filed again. Audited with the lines before and after.
 */
export const reviseOrderHandler: Handler<'text'> = async (event, ctx) => {
  const command = parseOrderCommand(event.text, REVISE_USAGE);
  const orderId = parseOrderNumber(command.customer);
  if (orderId === null) throw malformed(event.text, ...REVISE_USAGE);
  const order = await findVisibleOrder(ctx, orderId);
  if (order.repUserId !== ctx.user.id)
    return { kind: 'text', text: `订单 ${orderId} 只能由业绩归属人修改。` };
  if (!isLegalFrom('revise', order.status)) return { kind: 'text', text: notRevisableText(order) };

  const resolved = await resolveOrderLines(ctx, command.items);
  if ('problems' in resolved)
    return {
      kind: 'text',
      text: `订单 ${orderId} 未修改：\n${capLines(resolved.problems, 8).join('\n')}\n格式：${REVISE_USAGE[0]}`,
    };
  const totals = totalsOf(resolved.lines, command.discount);
  if (totals === 'discount_exceeds_total')
    return { kind: 'text', text: `订单 ${orderId} 未修改：优惠金额不能大于或等于订单金额。` };
  if (totals.totalFen < order.paidFen)
    return {
      kind: 'text',
      text: `订单 ${orderId} 未修改：已回款 ${formatYuan(order.paidFen)}，修改后的金额 ${formatYuan(totals.totalFen)} 不能低于已回款。`,
    };

  const { tenantId } = ctx.user;
  const settings = await ctx.stores.sales.settings.read(tenantId);
  const needsApproval = needsDiscountApproval(totals, settings.discountApprovalPercent);
  const move = orderTransition('revise', needsApproval);
  const items = argumentsOf(event.text).slice(1).join(' ');
  const revision = {
    discount: command.discount,
    lines: resolved.lines,
    ...totals,
    commandText: `下单 ${order.customerName} ${items}`,
  };
  const orders = ctx.stores.sales.orders;
  if (!(await orders.revise(tenantId, orderId, move.from, move.to, revision, ctx.now)))
    throw new DomainError('order.wrong_status', {
      id: orderId,
      status: ORDER_STATUS_LABELS[order.status],
      action: '改单',
    });
  const pick = (o: Pick<Order, 'lines' | 'discount' | 'totalFen'>) => ({
    lines: o.lines.map((l) => ({ code: l.code, qty: l.qty, unitPriceFen: l.unitPriceFen })),
    discount: o.discount,
    totalFen: o.totalFen,
  });
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'order.revised',
    subject: `order:${orderId} msg:${event.msgId}`.slice(0, 128),
    before: pick(order),
    after: { ...pick(revision), status: move.to },
    at: ctx.now,
  });

  const revised = (await orders.findById(tenantId, orderId)) as Order;
  const replies: Reply[] = [];
  const discount = revised.discount ? `，${describeDiscount(revised.discount)}` : '';
  const summary = `订单 ${orderId}（${order.customerName}）已修改：\n${orderLinesText(revised)}\n应付合计 ${formatYuan(order.totalFen)} → ${formatYuan(revised.totalFen)}${discount}`;
  if (needsApproval) {
    const approval = await requestDiscountApproval(ctx, revised, event.msgId);
    replies.push(approval, {
      kind: 'text',
      text: `${summary}\n折扣超出你的权限（${settings.discountApprovalPercent}%），订单回到待审批，审批通过后重新确认。`,
    });
  } else replies.push({ kind: 'text', text: `${summary}\n订单仍为已确认。` });
  return replies;
};
