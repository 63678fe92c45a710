import type { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import type { InboxRef } from '../../domain/messages/inbox';
import type { Logger } from '../logger';

/** How often a worker looks for events the web instances stored; a reply then waits at most this long more. */
const POLL_MS = 50;
const BATCH = 500;
/**
 * How long an id skipped over is looked for again. MySQL hands out ids when an insert starts, and concurrent
 * inserts commit in any order: a later id can be visible before an earlier one. An id still missing after
 * this is an insert that failed (a duplicate callback) or one so slow that the inbox sweep will find it.
 */
const HOLE_WAIT_MS = 15_000;
/** At most this many skipped ids are watched (the newest kept): the inbox sweep is the backstop. */
const MAX_HOLES = 2_000;

/**
 * A worker's intake (FIELDBOT_ROLE=worker): web instances store callbacks without handling them, so the
 * worker reads the inbox for pending events newer than the last it queued and queues them in id order, and
 * watches the ids it skipped over for a while, queueing those that show up late.
 * Several workers may each queue the same event: the handling's turn lock and `done` mark let one handle it.
 */
export class InboxPoller {
  private lastId?: number;
  /** Skipped ids → when first skipped. */
  private readonly holes = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(private readonly deps: { db: Database; enqueue: (ref: InboxRef) => void; logger: Logger }) {}

  start(): void {
    const tick = () => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (this.timer) this.timer = setTimeout(tick, POLL_MS);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  private async poll(): Promise<void> {
    try {
      if (this.lastId === undefined) {
        // The first pass takes every pending event and watches no skipped id: older ids are the sweep's.
        const newest = await createRepositories(this.deps.db.manager).inbox.newestId();
        this.lastId = Math.max(newest, await this.queueAfter(0, false));
      } else {
        await this.queueLate();
        this.lastId = await this.queueAfter(this.lastId, true);
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'inbox poll failed; trying again');
    }
  }

  /** Queues the pending events after `afterId` in id order; returns the last id queued. */
  private async queueAfter(afterId: number, watchSkipped: boolean): Promise<number> {
    const inbox = createRepositories(this.deps.db.manager).inbox;
    let last = afterId;
    for (;;) {
      const refs = await inbox.findPendingAfter(last, BATCH);
      for (const ref of refs) {
        if (watchSkipped) this.watch(last + 1, ref.id);
        last = ref.id;
        this.deps.enqueue(ref);
      }
      if (refs.length < BATCH) return last;
    }
  }

  /** Ids from `from` up to `to` (excluded) were not pending when `to` was: they may still be committing. */
  private watch(from: number, to: number): void {
    const now = Date.now();
    for (let id = Math.max(from, to - MAX_HOLES); id < to; id++) this.holes.set(id, now);
    for (const id of this.holes.keys()) {
      if (this.holes.size <= MAX_HOLES) break;
      this.holes.delete(id);
    }
  }

  /** Queues the skipped ids that are stored now and pending; forgets the settled ones and those past the wait. */
  private async queueLate(): Promise<void> {
    const now = Date.now();
    for (const [id, since] of this.holes) if (now - since > HOLE_WAIT_MS) this.holes.delete(id);
    if (this.holes.size === 0) return;
    const found = await createRepositories(this.deps.db.manager).inbox.findByIds([...this.holes.keys()]);
    for (const { pending, ...ref } of found) {
      this.holes.delete(ref.id);
      if (pending) this.deps.enqueue(ref);
    }
  }
}
