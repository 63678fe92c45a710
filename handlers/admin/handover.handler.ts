import { lookUpPerson, personLookupProblem } from '../../domain/field/person-lookup';
import { displayName, type UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = ['交接 <离职员工> <接手员工>', '交接 张三 赵六'] as const;

const labelOf = (p: UserProfile) => `${displayName(p)}（${p.platformUserId}）`;

/**
 * `交接 <离职员工> <接手员工>` (admins): everything the leaver owns moves to the successor — one participant
 * per area in `ctx.stores.handoverParticipants` (customers, open opportunities; visit plans join at merge),
 * all in this event's transaction. Both people are told (the leaver only while still active); audited
 * with the counts. The leaver may already have left (deactivated by the contacts sync); the successor may not.
 */
export const handoverHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length !== 2) throw malformed(event.text, ...USAGE);
  const [fromQuery, toQuery] = args as [string, string];
  const { tenantId } = ctx.user;
  const people = await ctx.stores.staff.findAllInTenant(tenantId);
  const from = lookUpPerson(people, fromQuery);
  const to = lookUpPerson(
    people.filter((p) => p.active),
    toQuery,
  );
  const problem =
    personLookupProblem('离职员工', fromQuery, from) ?? personLookupProblem('接手员工', toQuery, to);
  if (problem || !from.ok || !to.ok) return { kind: 'text', text: `未交接：${problem}。` };
  if (from.person.id === to.person.id) return { kind: 'text', text: '未交接：离职员工和接手员工是同一人。' };

  const moved: Array<{ label: string; count: number }> = [];
  for (const participant of ctx.stores.handoverParticipants)
    moved.push({
      label: participant.label,
      count: await participant.handOver(tenantId, from.person.id, to.person.id, ctx.now),
    });
  // Only what actually moved is worth reading; nothing at all is said as such.
  const summary =
    moved
      .filter((m) => m.count > 0)
      .map((m) => `${m.label}${m.count}个`)
      .join('、') || '（没有需要交接的客户、商机或计划）';
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'field.handover',
    subject: `user:${from.person.id}:${from.person.platformUserId}`,
    before: { ownerUserId: from.person.id },
    after: { ownerUserId: to.person.id, moved: Object.fromEntries(moved.map((m) => [m.label, m.count])) },
    at: ctx.now,
  });
  ctx.log.info({ from: from.person.id, to: to.person.id, moved }, 'handover done');
  const admin = displayName(ctx.user);
  ctx.notify(to.person.id, {
    kind: 'text',
    text: `${admin}把${displayName(from.person)}的${summary}交接给了你。发送「我的商机」查看商机，「客户 <名称>」查看客户。`,
  });
  if (from.person.active)
    ctx.notify(from.person.id, {
      kind: 'text',
      text: `${admin}已把你负责的${summary}交接给${displayName(to.person)}。`,
    });
  return {
    kind: 'text',
    text: `已把${labelOf(from.person)}的${summary}交接给${labelOf(to.person)}，已通知双方。`,
  };
};
