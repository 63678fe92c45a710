import { SYSTEM_SENDER, type InboundEvent } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import type { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import type { InboxRef } from '../../domain/messages/inbox';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

export const RATE_LIMIT_REPLY: Reply = {
  kind: 'text',
  text: '你发送得太快了，我先暂停处理你接下来的消息。请稍等一分钟再发送；已经处理的消息不受影响。',
};

/** ok: handle it; tell: over the limit, say so (once a minute); refused: over the limit, quietly. */
export type RateVerdict = 'ok' | 'tell' | 'refused';

interface Bucket {
  tokens: number;
  at: number;
  /** When the user was last told they are over the limit: once a minute at most. */
  toldAt: number;
}

const TELL_EVERY_MS = 60_000;

/**
 * Per-user token buckets (in this instance's memory): each person may send `burst` events at once and
 * `perMinute` a minute after that. One user's flood then costs a few database writes, not the handling
 * slots everyone else's messages wait for.
 */
export class UserRateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    /** USER_RATE_BURST / USER_RATE_PER_MINUTE (default 40 and 60): a person typing, tapping and sharing fast stays far below it. */
    private readonly limit: { burst: number; perMinute: number },
    private readonly clock: () => number = Date.now,
  ) {}

  take(tenantId: string, userId: string): RateVerdict {
    const now = this.clock();
    const key = `${tenantId}\u0000${userId}`;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now, toldAt: -Infinity };
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 60_000) * this.limit.perMinute,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetIdle(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 'ok';
    }
    if (now - bucket.toldAt < TELL_EVERY_MS) return 'refused';
    bucket.toldAt = now;
    return 'tell';
  }

  /** Buckets that have refilled hold nothing worth keeping. */
  private forgetIdle(now: number): void {
    const full = (this.limit.burst / this.limit.perMinute) * 60_000;
    for (const [key, bucket] of this.buckets)
      if (now - bucket.at >= Math.max(full, TELL_EVERY_MS)) this.buckets.delete(key);
  }
}

export interface DeclineDeps {
  db: Database;
  logger: Logger;
  metrics: Metrics;
  onRepliesQueued: () => void;
}

/** Whether the event is held to a person's rate: platform events (address book) are not. */
export function isRateLimited(event: InboundEvent): boolean {
  return event.userId !== SYSTEM_SENDER && event.kind !== 'contact_change';
}

/**
 * Settles a stored event over the limit without handling it; the first of a run also queues the polite
 * reply. Runs after the ack; should it fail, the event stays pending and the inbox sweep handles it later.
 */
export function declineOverLimit(deps: DeclineDeps, ref: InboxRef, event: InboundEvent, tell: boolean): void {
  deps.metrics.increment('events_rate_limited_total', { platform: event.platform });
  setImmediate(() => {
    void deps.db
      .transaction(async (manager) => {
        const repos = createRepositories(manager);
        if (!(await repos.inbox.markDone(ref.id, new Date()))) return;
        if (!tell) return;
        const message = {
          tenantId: event.tenantId,
          platform: event.platform,
          recipient: event.userId,
          idempotencyKey: `inbox:${ref.id}:rate`,
          payload: JSON.stringify(RATE_LIMIT_REPLY),
        };
        await repos.outbox.enqueue([message], new Date());
      })
      .then(() => tell && deps.onRepliesQueued())
      .catch((error: unknown) =>
        deps.logger.warn(
          { err: error, inboxId: ref.id },
          'could not settle a rate-limited event; the sweep will',
        ),
      );
  });
}
