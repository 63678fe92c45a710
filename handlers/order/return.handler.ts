import { formatYuan } from '../../domain/approval/money';
import { returnFormSchema } from '../../domain/approval/request-forms';
import { ORDER_STATUS_LABELS, RETURNABLE_STATUSES } from '../../domain/orders/order';
import { checkReturn, heldReturnFen, returnAmountFen, type ReturnProblem } from '../../domain/orders/returns';
import type { Reply } from '../../domain/messages/reply';
import { fileRequestNumbered } from '../approval/submit.handler';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { findVisibleOrder, parseOrderNumber } from './order-queries.handler';
import { orderProductsText, readLineItems } from './order-line-items';

export const RETURN_USAGE = [
  '退货 <订单编号> <商品>*<数量> [<商品>*<数量> …] <原因>',
  '退货 订单12 A100*2 质量问题',
] as const;

function problemText(problem: ReturnProblem): string {
  if (problem.kind === 'not_on_order') return `订单中没有商品 ${problem.code}。`;
  return `${problem.code} ${problem.name} 最多可退 ${problem.left}${problem.unit}（已发货或实收数量减去此前的退货），你填写的是 ${problem.asked}${problem.unit}。`;
}

/**
 * 退货 订单12 A100*2 质量问题 (whoever sees the order): a return of shipped goods, priced as ordered (the
 * order's discount taken off alike), filed for approval through the 退货 flow. Nothing is credited until
 * it is approved (orders/return-approval.ts).
 */
export const returnHandler: Handler<'text'> = async (event, ctx) => {
  const [ref, ...words] = argumentsOf(event.text);
  const orderId = parseOrderNumber(ref);
  if (orderId === null) throw malformed(event.text, ...RETURN_USAGE);
  const order = await findVisibleOrder(ctx, orderId);
  if (!RETURNABLE_STATUSES.includes(order.status))
    return {
      kind: 'text',
      text: `订单 ${orderId} ${ORDER_STATUS_LABELS[order.status]}，还没有发货，不能退货。${order.status === 'confirmed' ? `未发货的订单可以改单（改单 ${orderId} <商品>*<数量>）或取消（取消订单 ${orderId}）。` : ''}`,
    };
  const typed = readLineItems(order, words);
  if (typed.unknown.length > 0)
    return {
      kind: 'text',
      text: `订单 ${orderId} 没有商品「${typed.unknown.join('、')}」。这张订单的商品：${orderProductsText(order)}`,
    };
  if (typed.items.length === 0) throw malformed(event.text, ...RETURN_USAGE);
  if (typed.rest === '')
    return {
      kind: 'text',
      text: `请写明退货原因，例如：退货 订单${orderId} ${words.join(' ')} 质量问题`,
    };

  const { tenantId } = ctx.user;
  const returns = ctx.stores.sales.returns;
  const earlier = await returns.listForOrder(tenantId, orderId);
  const checked = checkReturn(order, earlier, typed.items);
  if (!checked.ok)
    return { kind: 'text', text: `退货未提交：\n${checked.problems.map(problemText).join('\n')}` };
  const amountFen = returnAmountFen(order, checked.lines, heldReturnFen(earlier));
  const reason = typed.rest.slice(0, 200);
  const returnId = await returns.create(
    tenantId,
    {
      orderId,
      customerId: order.customerId,
      customerName: order.customerName,
      repUserId: order.repUserId,
      requestedBy: ctx.user.id,
      lines: checked.lines,
      amountFen,
      reason,
    },
    ctx.now,
  );
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'order.return_filed',
    subject: `return:${returnId} order:${orderId} msg:${event.msgId}`.slice(0, 128),
    before: null,
    after: { lines: checked.lines.map((l) => ({ code: l.code, qty: l.qty })), amountFen, reason },
    at: ctx.now,
  });
  const form = returnFormSchema.parse({
    type: 'return',
    returnId,
    orderId,
    customerName: order.customerName,
    amountFen,
    items: checked.lines.map((l) => `${l.code} ${l.name}×${l.qty}${l.unit}`),
    reason,
  });
  const { requestId, reply } = await fileRequestNumbered(ctx, form, event.msgId);
  await returns.setApprovalRequest(tenantId, returnId, requestId);
  const summary: Reply = {
    kind: 'text',
    text: `退货单 ${returnId}：订单 ${orderId}（${order.customerName}）退 ${form.items.join('、')}，冲减 ${formatYuan(amountFen)}，原因：${reason}。审批通过后冲减应收和业绩。`,
  };
  return [reply, summary];
};
