import { buildOrderDraftCard } from '../../cards/order.card';
import { formatYuan } from '../../domain/approval/money';
import { needsDiscountApproval, totalsOf } from '../../domain/orders/pricing';
import type { Reply } from '../../domain/messages/reply';
import type { Handler } from '../context';
import { requireCustomer } from '../customer/resolve-customer';
import { capLines } from './cap-lines';
import { ORDER_USAGE, parseOrderCommand } from './order-command';
import { resolveOrderLines } from './order-lines';

/**
 * 下单 <客户> <商品>*<数量> … [折扣 9折]: settles the customer and every product (closest matches when
 * unknown), checks 起订量/限定量, prices the lines, and answers with the confirmation card. Nothing is
 * ordered until 提交; the draft is stored so the card's buttons carry only its id.
 */
export const placeOrderHandler: Handler<'text'> = async (event, ctx) => {
  const command = parseOrderCommand(event.text);
  const { tenantId } = ctx.user;
  const customer = await requireCustomer(ctx, command.customer);

  const resolved = await resolveOrderLines(ctx, command.items);
  if ('problems' in resolved)
    return {
      kind: 'text',
      text: `订单未生成：\n${capLines(resolved.problems, 8).join('\n')}\n格式：${ORDER_USAGE[0]}`,
    };
  const { lines } = resolved;
  const totals = totalsOf(lines, command.discount);
  if (totals === 'discount_exceeds_total') {
    const subtotal = lines.reduce((s, l) => s + l.lineFen, 0);
    return {
      kind: 'text',
      text: `优惠金额不能大于或等于订单金额（${formatYuan(subtotal)}），请修改后重新下单。`,
    };
  }
  const settings = await ctx.stores.sales.settings.read(tenantId);
  const draft = {
    customerId: customer.id,
    customerName: customer.name,
    repUserId: ctx.user.id,
    departmentId: ctx.user.departmentId,
    discount: command.discount,
    lines,
    ...totals,
    commandText: event.text.trim(),
  };
  const id = await ctx.stores.sales.orders.createDraft(tenantId, draft, ctx.now);
  const order = await ctx.stores.sales.orders.findById(tenantId, id);
  if (!order) throw new Error(`order draft ${id} vanished`);
  const reply: Reply = {
    kind: 'card',
    card: buildOrderDraftCard(order, needsDiscountApproval(totals, settings.discountApprovalPercent)),
  };
  return reply;
};
