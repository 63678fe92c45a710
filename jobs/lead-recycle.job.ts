import { localDateOf } from '../domain/attendance/calendar';
import { LEAD_RULES, leadRecycleVerdict, type Lead } from '../domain/leads/lead';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';
import { messageTo } from './user-message';

type LeadRecycleStores = Pick<JobStores, 'leads' | 'users' | 'auditLog' | 'outbox'>;

export interface LeadRecycleDeps extends TenantJobDeps<LeadRecycleStores> {
  /** The zone the warning's recycle date is written in. */
  defaultTimeZone: string;
}

export const LEAD_RECYCLE_JOB = 'lead-recycle';
const DAY_MS = 86_400_000;

/**
 * 线索回收: nightly, an owned open lead without a follow-up for LEAD_RULES.recycleDays returns to the lead
 * pool, by the customer pool's rule (domain/field/pool.ts): its owner is warned once the day before, and a
 * lead found already due is warned first. Both moves are audited; rerun-safe (a warning is marked on the
 * lead, a recycle is a conditional move, messages are keyed).
 */
export function leadRecycleJob(timezone: string): Job<LeadRecycleDeps> {
  return {
    name: LEAD_RECYCLE_JOB,
    cron: '0 40 2 * * *',
    timezone,
    leaseMs: 15 * 60_000,
    run: (deps, now) => forEachTenant(deps, 'lead recycle', (tenantId) => recycleTenant(deps, tenantId, now)),
  };
}

async function recycleTenant(deps: LeadRecycleDeps, tenantId: string, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - (LEAD_RULES.recycleDays - LEAD_RULES.warnDaysBefore) * DAY_MS);
  let queued = 0;
  for (const lead of await deps.stores().leads.listRecycleCandidates(tenantId, cutoff))
    queued += await deps.withStores((tx) => settle(deps, tenantId, lead, now, tx));
  return queued;
}

async function settle(
  deps: LeadRecycleDeps,
  tenantId: string,
  lead: Lead,
  now: Date,
  tx: LeadRecycleStores,
): Promise<number> {
  const verdict = leadRecycleVerdict(lead, now);
  const ownerId = lead.ownerUserId;
  if (verdict.kind === 'keep' || ownerId === null) return 0;
  const owner = await tx.users.findById(tenantId, ownerId);
  const audit = (action: string, after: unknown) =>
    tx.auditLog.append({
      tenantId,
      actorUserId: null,
      action: `lead.${action}`,
      subject: `lead:${lead.id}:${lead.name}`,
      before: { ownerUserId: ownerId },
      after,
      at: now,
    });
  if (verdict.kind === 'warn') {
    await tx.leads.markWarned(tenantId, lead.id, now);
    await audit('warn', { recycleAt: verdict.recycleAt });
    if (!owner?.active) return 0;
    const date = localDateOf(verdict.recycleAt, deps.defaultTimeZone);
    await tx.outbox.enqueue(
      [
        messageTo(owner, `lead-warn:${lead.id}:${verdict.recycleAt.toISOString()}`, {
          kind: 'text',
          text: `线索${lead.id}「${lead.name}」已${verdict.days}天没有跟进，将在${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日退回线索公海。发送「跟进 线索${lead.id} <内容>」即可保留。`,
        }),
      ],
      new Date(),
    );
    return 1;
  }
  if (!(await tx.leads.move(tenantId, lead.id, ownerId, null, now))) return 0;
  await audit('recycle', { ownerUserId: null, days: verdict.days });
  if (!owner?.active) return 0;
  await tx.outbox.enqueue(
    [
      messageTo(owner, `lead-recycle:${lead.id}:${now.toISOString()}`, {
        kind: 'text',
        text: `线索${lead.id}「${lead.name}」已${verdict.days}天没有跟进，已退回线索公海。如仍要跟进，请发送「领取 线索${lead.id}」。`,
      }),
    ],
    new Date(),
  );
  return 1;
}
