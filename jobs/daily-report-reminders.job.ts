import { buildSubmissionSummary } from '../cards/reports/daily-report.markdown';
import type { Reply } from '../domain/messages/reply';
import { dueToday } from '../domain/reports/settings';
import { expectedAuthors, teamSubmissions } from '../handlers/use-cases/daily-report-submissions';
import { readerReach } from '../handlers/reach';
import { isManager } from '../handlers/use-cases/reports';
import type { Job } from './job';
import { queuePush } from './reports/push-delivery';
import {
  forEachTenant,
  pendingRecipients,
  type ReportJobDeps,
  type TenantContext,
} from './reports/report-job-kit';

export const DAILY_REPORT_REMINDERS_JOB = 'daily-report-reminders';

const REMINDER: Reply = {
  kind: 'text',
  text: '今天的日报还没有提交。发送「日报」查看自动汇总的今日工作，补充「日报 计划 …」后发送「提交日报」。',
};

/**
 * 日报提醒 and 日报汇总 (docs/product.md "Daily reports"): at the tenant's reminder time (default 18:00) those
 * expected at work who have not submitted are reminded; at the summary time (default 19:00) each manager gets
 * who submitted and who did not. Both once per person and day (push log), caught up until midnight.
 */
export function dailyReportRemindersJob(): Job<ReportJobDeps> {
  return {
    name: DAILY_REPORT_REMINDERS_JOB,
    cron: '30 * * * * *',
    timezone: 'UTC',
    leaseMs: 5 * 60_000,
    async run(deps, now) {
      await forEachTenant(deps, DAILY_REPORT_REMINDERS_JOB, async (tenant) => {
        return (await remind(deps, tenant, now)) + (await summarize(deps, tenant, now));
      });
    },
  };
}

async function remind(deps: ReportJobDeps, tenant: TenantContext, now: Date): Promise<number> {
  const date = dueToday(now, tenant.timeZone, tenant.settings.times.report_reminder, tenant.tenantId);
  if (!date) return 0;
  const reps = tenant.people.filter((p) => p.role === 'rep');
  const expected = await expectedAuthors(tenant.facts, reps, date, now);
  const submitted = await tenant.stores.dailyReports.submittedOn(
    tenant.tenantId,
    expected.map((p) => p.id),
    date,
  );
  const due = expected.filter((p) => !submitted.has(p.id));
  let queued = 0;
  for (const person of await pendingRecipients(tenant, 'report_reminder', date, due)) {
    if (await queuePush(deps, { recipient: person, kind: 'report_reminder', periodKey: date }, [REMINDER]))
      queued += 1;
  }
  return queued;
}

async function summarize(deps: ReportJobDeps, tenant: TenantContext, now: Date): Promise<number> {
  const date = dueToday(now, tenant.timeZone, tenant.settings.times.report_summary, tenant.tenantId);
  if (!date) return 0;
  const managers = tenant.people.filter(isManager);
  let queued = 0;
  for (const manager of await pendingRecipients(tenant, 'report_summary', date, managers)) {
    const { team } = await readerReach({ org: tenant.stores.org, people: tenant.stores.users }, manager);
    const status = await teamSubmissions(
      { facts: tenant.facts, dailyReports: tenant.stores.dailyReports },
      team,
      date,
      now,
    );
    if (status.expected === 0 && status.submitted.length === 0) continue;
    const summary = buildSubmissionSummary(date, status);
    if (await queuePush(deps, { recipient: manager, kind: 'report_summary', periodKey: date }, [summary]))
      queued += 1;
  }
  return queued;
}
