import { findPeopleNamed, isLastAdmin, parseRoleLabel } from '../../domain/org/role-assignment';
import { displayName, ROLE_LABELS, type UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = ['设置角色 <姓名或用户ID> <销售|主管|审批人|管理员>', '设置角色 张三 主管'] as const;

const labelOf = (p: UserProfile) => (p.name ? `${p.name}（${p.platformUserId}）` : p.platformUserId);

/**
 * An admin appoints a role by chat. The decision is stored with source `admin`, so the contacts sync never
 * overrides it, and audited with the role before and after.
 */
export const setRoleHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const role = args.length >= 2 ? parseRoleLabel(args[args.length - 1] as string) : null;
  // A display name may contain a space (English names); the role is always the last word.
  const query = args.slice(0, -1).join(' ');
  if (!role || !query) throw malformed(event.text, ...USAGE);

  const { tenantId } = ctx.user;
  const people = await ctx.stores.people.findActiveInTenant(tenantId);
  const matches = findPeopleNamed(people, query);
  if (matches.length === 0)
    return { kind: 'text', text: `本单位没有找到「${query}」。请检查姓名，或改用用户ID。` };
  if (matches.length > 1) {
    const list = matches.map((p) => `- ${labelOf(p)} ${ROLE_LABELS[p.role]}`).join('\n');
    return {
      kind: 'text',
      text: `有${matches.length}位同事叫「${query}」：\n${list}\n请改用用户ID，例如：设置角色 ${matches[0]?.platformUserId} ${ROLE_LABELS[role]}`,
    };
  }
  const target = matches[0] as UserProfile;
  if (isLastAdmin(people, target, role)) {
    return {
      kind: 'text',
      text: '你是本单位唯一的管理员，不能取消自己的管理员角色。请先把另一位同事设为管理员。',
    };
  }

  const before = await ctx.stores.people.assignRoleByAdmin(tenantId, target.id, role);
  if (!before) return { kind: 'text', text: `本单位没有找到「${query}」。请检查姓名，或改用用户ID。` };
  const after = { role, roleSource: 'admin' };
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'org.role.set',
    subject: `user:${target.id}:${target.platformUserId}`,
    before,
    after,
    at: ctx.now,
  });
  ctx.log.info({ target: target.id, from: before.role, to: role }, 'role set by admin');
  const change =
    before.role === role
      ? `已是${ROLE_LABELS[role]}`
      : `的角色已从${ROLE_LABELS[before.role]}改为${ROLE_LABELS[role]}`;
  return {
    kind: 'text',
    text: `${displayName(target)}（${target.platformUserId}）${change}。这是管理员设置，通讯录同步不会再更改。`,
  };
};
