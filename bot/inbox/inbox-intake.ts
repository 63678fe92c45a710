import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { InboxWriter } from '../../storage/repositories/inbox-writer';
import type { AcceptResult, Intake } from '../intake';
import type { Metrics } from '../metrics';
import type { InboxDispatcher } from './inbox-dispatcher';
import { declineOverLimit, isRateLimited, type DeclineDeps, type UserRateLimit } from './user-rate-limit';

/** The Intake the webhooks use: store in the inbox (unique per tenant + msgId), then queue for handling. */
export class InboxIntake implements Intake {
  constructor(
    private readonly writer: InboxWriter,
    /** Queues a stored event for handling; a web-only instance leaves that to the workers. */
    private readonly dispatcher: Pick<InboxDispatcher, 'enqueue'>,
    private readonly metrics: Metrics,
    /** Per-user rate: events over it are stored and settled with one polite reply, not handled. */
    private readonly rate?: { limit: UserRateLimit; decline: DeclineDeps },
  ) {}

  async accept(events: InboundEvent[]): Promise<AcceptResult> {
    const outcomes = await this.writer.insert(
      events.map((e) => ({
        tenantId: e.tenantId,
        dedupKey: e.msgId,
        platform: e.platform,
        userId: e.userId,
        kind: e.kind,
        payload: JSON.stringify(e),
        receivedAt: e.receivedAt,
      })),
    );
    let duplicates = 0;
    outcomes.forEach((id, i) => {
      const event = events[i];
      if (id === null || !event) {
        duplicates++;
        return;
      }
      const ref = { id, tenantId: event.tenantId, userId: event.userId };
      const verdict =
        this.rate && isRateLimited(event) ? this.rate.limit.take(event.tenantId, event.userId) : 'ok';
      if (verdict === 'ok' || !this.rate) this.dispatcher.enqueue(ref, event);
      else declineOverLimit(this.rate.decline, ref, event, verdict === 'tell');
    });
    this.metrics.increment('callback_accepted_total', {}, events.length - duplicates);
    if (duplicates) this.metrics.increment('callback_duplicate_total', {}, duplicates);
    return { accepted: events.length - duplicates, duplicates };
  }
}
