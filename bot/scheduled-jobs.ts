import type { ReportRenderer } from '../cards/render/report-page';
import type { InboxRef } from '../domain/messages/inbox';
import type { ContactsSource } from '../domain/org/ports';
import type { LinkFactory } from '../handlers/context';
import { approvalEscalationJob } from '../jobs/approval-escalation.job';
import { attendanceRemindersJob } from '../jobs/attendance-reminders.job';
import { contactsSyncJob } from '../jobs/contacts-sync.job';
import { customerRecycleJob } from '../jobs/customer-recycle.job';
import { dailyDigestJob } from '../jobs/daily-digest.job';
import { dailyReportRemindersJob } from '../jobs/daily-report-reminders.job';
import { inboxSweepJob } from '../jobs/inbox-sweep.job';
import { leadRecycleJob } from '../jobs/lead-recycle.job';
import { periodicReportsJob } from '../jobs/periodic-reports.job';
import { retentionJob } from '../jobs/retention.job';
import { Scheduler } from '../jobs/scheduler';
import { visitAutoCloseJob } from '../jobs/visit-auto-close.job';
import { visitRouteJob } from '../jobs/visit-route.job';
import type { Database } from '../storage/database';
import type { AppConfig } from './config';
import type { LinkHolder } from './h5/link-factory';
import { contactsSyncOver, jobLeasesOver, jobStoresOver } from './job-stores';
import type { Logger } from './logger';

export interface ScheduledJobsDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
  clock: () => Date;
  /** Queues a stored event for handling (the inbox sweep's retries). */
  requeue: (ref: InboxRef) => void;
  /** Messages were queued: the outbox should look now. */
  onRepliesQueued: () => void;
  contactSources: () => Promise<readonly ContactsSource[]>;
  renderer: ReportRenderer;
  linksFor: (holder: LinkHolder) => LinkFactory;
}

/**
 * The scheduled jobs and what they are given: their stores and use cases, bound here (bot/job-stores.ts), and
 * the bot's own parts they call (the dispatcher, the outbox, the renderer, the address books).
 */
export class ScheduledJobs {
  private readonly scheduler: Scheduler<ReturnType<typeof jobDepsOf>>;
  private readonly contactsSync;
  private readonly jobs;
  private startupSync: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ScheduledJobsDeps) {
    const { config, db, logger, clock } = deps;
    this.scheduler = new Scheduler(jobLeasesOver(db), jobDepsOf(deps), logger, clock);
    this.contactsSync = contactsSyncJob(config.timeZone);
    this.jobs = [
      inboxSweepJob(config.timeZone),
      retentionJob(config.timeZone),
      attendanceRemindersJob(),
      this.contactsSync,
      approvalEscalationJob(),
      dailyDigestJob(),
      dailyReportRemindersJob(),
      periodicReportsJob(),
      visitAutoCloseJob(),
      visitRouteJob(),
      customerRecycleJob(config.timeZone),
      leadRecycleJob(config.timeZone),
    ];
  }

  /** Schedules every job; a fresh deployment also syncs its address books now rather than first at night. */
  async start(): Promise<void> {
    this.jobs.forEach((job) => this.scheduler.schedule(job));
    // Off the start path; failures are logged.
    if ((await this.deps.contactSources()).length > 0)
      this.startupSync = this.scheduler.runOnce(this.contactsSync);
  }

  /** Runs the job `name` once at the bot's clock, as its cron tick would; false when it did not run. */
  async runJob(name: string): Promise<boolean> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job)
      throw new Error(
        `no scheduled job named ${name}; scheduled: ${this.jobs.map((j) => j.name).join(', ')}`,
      );
    return this.scheduler.runOnce(job);
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.startupSync;
  }
}

function jobDepsOf(deps: ScheduledJobsDeps) {
  const { config, db } = deps;
  return {
    ...jobStoresOver(db, config.timeZone),
    contactsSync: contactsSyncOver(db),
    defaultTimeZone: config.timeZone,
    inboxRetentionDays: config.inboxRetentionDays,
    requeue: deps.requeue,
    onRepliesQueued: deps.onRepliesQueued,
    logger: deps.logger,
    contactSources: deps.contactSources,
    renderer: deps.renderer,
    linksFor: deps.linksFor,
  };
}
