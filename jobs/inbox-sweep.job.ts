import type { InboxRef } from '../domain/messages/inbox';
import type { Job } from './job';
import type { JobStores, StoreAccess } from './ports';

export interface InboxSweepDeps extends StoreAccess<Pick<JobStores, 'inbox'>> {
  /** Queues a stored event for handling (the same path a fresh callback takes). */
  requeue: (ref: InboxRef) => void;
}

/** An event still pending this long after it arrived was interrupted (crash) or failed; try it again. */
export const STALE_AFTER_MS = 60_000;

/**
 * Picks up inbox events that were stored and acknowledged but not handled: after a crash or restart, or
 * after a failed attempt. Handling is idempotent, so an event that another worker finishes meanwhile is
 * skipped.
 */
export function inboxSweepJob(timezone: string): Job<InboxSweepDeps> {
  return {
    name: 'inbox-sweep',
    cron: '*/30 * * * * *',
    timezone,
    leaseMs: 25_000,
    async run(deps, now) {
      const refs = await deps.stores().inbox.findStalePending(new Date(now.getTime() - STALE_AFTER_MS), 500);
      refs.forEach(deps.requeue);
    },
  };
}
