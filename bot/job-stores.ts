import type { EntityManager } from 'typeorm';
import { ContactsSync } from '../handlers/use-cases/contacts-sync';
import type { JobLeases } from '../jobs/scheduler';
import type { JobStores, StoreAccess } from '../jobs/ports';
import type { Database } from '../storage/database';
import { createRepositories } from '../storage/repositories';
import { OutboxPacer } from '../storage/repositories/outbox-pacing';
import { ProtocolGuardRepository } from '../storage/repositories/protocol-guard.repository';

/**
 * The scheduled jobs' ports bound to storage: the one place a job's stores are built, as the dispatcher
 * builds a handler's `ctx.stores`. Jobs get them through their deps and construct no repository.
 */
export function jobStoresOver(db: Database, timeZone: string): StoreAccess<JobStores> {
  return {
    stores: () => jobStoresOf(db.manager, timeZone),
    withStores: (work) => db.transaction((manager) => work(jobStoresOf(manager, timeZone))),
  };
}

/** The scheduler's leases, each taken in a transaction of its own. */
export function jobLeasesOver(db: Database): JobLeases {
  return {
    tryAcquire: (name, holder, now, until) =>
      db.transaction((manager) => createRepositories(manager).jobLeases.tryAcquire(name, holder, now, until)),
  };
}

/** The contacts sync (nightly job and contact-change events): each tenant's plan in one transaction. */
export function contactsSyncOver(db: Database): ContactsSync {
  return new ContactsSync((work) => db.transaction((manager) => work(createRepositories(manager))));
}

function jobStoresOf(manager: EntityManager, timeZone: string): JobStores {
  const repos = createRepositories(manager, timeZone);
  return {
    ...repos,
    signatures: new ProtocolGuardRepository(manager),
    outboxPace: { purge: (before) => OutboxPacer.purge(manager, before) },
  };
}
