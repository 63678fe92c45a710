import { DomainError } from '../../domain/errors';
import { maskPhone } from '../../domain/field/customer-matching';
import type { Lead } from '../../domain/leads/lead';
import type { LeadScope } from '../../domain/leads/ports';
import type { AuditEntry } from '../../domain/audit/audit-entry';
import type { HandlerContext } from '../context';
import { reachFor } from '../reach';

/** The leads a reader reaches (domain/org/reach.ts): their own, their team's, the company's; and the pool. */
export async function leadScopeOf(ctx: HandlerContext, pool = true): Promise<LeadScope> {
  const { reach } = await reachFor(ctx);
  return { ownerIds: reach.ownerIds, pool: pool && reach.pool.read };
}

/** The lead if the reader reaches it; one out of reach reads as not found. */
export async function loadLead(ctx: HandlerContext, id: number): Promise<Lead> {
  const lead = await ctx.stores.leads.findInScope(ctx.user.tenantId, id, await leadScopeOf(ctx));
  if (!lead) throw new DomainError('lead.not_found', { id });
  return lead;
}

/**
 * The lead, to act on as its owner: the owner, or a manager or admin whose reach covers the owner. A pool
 * lead must be claimed (or assigned) first.
 */
export async function loadOwnedLead(ctx: HandlerContext, id: number, action: string): Promise<Lead> {
  const lead = await loadLead(ctx, id);
  if (lead.ownerUserId === null)
    throw new DomainError('lead.not_yours', {
      id,
      action,
      hint: `它在线索公海里，请先发送「领取 线索${id}」。`,
    });
  return lead;
}

/** The phone in full for the owner's side; masked for a pool lead anyone can read. */
export function leadPhoneLabel(lead: Lead): string {
  if (!lead.phone) return '未登记';
  if (lead.ownerUserId === null) return lead.phoneNormalized ? maskPhone(lead.phoneNormalized) : '（已登记）';
  return lead.phone;
}

export async function auditLead(
  ctx: HandlerContext,
  lead: Pick<Lead, 'id' | 'name'>,
  action: string,
  before: AuditEntry['before'],
  after: AuditEntry['after'],
): Promise<void> {
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: `lead.${action}`,
    subject: `lead:${lead.id}:${lead.name}`,
    before,
    after,
    at: ctx.now,
  });
}
