import type { Logger } from 'pino';
import type { Job } from './job';
import type { JobStores, StoreAccess } from './ports';

export interface RetentionDeps extends StoreAccess<Pick<JobStores, 'inbox' | 'signatures' | 'outboxPace'>> {
  logger: Logger;
  /** INBOX_RETENTION_DAYS: settled inbox events older than this go. */
  inboxRetentionDays: number;
}

/** Rows per delete: each batch is its own short transaction, so callbacks are never held up for long. */
const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Nightly: deletes settled inbox events past the retention (they only de-duplicate platform retries, which
 * stop within minutes), DingTalk signature pairs past their window and the outbox's pacing counters of past days.
 */
export function retentionJob(timezone: string): Job<RetentionDeps> {
  return {
    name: 'retention',
    cron: '0 40 3 * * *',
    timezone,
    leaseMs: 10 * 60_000,
    async run(deps, now) {
      const { logger, inboxRetentionDays } = deps;
      const cutoff = new Date(now.getTime() - inboxRetentionDays * DAY_MS);
      let inbox = 0;
      for (;;) {
        const purged = await deps.withStores((tx) => tx.inbox.purgeSettled(cutoff, BATCH));
        inbox += purged;
        if (purged < BATCH) break;
      }
      const stores = deps.stores();
      const signatures = await stores.signatures.purgeSignatures(now);
      await stores.outboxPace.purge(new Date(now.getTime() - DAY_MS));
      logger.info({ inbox, signatures, inboxRetentionDays }, 'retention: old rows deleted');
    },
  };
}
