import { localDateOf } from '../../domain/attendance/calendar';
import { formatYuan } from '../../domain/approval/money';
import { dueDateOf, outstandingFen, overdueDays } from '../../domain/orders/receivables';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { customerProblemText, lookUpCustomer } from './customer-lookup';
import { teamIds } from './sales-scope';

/** 逾期: receivables past due (payment term from shipment), per customer, in the viewer's scope. */
export const overdueHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId } = ctx.user;
  const overdue = await ctx.stores.sales.facts.overdueReceivables(tenantId, await teamIds(ctx), ctx.now);
  const { paymentTermDays } = await ctx.stores.sales.settings.read(tenantId);
  if (overdue.length === 0)
    return { kind: 'text', text: `没有逾期应收（回款期限：发货后${paymentTermDays}天）。` };
  const lines: string[] = [];
  for (const o of overdue.slice(0, 20)) {
    const owner = await ctx.stores.users.findById(tenantId, o.ownerUserId);
    lines.push(
      `- **${o.customerName}** 逾期 ${formatYuan(o.amountFen)} · 最长 ${o.overdueDays} 天 · ${owner ? displayName(owner) : ''}`,
    );
  }
  const total = overdue.reduce((s, o) => s + o.amountFen, 0);
  return {
    kind: 'markdown',
    title: '逾期应收',
    text: [
      `### 逾期应收 共 ${formatYuan(total)}（${overdue.length}个客户）`,
      ...lines,
      `回款期限：发货后${paymentTermDays}天。`,
    ].join('\n'),
  };
};

/** 应收 <客户>: the customer's open orders with what is owed, due dates and days overdue. */
export const receivablesHandler: Handler<'text'> = async (event, ctx) => {
  const typed = argumentsOf(event.text).join(' ');
  if (!typed) throw malformed(event.text, '应收 <客户>', '应收 华为深圳');
  const lookup = await lookUpCustomer(ctx, typed);
  if (lookup.kind !== 'found')
    return { kind: 'text', text: customerProblemText(typed, lookup, (name) => `应收 ${name}`) ?? '' };
  const { tenantId } = ctx.user;
  const open = await ctx.stores.sales.orders.openReceivables(tenantId, lookup.customer.id);
  if (open.length === 0) return { kind: 'text', text: `${lookup.customer.name} 没有待回款的订单。` };
  const { paymentTermDays } = await ctx.stores.sales.settings.read(tenantId);
  const today = localDateOf(ctx.now, ctx.timeZone);
  const lines = open.map((r) => {
    const due = dueDateOf(r.shippedOn, paymentTermDays);
    const late = overdueDays(r, paymentTermDays, today);
    const when = due === null ? '未发货' : late > 0 ? `${due} 到期，已逾期 ${late} 天` : `${due} 到期`;
    return `- 订单 ${r.orderId} 待回款 ${formatYuan(outstandingFen(r))}（${when}）`;
  });
  const total = open.reduce((s, r) => s + outstandingFen(r), 0);
  return {
    kind: 'markdown',
    title: '应收',
    text: [`### ${lookup.customer.name} 应收 ${formatYuan(total)}`, ...lines].join('\n'),
  };
};
