import { buildStatementDownloadCard, buildStatementPage } from '../../cards/customer-statement.page';
import { localDateOf } from '../../domain/attendance/calendar';
import { EXPORT_LINK_TTL_MINUTES } from '../../domain/attendance/export';
import { formatYuan } from '../../domain/approval/money';
import type { Reply } from '../../domain/messages/reply';
import { balanceText } from '../../domain/orders/statement';
import { STATEMENT_PERIOD_FORMS, statementPeriodOf } from '../../domain/orders/statement-period';
import { formatClock } from '../../domain/time/format';
import { cardIdFor } from '../card-ids';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { reachFor } from '../reach';
import { requireCustomer } from '../customer/resolve-customer';
import { customerStatement } from '../use-cases/customer-statement';
import { statementReachOf } from './sales-scope';

export const STATEMENT_USAGE = [
  '对账单 <客户> [本月｜上月｜2026-11｜2026-11-01至2026-11-30]',
  '对账单 华为深圳 上月',
] as const;

/**
 * 对账单 华为深圳 [本月｜上月｜2026-11｜2026-11-01至2026-11-30] — for the customers within the reader's
 * orders reach (a rep his own, a manager his subtree's, finance and admins all): the statement as an image,
 * its figures as text, and download links (Excel and CSV) that check the reach again when opened.
 */
export const statementHandler: Handler<'text'> = async (event, ctx) => {
  const [typed, ...rest] = argumentsOf(event.text);
  if (!typed) throw malformed(event.text, ...STATEMENT_USAGE);
  const today = localDateOf(ctx.now, ctx.timeZone);
  const period = statementPeriodOf(rest.join(''), today);
  if ('invalid' in period)
    return {
      kind: 'text',
      text: `看不懂对账期间「${rest.join(' ')}」。可以写：${STATEMENT_PERIOD_FORMS}。例如：${STATEMENT_USAGE[1]}`,
    };
  if (period.range.from > today)
    return { kind: 'text', text: `对账期间 ${period.range.from} 还没有开始，请换一个期间。` };

  const reach = statementReachOf((await reachFor(ctx)).reach);
  const customer = await requireCustomer(ctx, typed, { reach });
  const statement = await customerStatement(
    ctx.stores.sales.statements,
    ctx.user.tenantId,
    customer,
    period.range,
  );
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: 'statement.viewed',
    subject: `customer:${customer.id} msg:${event.msgId}`.slice(0, 128),
    before: null,
    after: { from: period.range.from, to: period.range.to, closingFen: statement.closingFen },
    at: ctx.now,
  });

  const text = [
    `对账单 · ${customer.name} · ${period.label}（${period.range.from} 至 ${period.range.to}）`,
    `期初余额 ${formatYuan(statement.openingFen)}`,
    `本期订单 ${formatYuan(statement.ordersFen)}，退货 ${formatYuan(statement.returnsFen)}，回款 ${formatYuan(statement.paymentsFen)}`,
    `期末余额 ${formatYuan(statement.closingFen)}（${balanceText(statement.closingFen, formatYuan)}）`,
  ].join('\n');
  const card: Reply = {
    kind: 'card',
    card: buildStatementDownloadCard({
      cardId: cardIdFor('statement', event),
      statement,
      periodLabel: period.label,
      links: {
        xlsx: ctx.links.statementExport(customer.id, period.range, 'xlsx'),
        csv: ctx.links.statementExport(customer.id, period.range, 'csv'),
      },
      validMinutes: EXPORT_LINK_TTL_MINUTES,
    }),
  };
  const replies: Reply[] = [{ kind: 'text', text }];
  if (ctx.renderAfterCommit) {
    const page = buildStatementPage({
      statement,
      periodLabel: period.label,
      generatedLabel: `${today} ${formatClock(ctx.now, ctx.timeZone)} 生成`,
    });
    replies.unshift(ctx.renderAfterCommit(page, `statement-${customer.id}-${period.range.from}.png`));
  }
  replies.push(card);
  return replies;
};
