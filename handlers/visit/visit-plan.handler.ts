import { addDays, localDateOf } from '../../domain/attendance/calendar';
import type { FieldCustomer, FieldScope } from '../../domain/field/customer-pool';
import { orderRoute, routeLengthM } from '../../domain/field/route';
import { routeLines } from '../../domain/field/visit-plan';
import { formatDistance } from '../../domain/geo/distance';
import { displayName, type UserProfile } from '../../domain/org/user';
import { parseChatDate } from '../approval/request-command';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { fieldScopeOf, requireManager } from './field-scope';
import { fitLines } from './fit-lines';
import { teamMemberNamed } from './pool.handler';
import { requireFieldCustomer } from '../customer/resolve-customer';

const USAGE = ['计划 [员工] <日期> 拜访 <客户1>, <客户2>, …', '计划 明天 拜访 华为, 中兴, 腾讯'] as const;
const MAX_STOPS = 20;
/** A text reply holds at most 2048 characters (domain/messages/reply.ts). */
const MAX_TEXT_CHARS = 2000;
/** Plans reach at most this far ahead (a typo like 2027 should not hide a plan for a year). */
const MAX_DAYS_AHEAD = 60;

/**
 * `计划 明天 拜访 A, B, C` for oneself, or `计划 <员工> 明天 拜访 A, B` by a manager for someone in their
 * department subtree. Replaces that day's plan; the stops are put in route order (nearest next stop).
 */
export const planHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const verbAt = args.indexOf('拜访');
  const head = args.slice(0, Math.max(verbAt, 0));
  const names = args
    .slice(verbAt + 1)
    .join(' ')
    .split(/[,、;；]/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (verbAt < 1 || head.length > 2 || names.length === 0 || names.length > MAX_STOPS)
    throw malformed(event.text, ...USAGE);
  const today = localDateOf(ctx.now, ctx.timeZone);
  const date = parseChatDate(head[head.length - 1] as string, today);
  if (!date || date < today || date > addDays(today, MAX_DAYS_AHEAD)) throw malformed(event.text, ...USAGE);

  let rep: UserProfile = ctx.user;
  let scope: FieldScope = await fieldScopeOf(ctx);
  if (head.length === 2) {
    requireManager(ctx, '为员工安排计划');
    rep = await teamMemberNamed(ctx, head[0] as string);
    if (rep.id !== ctx.user.id) scope = { kind: 'owners', ownerIds: [rep.id] };
  }

  const customers: FieldCustomer[] = [];
  for (const name of names) {
    const customer = await requireFieldCustomer(ctx, name, scope, { choosable: false });
    if (!customers.some((c) => c.id === customer.id)) customers.push(customer);
  }
  const route = orderRoute(customers);
  const { tenantId } = ctx.user;
  await ctx.stores.visitPlans.replaceDay(
    tenantId,
    rep.id,
    date,
    route.map((c) => c.id),
    ctx.user.id,
    ctx.now,
  );
  ctx.log.info({ repId: rep.id, date, stops: route.length }, 'visit plan saved');

  const lengthM = routeLengthM(route);
  const body = [
    ...routeLines(route.map((c) => ({ customerName: c.name, address: c.address }))),
    lengthM > 0 ? `全程约${formatDistance(lengthM)}，已按最近下一站排序。` : '',
  ].filter((l) => l.length > 0);
  if (rep.id !== ctx.user.id) {
    ctx.notify(rep.id, {
      kind: 'text',
      text: fitLines(
        [`${displayName(ctx.user)}为你安排了 ${date} 的拜访（${route.length}家）：`, ...body],
        MAX_TEXT_CHARS,
      ),
    });
  }
  const who = rep.id === ctx.user.id ? '你' : displayName(rep);
  return {
    kind: 'text',
    text: fitLines(
      [`已为${who}安排 ${date} 的拜访（${route.length}家，替换当天原有计划）：`, ...body],
      MAX_TEXT_CHARS,
    ),
  };
};
