import { isoWeekdayOf } from '../domain/attendance/calendar';
import { lastMonthRanges, lastWeekRanges, type PeriodicKind } from '../domain/reports/periodic-report';
import { dueToday } from '../domain/reports/settings';
import { readerReach } from '../handlers/reach';
import { buildPeriodicReport, isManager } from '../handlers/use-cases/reports';
import type { Job } from './job';
import { pushReport } from './reports/push-delivery';
import {
  forEachTenant,
  pendingRecipients,
  type ReportJobDeps,
  type TenantContext,
} from './reports/report-job-kit';

export const PERIODIC_REPORTS_JOB = 'periodic-reports';

/**
 * 周报 on Mondays and 月报 on the 1st (docs/product.md "What managers receive"), at the tenant's times, for every
 * manager with a team: one image and one markdown each, recorded per manager and period like the digest.
 */
export function periodicReportsJob(): Job<ReportJobDeps> {
  return {
    name: PERIODIC_REPORTS_JOB,
    cron: '15 * * * * *',
    timezone: 'UTC',
    leaseMs: 15 * 60_000,
    async run(deps, now) {
      await forEachTenant(deps, PERIODIC_REPORTS_JOB, async (tenant) => {
        let queued = 0;
        const weekly = dueToday(now, tenant.timeZone, tenant.settings.times.weekly, tenant.tenantId);
        if (weekly && isoWeekdayOf(weekly) === 1)
          queued += await pushAll(deps, tenant, 'weekly', weekly, now);
        const monthly = dueToday(now, tenant.timeZone, tenant.settings.times.monthly, tenant.tenantId);
        if (monthly?.endsWith('-01')) queued += await pushAll(deps, tenant, 'monthly', monthly, now);
        return queued;
      });
    },
  };
}

async function pushAll(
  deps: ReportJobDeps,
  tenant: TenantContext,
  kind: PeriodicKind,
  today: string,
  now: Date,
): Promise<number> {
  const { range, previous } = kind === 'weekly' ? lastWeekRanges(today) : lastMonthRanges(today);
  const periodKey = kind === 'weekly' ? range.from : range.from.slice(0, 7);
  let queued = 0;
  const visitSettings = await tenant.stores.visitSettings.read(tenant.tenantId);
  for (const manager of await pendingRecipients(tenant, kind, periodKey, tenant.people.filter(isManager))) {
    const { team } = await readerReach({ org: tenant.stores.org, people: tenant.stores.users }, manager);
    if (team.length === 0) continue;
    const report = await buildPeriodicReport(
      tenant.facts,
      { kind, manager, team, range, previous, timeZone: tenant.timeZone, asOf: now, visitSettings },
      deps.linksFor?.(manager).periodicReportPage(kind, range.from),
    );
    if (await pushReport(deps, { recipient: manager, kind, periodKey }, report)) {
      queued += 1;
      deps.onRepliesQueued();
    }
  }
  return queued;
}
