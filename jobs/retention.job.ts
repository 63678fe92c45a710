import type { Database } from '../storage/database';
import { createRepositories } from '../storage/repositories';
import { OutboxPacer } from '../storage/repositories/outbox-pacing';
import { ProtocolGuardRepository } from '../storage/repositories/protocol-guard.repository';
import type { Logger } from 'pino';
import type { Job } from './job';

export interface RetentionDeps {
  db: Database;
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
    async run({ db, logger, inboxRetentionDays }, now) {
      const cutoff = new Date(now.getTime() - inboxRetentionDays * DAY_MS);
      let inbox = 0;
      for (;;) {
        const purged = await db.transaction((m) => createRepositories(m).inbox.purgeSettled(cutoff, BATCH));
        inbox += purged;
        if (purged < BATCH) break;
      }
      const signatures = await new ProtocolGuardRepository(db.manager).purgeSignatures(now);
      await OutboxPacer.purge(db.manager, new Date(now.getTime() - DAY_MS));
      logger.info({ inbox, signatures, inboxRetentionDays }, 'retention: old rows deleted');
    },
  };
}
