import { dailyDigestJob } from '../daily-digest.job';
import { dailyReportRemindersJob } from '../daily-report-reminders.job';
import { periodicReportsJob } from '../periodic-reports.job';
import type { Job } from '../job';
import type { ReportJobDeps } from './report-job-kit';

/** Every scheduled report push, declared as data; bot/server.ts schedules them with the other jobs. */
export function reportJobs(): Array<Job<ReportJobDeps>> {
  return [dailyDigestJob(), dailyReportRemindersJob(), periodicReportsJob()];
}
