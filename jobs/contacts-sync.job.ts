import type { Logger } from 'pino';
import type { ContactsSource } from '../domain/org/ports';
import type { ContactsSync } from '../handlers/use-cases/contacts-sync';
import type { Job } from './job';

export interface ContactsSyncDeps {
  /** The sync use case, each tenant's plan applied in one transaction. */
  contactsSync: ContactsSync;
  logger: Logger;
  /** Every tenant's address book, read when the job runs (tenants come and go while the bot runs). */
  contactSources: () => Promise<readonly ContactsSource[]>;
}

export const CONTACTS_SYNC_JOB = 'contacts-sync';

/**
 * Nightly address-book sync (departments, people, leaders, leavers) at 02:10 in the tenant's zone: after
 * the day's work, before the morning digests. The address book is read before the transaction opens, so a
 * slow platform never holds database locks; each tenant is applied in one transaction. One platform failing
 * does not keep the others from syncing.
 */
export function contactsSyncJob(timezone: string): Job<ContactsSyncDeps> {
  return {
    name: CONTACTS_SYNC_JOB,
    cron: '0 10 2 * * *',
    timezone,
    // Big address books take one call per department (and page): minutes, not seconds.
    leaseMs: 15 * 60_000,
    async run(deps, now) {
      const failures: unknown[] = [];
      for (const source of await deps.contactSources()) {
        const log = deps.logger.child({
          job: CONTACTS_SYNC_JOB,
          tenant: source.tenantId,
          platform: source.platform,
        });
        const started = Date.now();
        try {
          const snapshot = await source.fetchSnapshot();
          const summary = await deps.contactsSync.apply(
            { tenantId: source.tenantId, platform: source.platform, adminUserIds: source.adminUserIds },
            snapshot,
            now,
          );
          log.info(
            {
              departments: snapshot.departments.length,
              people: snapshot.people.length,
              ...summary,
              ms: Date.now() - started,
            },
            'contacts synced',
          );
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0)
        throw new AggregateError(failures, `contacts sync failed for ${failures.length} source(s)`);
    },
  };
}
