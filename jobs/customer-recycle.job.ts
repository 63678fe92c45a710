import { localDateOf } from '../domain/attendance/calendar';
import { poolVerdict, shortestRecycleDays, type DealStanding } from '../domain/field/pool';
import { buildRecycleWarningCard } from '../cards/recycle-warning.card';
import { cardIdFor } from '../handlers/card-ids';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';
import { messageTo } from './user-message';

type RecycleStores = Pick<
  JobStores,
  'visitSettings' | 'customerPool' | 'opportunities' | 'users' | 'auditLog' | 'outbox'
>;

export interface CustomerRecycleDeps extends TenantJobDeps<RecycleStores> {
  /** The zone the warning's recycle date is written in. */
  defaultTimeZone: string;
}

export const CUSTOMER_RECYCLE_JOB = 'customer-recycle';
const DAY_MS = 86_400_000;

/**
 * 公海回收 (docs/product.md): nightly, an owned customer without follow-up (a visit check-out or a logged 跟进)
 * for the tenant's N days (default 30, or its class's own), or past an approved 申请延期, returns to the
 * pool; its owner is warned once, 3 days before. Customers with an open or a won opportunity are protected
 * (回收保护, both on by default). Both moves are audited
 * and the customer's move history (customer_moves) kept for reports. Rerun-safe: a warning is marked on the
 * customer, a recycle is a conditional move, and messages are keyed.
 */
export function customerRecycleJob(timezone: string): Job<CustomerRecycleDeps> {
  return {
    name: CUSTOMER_RECYCLE_JOB,
    cron: '0 30 2 * * *',
    timezone,
    leaseMs: 15 * 60_000,
    run: (deps, now) =>
      forEachTenant(deps, 'customer recycle', (tenantId) => recycleTenant(deps, tenantId, now)),
  };
}

async function recycleTenant(deps: CustomerRecycleDeps, tenantId: string, now: Date): Promise<number> {
  const stores = deps.stores();
  const settings = await stores.visitSettings.read(tenantId);
  const windowStart = (days: number) => new Date(now.getTime() - (days - settings.warnDaysBefore) * DAY_MS);
  const candidates = await stores.customerPool.listRecycleCandidates(
    tenantId,
    windowStart(shortestRecycleDays(settings)),
    settings.dealDeadlineDays > 0 ? windowStart(settings.dealDeadlineDays) : null,
  );
  const standings = await dealStandingsOf(
    stores,
    tenantId,
    candidates.map((c) => c.id),
  );
  let queued = 0;
  for (const customer of candidates) {
    const verdict = poolVerdict(customer, now, settings, standings.get(customer.id));
    const ownerId = customer.ownerUserId;
    if (verdict.kind === 'keep' || ownerId === null) continue;
    queued += await deps.withStores(async (tx) => {
      const owner = await tx.users.findById(tenantId, ownerId);
      const subject = `customer:${customer.id}:${customer.name}`;
      if (verdict.kind === 'warn') {
        await tx.customerPool.markWarned(tenantId, customer.id, now);
        await tx.auditLog.append({
          tenantId,
          actorUserId: null,
          action: 'customer.pool.warn',
          subject,
          before: { ownerUserId: ownerId },
          after: { recycleAt: verdict.recycleAt, reason: verdict.reason },
          at: now,
        });
        if (!owner?.active) return 0;
        const key = `pool-warn:${customer.id}:${verdict.recycleAt.toISOString()}`;
        const card = buildRecycleWarningCard({
          cardId: cardIdFor('recycle', { tenantId, msgId: key }),
          customer,
          reason: verdict.reason,
          days: verdict.days,
          dealDeadlineDays: settings.dealDeadlineDays,
          daysLeft: verdict.daysLeft,
          recycleDate: localDateOf(verdict.recycleAt, deps.defaultTimeZone),
          extensionDays: settings.extensionDays,
        });
        await tx.outbox.enqueue([messageTo(owner, key, { kind: 'card', card })], new Date());
        return 1;
      }
      const moved = await tx.customerPool.move(tenantId, {
        customerId: customer.id,
        fromUserId: ownerId,
        toUserId: null,
        reason: 'recycle',
        actorUserId: null,
        at: now,
      });
      if (!moved) return 0;
      await tx.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'customer.pool.recycle',
        subject,
        before: { ownerUserId: ownerId },
        after: { ownerUserId: null, reason: verdict.reason, days: verdict.days },
        at: now,
      });
      if (!owner?.active) return 0;
      await tx.outbox.enqueue(
        [
          messageTo(owner, `pool-recycle:${customer.id}:${now.toISOString()}`, {
            kind: 'text',
            text: `客户「${customer.name}」${
              verdict.reason === 'no_deal' ? `领取已${verdict.days}天仍未成交` : `已${verdict.days}天没有跟进`
            }，已退回公海。${
              settings.claimCooldownDays > 0
                ? `${settings.claimCooldownDays}天内你不能再领取它；如需继续跟进，请主管「分配」给你。`
                : `如仍要跟进，请发送「领取 ${customer.name}」。`
            }`,
          }),
        ],
        new Date(),
      );
      return 1;
    });
  }
  return queued;
}

/** Protected customers are looked up in slices: an IN list stays well inside either database's limits. */
async function dealStandingsOf(
  stores: Pick<RecycleStores, 'opportunities'>,
  tenantId: string,
  customerIds: number[],
): Promise<Map<number, DealStanding>> {
  const SLICE = 500;
  const standings = new Map<number, DealStanding>();
  for (let i = 0; i < customerIds.length; i += SLICE) {
    const slice = await stores.opportunities.dealStandings(tenantId, customerIds.slice(i, i + SLICE));
    for (const [id, standing] of slice) standings.set(id, standing);
  }
  return standings;
}
