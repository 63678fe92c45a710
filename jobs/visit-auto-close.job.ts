import { formatDuration } from '../cards/visit.card';
import { overdueVisits } from '../domain/field/visit';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';
import { messageTo } from './user-message';

export type VisitAutoCloseDeps = TenantJobDeps<
  Pick<JobStores, 'visitSettings' | 'visits' | 'customerPool' | 'auditLog' | 'users' | 'outbox'>
>;

export const VISIT_AUTO_CLOSE_JOB = 'visit-auto-close';

/**
 * A visit left open past the tenant's limit (default 4 h: a long customer meeting fits, a forgotten
 * 结束拜访 does not outlive the working day) is closed at check-in + limit, flagged (auto_closed, shown as
 * ⚠ 超时未结束 in 今日拜访 / 团队拜访 / 拜访记录), audited, and the rep is told. Every 10 minutes; the limit
 * is in hours, so the cron's zone is UTC. Closing is conditional, so a rerun closes nothing twice.
 */
export function visitAutoCloseJob(): Job<VisitAutoCloseDeps> {
  return {
    name: VISIT_AUTO_CLOSE_JOB,
    cron: '0 */10 * * * *',
    timezone: 'UTC',
    leaseMs: 5 * 60_000,
    run: (deps, now) =>
      forEachTenant(deps, 'visit auto-close', (tenantId) => closeTenant(deps, tenantId, now)),
  };
}

async function closeTenant(deps: VisitAutoCloseDeps, tenantId: string, now: Date): Promise<number> {
  const stores = deps.stores();
  const settings = await stores.visitSettings.read(tenantId);
  const due = overdueVisits(await stores.visits.listOpen(tenantId), now, settings.autoCloseHours);
  let queued = 0;
  for (const { visit, closeAt } of due) {
    queued += await deps.withStores(async (tx) => {
      if (!(await tx.visits.close(tenantId, visit.id, closeAt, null, true))) return 0;
      await tx.customerPool.recordFollowUp(tenantId, visit.customerId, visit.startedAt);
      await tx.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'visit.auto_closed',
        subject: `visit:${visit.id} customer:${visit.customerId}`,
        before: { startedAt: visit.startedAt },
        after: { endedAt: closeAt, autoClosed: true, limitHours: settings.autoCloseHours },
        at: now,
      });
      const rep = await tx.users.findById(tenantId, visit.userId);
      if (!rep?.active) return 0;
      await tx.outbox.enqueue(
        [
          messageTo(rep, `visit-auto-close:${visit.id}`, {
            kind: 'text',
            text: `你在「${visit.customerName}」的拜访超过${settings.autoCloseHours}小时没有结束，已自动结束（按${formatDuration(visit.startedAt, closeAt)}计）并标记给主管。下次离开客户时请发送「结束拜访 <备注>」。`,
          }),
        ],
        new Date(),
      );
      return 1;
    });
  }
  return queued;
}
