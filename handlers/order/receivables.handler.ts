import { escapeMarkdown } from '../../domain/text/markdown';
import { localDateOf } from '../../domain/attendance/calendar';
import { formatYuan } from '../../domain/approval/money';
import { dueDateOf, outstandingFen, overdueDays } from '../../domain/orders/receivables';
import { displayName } from '../../domain/org/user';
import type { Reply } from '../../domain/messages/reply';
import { argumentsOf } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { requireCustomer } from '../customer/resolve-customer';
import { capLines } from './cap-lines';
import { teamIds, visibleRepIds } from './sales-scope';

/** 逾期: receivables past due (payment term from shipment), per customer, in the viewer's scope. */
export const overdueHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId } = ctx.user;
  const overdue = await ctx.stores.sales.facts.overdueReceivables(tenantId, await teamIds(ctx), ctx.now);
  const { paymentTermDays } = await ctx.stores.sales.settings.read(tenantId);
  const terms = `回款期限：按各客户账期，未单独设置的发货后${paymentTermDays}天`;
  if (overdue.length === 0) return { kind: 'text', text: `没有逾期应收（${terms}）。` };
  const lines: string[] = [];
  for (const o of overdue.slice(0, 20)) {
    const owner = await ctx.stores.users.findById(tenantId, o.ownerUserId);
    lines.push(
      `- **${escapeMarkdown(o.customerName)}** 逾期 ${formatYuan(o.amountFen)} · 最长 ${o.overdueDays} 天 · ${owner ? displayName(owner) : ''}`,
    );
  }
  const total = overdue.reduce((s, o) => s + o.amountFen, 0);
  return {
    kind: 'markdown',
    title: '逾期应收',
    text: [`### 逾期应收 共 ${formatYuan(total)}（${overdue.length}个客户）`, ...lines, `${terms}。`].join(
      '\n',
    ),
  };
};

/** 应收 (no customer): what is owed per customer in the viewer's scope, and how much of it is overdue. */
async function receivablesOverview(ctx: HandlerContext): Promise<Reply> {
  const { tenantId } = ctx.user;
  const orders = await ctx.stores.sales.orders.unpaidForReps(tenantId, await visibleRepIds(ctx));
  const termDays = await ctx.stores.sales.customerTerms.termDays(
    tenantId,
    orders.map((o) => o.customerId),
  );
  const today = localDateOf(ctx.now, ctx.timeZone);
  const byCustomer = new Map<number, { name: string; owedFen: number; overdueFen: number; orders: number }>();
  for (const o of orders) {
    const shippedOn = o.shippedAt ? localDateOf(o.shippedAt, ctx.timeZone) : null;
    const owed = outstandingFen(o);
    const late = overdueDays(
      { orderId: o.id, totalFen: o.totalFen, paidFen: o.paidFen, returnedFen: o.returnedFen, shippedOn },
      termDays.get(o.customerId) ?? 0,
      today,
    );
    const seen = byCustomer.get(o.customerId) ?? {
      name: o.customerName,
      owedFen: 0,
      overdueFen: 0,
      orders: 0,
    };
    byCustomer.set(o.customerId, {
      ...seen,
      owedFen: seen.owedFen + owed,
      overdueFen: seen.overdueFen + (late > 0 ? owed : 0),
      orders: seen.orders + 1,
    });
  }
  if (byCustomer.size === 0) return { kind: 'text', text: '没有待回款的订单。' };
  const rows = [...byCustomer.values()].sort((a, b) => b.owedFen - a.owedFen);
  const total = rows.reduce((s, r) => s + r.owedFen, 0);
  const lines = rows.map(
    (r) =>
      `- **${escapeMarkdown(r.name)}** 应收 ${formatYuan(r.owedFen)}（${r.orders}单${r.overdueFen > 0 ? `，其中逾期 ${formatYuan(r.overdueFen)}` : ''}）`,
  );
  return {
    kind: 'markdown',
    title: '应收',
    text: [
      `### 应收 共 ${formatYuan(total)}（${rows.length}个客户）`,
      ...capLines(lines, 30),
      '发送「应收 <客户>」查看明细。',
    ].join('\n'),
  };
}

/** 应收 <客户>: the customer's open orders with what is owed, due dates and days overdue; 应收 alone: all. */
export const receivablesHandler: Handler<'text'> = async (event, ctx) => {
  const typed = argumentsOf(event.text).join(' ');
  if (!typed) return receivablesOverview(ctx);
  const customer = await requireCustomer(ctx, typed);
  const { tenantId } = ctx.user;
  const open = await ctx.stores.sales.orders.openReceivables(tenantId, customer.id);
  if (open.length === 0) return { kind: 'text', text: `${customer.name} 没有待回款的订单。` };
  const paymentTermDays =
    (await ctx.stores.sales.customerTerms.termDays(tenantId, [customer.id])).get(customer.id) ?? 0;
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
    text: [
      `### ${customer.name} 应收 ${formatYuan(total)}`,
      ...lines,
      `账期：发货后${paymentTermDays}天。`,
    ].join('\n'),
  };
};
