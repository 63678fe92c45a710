import type { Logger } from 'pino';
import type { ReportRenderer } from '../../cards/render/report-page';
import type { AttendanceSettings } from '../../domain/attendance/settings';
import type { UserProfile } from '../../domain/org/user';
import type { PushKind, ReportSettings } from '../../domain/reports/settings';
import type { ReportFacts } from '../../domain/reports/facts';
import type { LinkFactory } from '../../handlers/context';
import type { JobStores, TenantJobDeps } from '../ports';

/** What the report pushes read and write. */
export type ReportJobStores = Pick<
  JobStores,
  | 'users'
  | 'reportSettings'
  | 'attendanceSettings'
  | 'reportFacts'
  | 'pushLog'
  | 'pushPreferences'
  | 'outbox'
  | 'dailyReports'
  | 'visitSettings'
  | 'org'
>;

export interface ReportJobDeps extends TenantJobDeps<ReportJobStores> {
  renderer: ReportRenderer;
  logger: Logger;
  /** Links to a manager's report pages, signed for them; without it the reports carry no link. */
  linksFor?: (manager: UserProfile) => LinkFactory;
}

/** What a report job knows about one tenant at the start of its run. */
export interface TenantContext {
  tenantId: string;
  stores: ReportJobStores;
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
  const stores = deps.stores();
  const failures: unknown[] = [];
  let queued = 0;
  for (const tenantId of await stores.users.findTenantsWithUsers()) {
    try {
      const [settings, attendance, people] = await Promise.all([
        stores.reportSettings.read(tenantId),
        stores.attendanceSettings.read(tenantId),
        stores.users.findActiveInTenant(tenantId),
      ]);
      queued += await work({
        tenantId,
        stores,
        facts: stores.reportFacts,
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
    tenant.stores.pushPreferences.optedOut(tenant.tenantId, kind),
    tenant.stores.pushLog.recordedFor(tenant.tenantId, kind, periodKey),
  ]);
  return candidates.filter((p) => !optedOut.has(p.id) && !done.has(p.id));
}
