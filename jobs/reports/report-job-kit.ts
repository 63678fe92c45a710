import type { Logger } from 'pino';
import type { ReportRenderer } from '../../cards/render/report-page';
import type { AttendanceSettings } from '../../domain/attendance/settings';
import type { UserProfile } from '../../domain/org/user';
import type { PushKind, ReportSettings } from '../../domain/reports/settings';
import type { ReportFacts } from '../../domain/reports/facts';
import type { Database } from '../../storage/database';
import type { LinkFactory } from '../../handlers/context';
import { createRepositories, type Repositories } from '../../storage/repositories';

export interface ReportJobDeps {
  db: Database;
  renderer: ReportRenderer;
  logger: Logger;
  /** The deployment's zone, for tenants whose attendance settings name none. */
  defaultTimeZone: string;
  onRepliesQueued: () => void;
  /** Links to a manager's report pages, signed for them; without it the reports carry no link. */
  linksFor?: (manager: UserProfile) => LinkFactory;
}

/** What a report job knows about one tenant at the start of its run. */
export interface TenantContext {
  tenantId: string;
  repos: Repositories;
  facts: ReportFacts;
  settings: ReportSettings;
  timeZone: string;
  /** The tenant's attendance rules: its zone and its calendar of workdays. */
  attendance: AttendanceSettings;
  people: UserProfile[];
}

/**
 * Runs `work` for every tenant; one tenant's broken data does not keep the others from their reports. Wakes
 * the outbox when anything was queued and throws an AggregateError of the failures at the end.
 */
export async function forEachTenant(
  deps: ReportJobDeps,
  jobName: string,
  work: (tenant: TenantContext) => Promise<number>,
): Promise<void> {
  const repos = createRepositories(deps.db.manager, deps.defaultTimeZone);
  const failures: unknown[] = [];
  let queued = 0;
  for (const tenantId of await repos.users.findTenantsWithUsers()) {
    try {
      const [settings, attendance, people] = await Promise.all([
        repos.reportSettings.read(tenantId),
        repos.attendanceSettings.read(tenantId),
        repos.users.findActiveInTenant(tenantId),
      ]);
      queued += await work({
        tenantId,
        repos,
        facts: repos.reportFacts,
        settings,
        timeZone: attendance.timeZone,
        attendance,
        people,
      });
      if (queued > 0) deps.onRepliesQueued();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${jobName} failed for ${failures.length} tenant(s)`);
}

/** People who should get `kind` for `periodKey` and have not: not opted out, not already in the push log. */
export async function pendingRecipients(
  tenant: TenantContext,
  kind: PushKind,
  periodKey: string,
  candidates: UserProfile[],
): Promise<UserProfile[]> {
  const [optedOut, done] = await Promise.all([
    tenant.repos.pushPreferences.optedOut(tenant.tenantId, kind),
    tenant.repos.pushLog.recordedFor(tenant.tenantId, kind, periodKey),
  ]);
  return candidates.filter((p) => !optedOut.has(p.id) && !done.has(p.id));
}
