import { DomainError } from '../../domain/errors';
import { assertLeadClaimable, assertOpen, LEAD_RULES, type Lead } from '../../domain/leads/lead';
import { displayName } from '../../domain/org/user';
import type { HandlerContext, HandlerResult } from '../context';
import { malformed } from '../command-args';
import { teamMemberNamed } from '../visit/pool.handler';
import { auditLead, loadLead, loadOwnedLead } from './lead-access';

/** A lead command given the lead's number and the words after it. */
export type LeadCommand = (
  ctx: HandlerContext,
  id: number,
  rest: string[],
  text: string,
) => Promise<HandlerResult>;

/** `领取 线索12`: a pool lead to the rep, below the cap. */
export const claimLead: LeadCommand = async (ctx, id, rest, text) => {
  if (rest.length > 0) throw malformed(text, '领取 线索<编号>', '领取 线索12');
  const lead = await loadLead(ctx, id);
  const owned = await ctx.stores.leads.countOwned(ctx.user.tenantId, ctx.user.id);
  assertLeadClaimable(lead, ctx.user.id, owned);
  await moveAudited(ctx, lead, ctx.user.id, 'claim');
  return {
    kind: 'text',
    text: `已领取线索${lead.id}「${lead.name}」（${owned + 1}/${LEAD_RULES.cap}）。${LEAD_RULES.recycleDays}天内没有跟进会退回线索公海。`,
  };
};

/** `分配 线索12 张三` (managers): a pool or team lead to someone in their subtree, who is told. */
export const assignLead: LeadCommand = async (ctx, id, rest, text) => {
  if (rest.length !== 1) throw malformed(text, '分配 线索<编号> <员工姓名>', '分配 线索12 张三');
  const lead = await loadLead(ctx, id);
  assertOpen(lead);
  const target = await teamMemberNamed(ctx, rest[0] as string);
  if (lead.ownerUserId === target.id)
    return { kind: 'text', text: `线索${lead.id}「${lead.name}」已经由${displayName(target)}负责。` };
  await moveAudited(ctx, lead, target.id, 'assign');
  ctx.notify(target.id, {
    kind: 'text',
    text: `${displayName(ctx.user)}把线索${lead.id}「${lead.name}」分配给了你。发送「线索 ${lead.id}」查看详情。`,
  });
  return {
    kind: 'text',
    text: `已把线索${lead.id}「${lead.name}」分配给${displayName(target)}，已通知对方。`,
  };
};

/** `释放 线索12`: back to the lead pool, by its owner or a manager over the owner. */
export const releaseLead: LeadCommand = async (ctx, id, rest, text) => {
  if (rest.length > 0) throw malformed(text, '释放 线索<编号>', '释放 线索12');
  const lead = await loadOwnedLead(ctx, id, '释放');
  assertOpen(lead);
  await moveAudited(ctx, lead, null, 'release');
  return { kind: 'text', text: `已把线索${lead.id}「${lead.name}」释放到线索公海，其他同事可以领取。` };
};

const MAX_FOLLOW_UP_CHARS = 500;

/** `跟进 线索12 电话沟通，下周寄样品`: a follow-up on an owned lead, which restarts its recycle clock. */
export const followUpLead: LeadCommand = async (ctx, id, rest, text) => {
  const content = rest.join(' ').trim();
  if (content === '' || [...content].length > MAX_FOLLOW_UP_CHARS)
    throw malformed(text, '跟进 线索<编号> <内容>', '跟进 线索12 电话沟通，下周寄样品');
  const lead = await loadOwnedLead(ctx, id, '跟进');
  assertOpen(lead);
  await ctx.stores.leads.addFollowUp(ctx.user.tenantId, lead.id, ctx.user.id, content, ctx.now);
  return {
    kind: 'text',
    text: `已记录线索${lead.id}「${lead.name}」的跟进。${LEAD_RULES.recycleDays}天内再跟进即可保留在你名下。`,
  };
};

async function moveAudited(
  ctx: HandlerContext,
  lead: Lead,
  toUserId: number | null,
  reason: 'claim' | 'assign' | 'release',
): Promise<void> {
  const moved = await ctx.stores.leads.move(ctx.user.tenantId, lead.id, lead.ownerUserId, toUserId, ctx.now);
  if (!moved) throw new DomainError('lead.moved_meanwhile', { id: lead.id });
  await auditLead(ctx, lead, reason, { ownerUserId: lead.ownerUserId }, { ownerUserId: toUserId });
  ctx.log.info({ leadId: lead.id, from: lead.ownerUserId, to: toUserId, reason }, 'lead moved');
}
