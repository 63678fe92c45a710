import {
  idleCustomers,
  idleCustomerText,
  overdueVisits,
  overdueVisitText,
  visitFrequencyText,
  type CoverageCustomer,
} from '../../domain/field/coverage';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import { displayName } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { HandlerContext, HandlerResult } from '../context';
import { reachFor } from '../reach';
import { todayIn } from '../reports/team-standing';

/** Lines listed in chat; the rest is counted. */
const LIST_LIMIT = 30;
const IDLE_USAGE = '客户 未跟进 [天数]';

/** `客户 未拜访`: the reader's customers (a manager's: his team's too) overdue for a visit by their class. */
export async function overdueVisitsHandler(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  if (argumentsOf(event.text).length > 1) throw malformed(event.text, '客户 未拜访', '客户 未拜访');
  const settings = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  const { customers, ownerName } = await customersInReach(ctx);
  const overdue = overdueVisits(customers, settings, todayIn(ctx), ctx.timeZone);
  const rule = `拜访频率：${visitFrequencyText(settings)}`;
  if (overdue.length === 0) {
    const classified = customers.some((c) => c.category !== null);
    return {
      kind: 'text',
      text: classified
        ? `没有逾期未拜访的客户（${rule}）。`
        : `没有设了分类的客户，拜访频率按分类计算：「客户 <名称> 设置 分类 A」（${rule}）。`,
    };
  }
  return listReply(
    `逾期未拜访的客户 ${overdue.length} 个（${rule}），逾期最久的在前：`,
    overdue.map((o) => `${overdueVisitText(o)}${ownerName(o.customer)}`),
  );
}

/** `客户 未跟进 [N天]`: the reader's customers not followed up for N days (default: the tenant's setting). */
export async function idleCustomersHandler(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const [, raw, ...rest] = argumentsOf(event.text);
  const typed = raw === undefined ? null : /^(\d{1,4})(?:天)?$/.exec(raw);
  if (rest.length > 0 || (raw !== undefined && (!typed || Number(typed[1]) < 1)))
    throw malformed(event.text, IDLE_USAGE, '客户 未跟进 30天');
  const days = typed ? Number(typed[1]) : (await ctx.stores.visitSettings.read(ctx.user.tenantId)).idleDays;
  const { customers, ownerName } = await customersInReach(ctx);
  const idle = idleCustomers(customers, days, todayIn(ctx), ctx.timeZone);
  if (idle.length === 0) return { kind: 'text', text: `没有${days}天以上未跟进的客户。` };
  return listReply(
    `${days}天以上未跟进的客户 ${idle.length} 个，最久的在前：`,
    idle.map((i) => `${idleCustomerText(i)}${ownerName(i.customer)}`),
  );
}

/** Owned customers the reader reaches (the pool has no owner to visit it), and the owner suffix for a team list. */
async function customersInReach(ctx: HandlerContext) {
  const { reach, team } = await reachFor(ctx);
  const customers = await coverageOf(ctx).ownedCustomers(ctx.user.tenantId, reach.ownerIds);
  const names = new Map([ctx.user, ...team].map((p) => [p.id, displayName(p)]));
  const ownerName = (c: CoverageCustomer) =>
    reach.kind === 'own' ? '' : ` — ${names.get(c.ownerUserId) ?? `#${c.ownerUserId}`}`;
  return { customers, ownerName };
}

function coverageOf(ctx: HandlerContext) {
  const coverage = ctx.stores.reportFacts.coverage;
  if (!coverage) throw new Error('report facts were built without the coverage port');
  return coverage;
}

function listReply(heading: string, lines: string[]): HandlerResult {
  const shown = lines.slice(0, LIST_LIMIT).map((line, i) => `${i + 1}. ${line}`);
  const more = lines.length > LIST_LIMIT ? [`……还有 ${lines.length - LIST_LIMIT} 个`] : [];
  return { kind: 'text', text: [heading, ...shown, ...more].join('\n') };
}
