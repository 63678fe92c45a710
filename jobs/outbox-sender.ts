import type { Logger } from 'pino';
import { PlatformApiError, type DeliveryAttempt } from './platform';
import { replySchema, type Reply } from '../domain/messages/reply';
import type { Database } from '../storage/database';
import { createRepositories } from '../storage/repositories';
import {
  OUTCOME_UNKNOWN_MARK,
  type ClaimedOutboxMessage,
  type OutboxRepository,
} from '../storage/repositories/outbox.repository';
import { backoffDelayMs } from './backoff';
import { isRetryable } from './retryable';

/** A platform's delivery, as the outbox needs it (bot/<platform>/client.ts implement it). */
export interface ReplySender {
  send(recipient: string, reply: Reply, attempt?: DeliveryAttempt): Promise<{ platformMsgId?: string }>;
}

/** The sender for a message's platform and tenant (each tenant has its own client and token); a Map by platform will do. */
export interface ReplySenders {
  get(platform: string, tenantId: string): ReplySender | undefined | Promise<ReplySender | undefined>;
}

export interface OutboxSenderDeps {
  db: Database;
  senders: ReplySenders;
  logger: Logger;
  now?: () => Date;
  /** How often to look for due messages when nobody wakes the sender. */
  pollIntervalMs?: number;
  /** A message still failing after this many attempts is dead-lettered. */
  maxAttempts?: number;
  /** How long a claimed message stays ours before another sender may take it (a crashed sender). */
  leaseMs?: number;
  /** Resolves when a pass may run; the webhook's ingest gate, so sends do not starve acks under a burst. */
  yieldTo?: { pass(): Promise<void> };
}

/**
 * Delivers queued replies. Each recipient's messages go out in order, one at a time; failures back off
 * exponentially, retryable platform errors are retried, anything else is dead-lettered with its reason.
 * Several instances may run this: claiming a row is an atomic conditional update.
 */
export class OutboxSender {
  private running = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;
  private readonly now: () => Date;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: OutboxSenderDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** New messages were queued: look now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** One pass: claim what is due and deliver it. Returns how many messages were attempted. */
  sendDue(): Promise<number> {
    const pass = this.claimAndDeliver();
    this.track(pass);
    return pass;
  }

  private async claimAndDeliver(): Promise<number> {
    await this.deps.yieldTo?.pass();
    const now = this.now();
    const claimed = await this.deps.db.transaction((manager) =>
      createRepositories(manager).outbox.claimDue(
        now,
        new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)),
      ),
    );
    await Promise.all(claimed.map((message) => this.deliver(message)));
    return claimed.length;
  }

  /** Resolves once no pass is under way, claims included (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(pass: Promise<unknown>): void {
    this.inFlight.add(pass);
    void pass.catch(() => undefined).finally(() => this.inFlight.delete(pass));
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.sendDue();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'outbox pass failed; retrying after the poll interval');
      }
      if (attempted === 0 && this.running) await this.sleep(this.deps.pollIntervalMs ?? 1000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async deliver(message: ClaimedOutboxMessage): Promise<void> {
    const log = this.deps.logger.child({
      tenant: message.tenantId,
      recipient: message.recipient,
      outboxId: message.id,
    });
    const settle = (work: (outbox: OutboxRepository) => Promise<void>) =>
      this.deps.db.transaction((manager) => work(createRepositories(manager).outbox));
    const sender = await this.deps.senders.get(message.platform, message.tenantId);
    const reply = replySchema.safeParse(JSON.parse(message.payload));
    if (!sender || !reply.success) {
      const reason = !sender
        ? `no sender for platform ${message.platform} of tenant ${message.tenantId} (unknown or disabled)`
        : 'payload does not parse as a reply';
      log.error({ reason }, 'outbox message dead-lettered');
      await settle((outbox) => outbox.markDead(message.id, reason));
      return;
    }
    let result: { platformMsgId?: string };
    try {
      result = await sender.send(message.recipient, reply.data, {
        possiblyDelivered: message.possiblyDelivered,
        queuedAt: message.queuedAt,
        replyHandle: message.replyHandle,
      });
    } catch (error) {
      const attempt = message.attempts + 1;
      const retryable = isRetryable(error);
      const detail = error instanceof Error ? error.message : String(error);
      // Once an attempt may have landed, every later one must say so too, whatever it failed with.
      const mayHaveLanded = message.possiblyDelivered || isOutcomeUnknown(error);
      const reason = mayHaveLanded ? `${OUTCOME_UNKNOWN_MARK}${detail}` : detail;
      if (!retryable || attempt >= (this.deps.maxAttempts ?? 10)) {
        log.error({ err: error, attempt }, 'outbox message dead-lettered');
        await settle((outbox) => outbox.markDead(message.id, reason));
        return;
      }
      const next = new Date(this.now().getTime() + backoffDelayMs(attempt));
      log.warn({ err: error, attempt, next }, 'send failed; will retry');
      await settle((outbox) => outbox.scheduleRetry(message.id, reason, next));
      return;
    }
    await this.recordSent(message, result.platformMsgId, log);
    log.debug({ kind: reply.data.kind }, 'reply delivered');
  }

  /**
   * The platform has the message: record that, retrying while the database is away (an outage), rather than
   * treating it as a failed send, which would send it again. Gives up after half the claim's lease; the
   * row then comes back as possibly delivered and the platform's duplicate check stops a second copy.
   */
  private async recordSent(message: ClaimedOutboxMessage, platformMsgId: string | undefined, log: Logger) {
    const giveUpAt = Date.now() + (this.deps.leaseMs ?? 60_000) / 2;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        await this.deps.db.transaction((manager) =>
          createRepositories(manager).outbox.markSent(message.id, platformMsgId, this.now()),
        );
        return;
      } catch (error) {
        if (Date.now() + wait > giveUpAt || !this.running) {
          log.error({ err: error }, 'delivered, but could not record it; the row will be retried');
          return;
        }
        log.warn({ err: error }, 'delivered, but could not record it yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

/** No answer came back (timeout, connection lost): the platform may or may not have delivered it. */
function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof PlatformApiError && (error.code === 'timeout' || error.code === 'network');
}
