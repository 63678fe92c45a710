import { localDateOf, zonedTimeToUtc } from '../../domain/attendance/calendar';
import type { FieldCustomer } from '../../domain/field/customer-pool';
import { assertClaimable, recycleDaysOf, type CustomerMoveReason } from '../../domain/field/pool';
import { DomainError } from '../../domain/errors';
import type { Reply } from '../../domain/messages/reply';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import { displayName, type UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { reachFor } from '../reach';
import { fieldScopeOf } from './field-scope';
import { requireFieldCustomer } from '../customer/resolve-customer';

/** `领取 <客户>`: a pool customer (公海) into the rep's private list (私海), below the tenant's cap. */
export const claimHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).join(' ');
  if (!query) throw malformed(event.text, '领取 <客户名称>', '领取 公海便利店');
  return claimCustomer(
    ctx,
    await requireFieldCustomer(ctx, query, await fieldScopeOf(ctx), { choosable: true }),
  );
};

export async function claimCustomer(ctx: HandlerContext, customer: FieldCustomer): Promise<Reply> {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const startOfDay = zonedTimeToUtc(localDateOf(ctx.now, ctx.timeZone), '00:00', ctx.timeZone);
  const [owned, claimedToday, lastLeftAt] = await Promise.all([
    ctx.stores.customerPool.countOwned(tenantId, userId),
    ctx.stores.customerPool.countClaimsSince(tenantId, userId, startOfDay),
    ctx.stores.customerPool.lastLeftBy(tenantId, customer.id, userId),
  ]);
  assertClaimable(customer, userId, { ownedCount: owned, claimedToday, lastLeftAt }, settings, ctx.now);
  await moveAudited(ctx, customer, userId, 'claim');
  return {
    kind: 'text',
    text: `已领取「${customer.name}」到你的私海（${owned + 1}/${settings.poolCap}）。${recycleDaysOf(customer.category, settings)}天内没有跟进（拜访或记录跟进）会退回公海。`,
  };
}

/** `释放 <客户>`: back to the pool, by its owner (or a manager over the owner). */
export const releaseHandler: Handler<'text'> = async (event, ctx) => {
  const query = argumentsOf(event.text).join(' ');
  if (!query) throw malformed(event.text, '释放 <客户名称>', '释放 华为');
  return releaseCustomer(
    ctx,
    await requireFieldCustomer(ctx, query, await fieldScopeOf(ctx), { choosable: true }),
  );
};

export async function releaseCustomer(ctx: HandlerContext, customer: FieldCustomer): Promise<Reply> {
  // The scope already limits a rep to their own and the pool, a manager to their subtree and the pool.
  if (customer.ownerUserId === null)
    throw new DomainError('pool.not_yours', { customer: customer.name, action: '释放' });
  await moveAudited(ctx, customer, null, 'release');
  const { claimCooldownDays } = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  const formerOwner = customer.ownerUserId === ctx.user.id ? '你' : '原负责人';
  const cooldown = claimCooldownDays > 0 ? `${formerOwner}${claimCooldownDays}天内不能再领取它。` : '';
  return { kind: 'text', text: `已把「${customer.name}」释放到公海，其他同事可以领取。${cooldown}` };
}

const ASSIGN_USAGE = ['分配 <客户名称> <员工姓名>', '分配 公海便利店 张三'] as const;

/** `分配 <客户> <员工>` (managers): a pool or team customer to someone in their department subtree. */
export const assignHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length < 2) throw malformed(event.text, ...ASSIGN_USAGE);
  const personQuery = args[args.length - 1] as string;
  const customerQuery = args.slice(0, -1).join(' ');
  const target = await teamMemberNamed(ctx, personQuery);
  const customer = await requireFieldCustomer(ctx, customerQuery, await fieldScopeOf(ctx), {
    choosable: false,
  });
  if (customer.ownerUserId === target.id)
    return { kind: 'text', text: `「${customer.name}」已经由${displayName(target)}负责。` };
  await moveAudited(ctx, customer, target.id, 'assign');
  ctx.notify(target.id, {
    kind: 'text',
    text: `${displayName(ctx.user)}把客户「${customer.name}」分配给了你。发送「拜访 ${customer.name}」开始拜访。`,
  });
  return { kind: 'text', text: `已把「${customer.name}」分配给${displayName(target)}，已通知对方。` };
};

/** Someone the manager may plan or assign for: themselves or an active member of their subtree (admins: anyone). */
export async function teamMemberNamed(ctx: HandlerContext, query: string): Promise<UserProfile> {
  const people = [ctx.user, ...(await reachFor(ctx)).team];
  const [match] = findPeopleNamed(people, query);
  if (!match) throw new DomainError('visit.plan_not_in_team', { name: query });
  return match;
}

async function moveAudited(
  ctx: HandlerContext,
  customer: FieldCustomer,
  toUserId: number | null,
  reason: CustomerMoveReason,
): Promise<void> {
  const { tenantId } = ctx.user;
  const moved = await ctx.stores.customerPool.move(tenantId, {
    customerId: customer.id,
    fromUserId: customer.ownerUserId,
    toUserId,
    reason,
    actorUserId: ctx.user.id,
    at: ctx.now,
  });
  if (!moved) throw new DomainError('pool.moved_meanwhile', { customer: customer.name });
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: `customer.pool.${reason}`,
    subject: `customer:${customer.id}:${customer.name}`,
    before: { ownerUserId: customer.ownerUserId },
    after: { ownerUserId: toUserId },
    at: ctx.now,
  });
  ctx.log.info(
    { customerId: customer.id, from: customer.ownerUserId, to: toUserId, reason },
    'customer moved',
  );
}
