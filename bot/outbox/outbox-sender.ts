import type { Logger } from 'pino';
import { PlatformApiError, type DeliveryAttempt } from './platform';
import { replySchema, type Reply } from '../../domain/messages/reply';
import type { Database } from '../../storage/database';
import {
  OUTCOME_UNKNOWN_MARK,
  type ClaimedOutboxMessage,
  type DeliverableRow,
  OutboxRepository,
} from '../../storage/repositories/outbox.repository';
import { sendLimitsFor, type PacingMode } from '../../domain/messages/send-limits';
import { backoffDelayMs } from './backoff';
import { isRetryable } from './retryable';
import { isLockConflict } from '../../storage/database-unavailable';
import { runsOf } from '../../storage/repositories/outbox-claim-runs';

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
  /** A message still failing after this many attempts is dead-lettered (a throttled one only once the platform's window has passed). */
  maxAttempts?: number;
  /** How long a claimed message stays ours before another sender may take it (a crashed sender). */
  leaseMs?: number;
  /** Messages being delivered at once: with WeCom answering in ~40 ms, 128 carry ~3,000 a second. */
  maxInFlight?: number;
  /** Which rows this instance can deliver (default all); the others are left to an instance that can. */
  canSend?: (row: DeliverableRow) => boolean;
  /** Which of the platforms' send limits to pace to (OUTBOX_PACING, default all). */
  pacing?: PacingMode;
}

export type { DeliverableRow };

/**
 * Passes start at least this far apart: a pass scans up to 500 rows and every queued reply or finished
 * delivery wakes the sender, so under load one pass takes what a few dozen wake-ups would have taken one
 * by one (at most 50 passes a second, ≤20 ms added to a reply).
 */
const MIN_PASS_GAP_MS = 20;
/** Lock conflicts with another instance's claim rerun the claim at once, this many times. */
const MAX_CLAIM_RERUNS = 3;
/** A recipient's due messages taken in one claim and delivered one after the other. */
const RUN_PER_RECIPIENT = 8;
/**
 * How long a throttled message keeps being retried. WeCom's tightest window is 1,000 messages an hour to one
 * member; a message refused for it is due again within the hour, so two hours cover it with room.
 */
export const THROTTLED_RETRY_WINDOW_MS = 2 * 60 * 60_000;

/**
 * Delivers queued replies. Each recipient's messages go out in order, one at a time; different recipients'
 * go out concurrently (up to `maxInFlight`), claimed as slots free up, not batch after batch. Failures back
 * off exponentially, retryable platform errors are retried, anything else is dead-lettered with its reason.
 * Several instances may run this: claiming is a locked re-read and a conditional update.
 */
export class OutboxSender {
  private running = false;
  private wakeUp?: () => void;
  private woken = false;
  private loop?: Promise<void>;
  private readonly now: () => Date;
  private readonly inFlight = new Set<Promise<unknown>>();
  private delivering = 0;
  private readonly recorder: SentRecorder;
  /** Messages claimed so far by any pass: how `settle` tells that the sender's own loop did something meanwhile. */
  claimedTotal = 0;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.now = deps.now ?? (() => new Date());
    this.recorder = new SentRecorder(deps.db, deps.logger, (deps.leaseMs ?? 60_000) / 2, () => this.running);
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
    await this.idle();
  }

  /** New messages were queued, or a delivery finished: look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** One pass: claim what is due and deliver it, waiting for the deliveries. Returns how many messages were attempted. */
  sendDue(): Promise<number> {
    const pass = this.claim(this.deps.maxInFlight ?? 128).then(async ({ runs, sendBefore }) => {
      await Promise.all(runs.map((run) => this.deliverRun(run, sendBefore)));
      return runs.reduce((sum, run) => sum + run.length, 0);
    });
    this.track(pass);
    return pass;
  }

  /** Resolves once no pass or delivery is under way, claims included (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.catch(() => undefined).finally(() => this.inFlight.delete(work));
  }

  /**
   * Claims up to `slots` messages, grouped into runs per recipient in their order, with the time by which
   * each must have left: half the lease after the claim (read before it, so never later than the lease's
   * own start), after which another pass may take the rows as abandoned.
   */
  private async claim(slots: number): Promise<{ runs: ClaimedOutboxMessage[][]; sendBefore: number }> {
    const sendBefore = Date.now() + (this.deps.leaseMs ?? 60_000) / 2;
    const now = this.now();
    const claimOnce = () =>
      this.deps.db.transaction((manager) =>
        new OutboxRepository(manager).claimDue(now, new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)), {
          maxClaims: slots,
          perRecipient: RUN_PER_RECIPIENT,
          canSend: this.deps.canSend,
          limitsOf: (platform) => sendLimitsFor(platform, this.deps.pacing ?? 'all'),
        }),
      );
    // Two instances' claims can deadlock on MySQL (both raising the company's pace counters): the one rolled
    // back claimed nothing, so it simply claims again.
    let claimed: ClaimedOutboxMessage[] | undefined;
    for (let conflicts = 0; !claimed; conflicts++) {
      try {
        claimed = await claimOnce();
      } catch (error) {
        if (!isLockConflict(error) || conflicts >= MAX_CLAIM_RERUNS) throw error;
      }
    }
    this.claimedTotal += claimed.length;
    return { runs: runsOf(claimed), sendBefore };
  }

  private async run(): Promise<void> {
    const maxInFlight = this.deps.maxInFlight ?? 128;
    while (this.running) {
      const startedAt = Date.now();
      this.woken = false;
      let claimed = 0;
      const free = maxInFlight - this.delivering;
      if (free > 0) {
        try {
          claimed = await this.startPass(free);
        } catch (error) {
          this.deps.logger.error({ err: error }, 'outbox pass failed; retrying after the poll interval');
        }
      }
      if (!this.running) break;
      if (claimed === 0 && !this.woken) await this.sleep(this.deps.pollIntervalMs ?? 1000);
      const gap = MIN_PASS_GAP_MS - (Date.now() - startedAt);
      await new Promise((resolve) => (gap > 0 ? setTimeout(resolve, gap) : setImmediate(resolve)));
    }
  }

  /** Claims and starts delivering, without waiting for the deliveries; tracked from the claim on, so `idle` covers it. */
  private startPass(slots: number): Promise<number> {
    const pass = this.claim(slots).then(({ runs, sendBefore }) => {
      for (const run of runs) {
        this.delivering += run.length;
        const work = this.deliverRun(run, sendBefore).finally(() => {
          this.delivering -= run.length;
          this.wake();
        });
        this.track(work);
      }
      return runs.reduce((sum, run) => sum + run.length, 0);
    });
    this.track(pass);
    return pass;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** One recipient's messages, one after the other; a message that must wait sends the rest back in line behind it. */
  private async deliverRun(run: ClaimedOutboxMessage[], sendBefore: number): Promise<void> {
    for (let i = 0; i < run.length; i++) {
      const message = run[i] as ClaimedOutboxMessage;
      // Past half the lease, counted from the claim, the rest go back unsent (the first one too): another pass
      // could otherwise take them as abandoned and send them twice, the second time without a duplicate check.
      const late = Date.now() > sendBefore;
      const outcome = late
        ? 'late'
        : await this.deliver(message).catch((error: unknown) => {
            this.deps.logger.error(
              { err: error, outboxId: message.id },
              'outbox delivery failed unexpectedly',
            );
            return 'retry' as const;
          });
      if (outcome === 'retry' || outcome === 'late') {
        const rest = run.slice(late ? i : i + 1).map((m) => m.id);
        await this.deps.db
          .writeOne((manager) => new OutboxRepository(manager).release(rest, message.claimedAt, this.now()))
          .catch((error: unknown) =>
            this.deps.logger.warn({ err: error }, 'could not release claimed messages; their lease will'),
          );
        return;
      }
    }
  }

  private async deliver(message: ClaimedOutboxMessage): Promise<'sent' | 'dead' | 'retry'> {
    const log = this.deps.logger.child({
      tenant: message.tenantId,
      recipient: message.recipient,
      outboxId: message.id,
    });
    const settle = (work: (outbox: OutboxRepository) => Promise<void>) =>
      this.deps.db.writeOne((manager) => work(new OutboxRepository(manager)));
    const sender = await this.deps.senders.get(message.platform, message.tenantId);
    const reply = replySchema.safeParse(JSON.parse(message.payload));
    if (!sender || !reply.success) {
      const reason = !sender
        ? `no sender for platform ${message.platform} of tenant ${message.tenantId} (unknown or disabled)`
        : 'payload does not parse as a reply';
      log.error({ reason }, 'outbox message dead-lettered');
      await settle((outbox) => outbox.markDead(message, reason));
      return 'dead';
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
      if (!retryable || this.givesUp(message, attempt, error)) {
        log.error({ err: error, attempt }, 'outbox message dead-lettered');
        await settle((outbox) => outbox.markDead(message, reason));
        return 'dead';
      }
      const next = new Date(this.now().getTime() + backoffDelayMs(attempt));
      log.warn({ err: error, attempt, next }, 'send failed; will retry');
      await settle((outbox) => outbox.scheduleRetry(message, reason, next));
      return 'retry';
    }
    await this.recorder.record(message.id, result.platformMsgId, log);
    log.debug({ kind: reply.data.kind }, 'reply delivered');
    return 'sent';
  }

  /** Out of attempts, unless the platform is throttling us and its window has not passed since the message was queued. */
  private givesUp(message: ClaimedOutboxMessage, attempt: number, error: unknown): boolean {
    if (attempt < (this.deps.maxAttempts ?? 10)) return false;
    if (!isThrottled(error)) return true;
    return this.now().getTime() - message.queuedAt.getTime() >= THROTTLED_RETRY_WINDOW_MS;
  }
}

/**
 * Records deliveries, those finished in the same turn in one statement. The platform has the message: the
 * record is retried while the database is away (an outage) rather than treated as a failed send, which would
 * send it again. Gives up after half the claim's lease; the row then comes back as possibly delivered and
 * the platform's duplicate check stops a second copy.
 */
class SentRecorder {
  private batch: Array<{ id: number; platformMsgId?: string; log: Logger; done: () => void }> = [];

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly giveUpAfterMs: number,
    private readonly keepTrying: () => boolean,
  ) {}

  record(id: number, platformMsgId: string | undefined, log: Logger): Promise<void> {
    return new Promise((done) => {
      this.batch.push({ id, platformMsgId, log, done });
      if (this.batch.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    const giveUpAt = Date.now() + this.giveUpAfterMs;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        await this.db.writeOne((manager) => new OutboxRepository(manager).markSentMany(batch, new Date()));
        break;
      } catch (error) {
        if (Date.now() + wait > giveUpAt || !this.keepTrying()) {
          for (const { log } of batch)
            log.error({ err: error }, 'delivered, but could not record it; the row will be retried');
          break;
        }
        this.logger.warn(
          { err: error, messages: batch.length },
          'delivered, but could not record it yet; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    batch.forEach(({ done }) => done());
  }
}

/** The platform refused for its rate limits: retried for as long as its window lasts, not given up early. */
function isThrottled(error: unknown): boolean {
  return error instanceof PlatformApiError && THROTTLE_CODES.has(error.code);
}

/** WeCom 45009 (API frequency), 45033 (concurrency); DingTalk's flow control; HTTP 429 on either. */
const THROTTLE_CODES: ReadonlySet<string> = new Set(['45009', '45033', 'flow_controlled', 'http_429']);

/** No answer came back (timeout, connection lost): the platform may or may not have delivered it. */
function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof PlatformApiError && (error.code === 'timeout' || error.code === 'network');
}
