import type { TenantJobDeps } from './ports';

/**
 * Runs `perTenant` for every tenant with users, one after another; `perTenant` returns how many messages it
 * queued. One tenant's broken data must not keep the tenants after it waiting: failures are gathered and
 * thrown together at the end (the scheduler logs them), after the outbox has been told what the others queued.
 */
export async function forEachTenant(
  deps: TenantJobDeps<object>,
  what: string,
  perTenant: (tenantId: string) => Promise<number>,
): Promise<void> {
  const failures: unknown[] = [];
  let queued = 0;
  for (const tenantId of await deps.stores().users.findTenantsWithUsers()) {
    try {
      queued += await perTenant(tenantId);
    } catch (error) {
      failures.push(error);
    }
  }
  if (queued > 0) deps.onRepliesQueued();
  if (failures.length > 0)
    throw new AggregateError(failures, `${what} failed for ${failures.length} tenant(s)`);
}
