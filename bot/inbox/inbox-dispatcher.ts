import type { PhotoArchive } from '../../domain/attendance/ports';
import {
  inboundEventSchema,
  type InboundEvent,
  type InboundEventOf,
  type Platform,
} from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import type { Role } from '../../domain/org/user';
import type { Attachment, HandlerContext, LinkFactory } from '../../handlers/context';
import { handleEvent } from '../../handlers';
import { capabilitiesOf } from '../platform-capabilities';
import type { Database } from '../../storage/database';
import { isDatabaseUnavailable, isLockConflict } from '../../storage/database-unavailable';
import { readPhotoExif } from '../../storage/media/photo-exif';
import { ImageRejectedError, preparePhoto } from '../../cards/watermark';
import type { ReportRenderer } from '../../cards/render/report-page';
import { createRepositories, type Repositories } from '../../storage/repositories';
import type { InboxRef } from '../../storage/repositories/inbox.repository';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { isRetryable } from '../outbox/retryable';
import { DeferredImages, IMAGE_HOLD_MS, type HeldImage } from './deferred-images';
import { KeyedQueue } from './keyed-queue';
import { APPROVAL_SUBSCRIBERS, handlerStoresOver } from './handler-stores';
import type { AckBacklog } from './ack-backlog';

export interface DispatcherDeps {
  db: Database;
  logger: Logger;
  timeZone: string;
  /** The company's admin seats: a first contact with one of these ids is created as an admin. */
  adminSeats: (tenantId: string, platform: Platform) => Promise<readonly string[]>;
  linksFor: (user: {
    tenantId: string;
    platform: InboundEvent['platform'];
    platformUserId: string;
  }) => LinkFactory;
  /** Called after replies were queued, so the outbox sender does not wait for its next poll. */
  onRepliesQueued: () => void;
  photos: PhotoArchive;
  /** Downloads an image event's bytes from its platform. */
  fetchImage: (event: InboundEventOf<'image'>) => Promise<{ bytes: Uint8Array; contentType: string }>;
  /** Counts handled events (`events_handled_total` on /metrics). */
  metrics: Metrics;
  /** Applies an address-book change event (no user, no reply); idempotent, so a retry is harmless. */
  applyContactChange?: (event: InboundEventOf<'contact_change'>, now: Date) => Promise<void>;
  /** Business time handlers see (tests travel with it); inbox and outbox bookkeeping always use the system clock. */
  now?: () => Date;
  concurrency?: number;
  /** Draws report images for on-demand reports (今日简报). */
  reportRenderer?: ReportRenderer;
  /** This instance's unanswered requests: handling waits while they are late (see AckBacklog). */
  ackBacklog?: AckBacklog;
}

/** Acks older than this make handling step aside: well inside WeCom's 5 s, above what a busy but keeping-up instance shows. */
const ACK_BUDGET_MS = 1000;
/** The longest one event waits for the acks, so handling always moves under any load. */
const MAX_YIELD_MS = 1000;

/** An event whose handling failed this many times is given up, and the user told so. */
export const MAX_HANDLING_ATTEMPTS = 3;
/** Lock conflicts (two instances taking turns on one user) rerun at once, this many times, uncounted. */
const MAX_CONFLICT_RERUNS = 3;

class AlreadyHandled extends Error {}

/** The user has an earlier event waiting unhandled (taken by no instance): it goes first. */
class EarlierFirst extends Error {
  constructor(readonly inboxId: number) {
    super(`inbox event ${inboxId} goes first`);
  }
}

/**
 * Handles stored inbox events after the webhook has answered. Each event is handled in one transaction
 * together with its replies' outbox rows and its own `done` mark, so a crash or a retry can neither lose
 * a reply nor queue it twice.
 */
export class InboxDispatcher {
  private readonly queue: KeyedQueue;
  private readonly now: () => Date;
  private readonly images?: DeferredImages;

  constructor(private readonly deps: DispatcherDeps) {
    this.queue = new KeyedQueue(deps.concurrency ?? 8);
    this.now = deps.now ?? (() => new Date());
    if (deps.reportRenderer) this.images = new DeferredImages({ ...deps, renderer: deps.reportRenderer });
  }

  /**
   * Queues the event behind the user's earlier ones; starts only after the current turn, i.e. after the
   * ack. A fresh event from the webhook comes with its parsed form, so it is not read back from the inbox.
   */
  enqueue(ref: InboxRef, fresh?: InboundEvent): void {
    const task = async () => {
      // A turn of the event loop before each handling: on SQLite a handling's queries resolve at once, so
      // without it a backlog would be handled in microtasks and no ack could be read until it was empty.
      await new Promise((resolve) => setImmediate(resolve));
      await this.yieldToLateAcks();
      await this.handle(ref.id, fresh ? { event: fresh, attempts: 0 } : undefined);
    };
    setImmediate(() => void this.queue.push(`${ref.tenantId}\u0000${ref.userId}`, task));
  }

  private async yieldToLateAcks(): Promise<void> {
    const backlog = this.deps.ackBacklog;
    if (!backlog) return;
    const giveUpAt = performance.now() + MAX_YIELD_MS;
    while (backlog.oldestWaitMs() > ACK_BUDGET_MS && performance.now() < giveUpAt)
      await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /** Waits until everything queued so far is handled (tests, shutdown). */
  async drain(): Promise<void> {
    await this.queue.drain();
    await this.images?.drain();
  }

  private async handle(
    inboxId: number,
    fresh?: { event: InboundEvent; attempts: number },
    conflicts = 0,
  ): Promise<void> {
    const loaded = fresh ?? (await this.loadPending(inboxId));
    if (!loaded) return; // handled by another worker or instance meanwhile
    const { event, attempts } = loaded;
    const log = this.deps.logger.child({
      tenant: event.tenantId,
      user: event.userId,
      msgId: event.msgId,
      kind: event.kind,
    });
    if (event.kind === 'contact_change') return this.handleContactChange(inboxId, event, attempts, log);
    try {
      // Network first, outside the transaction: a slow download must not hold the database.
      const attachment = event.kind === 'image' ? await this.fetchAttachment(event) : undefined;
      const adminSeats = await this.deps.adminSeats(event.tenantId, event.platform);
      const images: HeldImage[] = [];
      await this.deps.db.transaction(async (manager) => {
        const repos = createRepositories(manager, this.deps.timeZone);
        // One process on SQLite: the keyed queue keeps each user's order. On MySQL instances take turns.
        if (!this.deps.db.isSqlite) {
          const turn = await repos.inbox.lockTurn(event.tenantId, event.userId, inboxId);
          if (turn === null) throw new AlreadyHandled();
          if (turn !== inboxId) throw new EarlierFirst(turn);
        }
        const now = this.now();
        const notices: Array<{ userId: number; reply: Reply }> = [];
        const ctx = {
          ...(await this.buildContext(event, repos, log, now, adminSeats)),
          attachment,
          notify: (userId: number, reply: Reply) => void notices.push({ userId, reply }),
          renderAfterCommit: this.images && this.heldImageRequest(images),
        };
        const replies = await handleEvent(event, ctx);
        await this.queueReplies(
          repos,
          event,
          replies.map((reply, i) => ({ key: `inbox:${inboxId}:${i}`, reply })),
          images,
        );
        await this.queueNotices(
          repos,
          event.tenantId,
          notices.map((n, i) => ({ ...n, key: `inbox:${inboxId}:n${i}` })),
        );
        if (!(await repos.inbox.markDone(inboxId, new Date()))) throw new AlreadyHandled();
      });
      this.deps.metrics.increment('events_handled_total');
      this.images?.drawAfterCommit(event.tenantId, images, log);
      this.deps.onRepliesQueued();
    } catch (error) {
      if (error instanceof AlreadyHandled) return;
      if (error instanceof EarlierFirst) {
        await this.handle(error.inboxId);
        return this.handle(inboxId, fresh);
      }
      if (isLockConflict(error) && conflicts < MAX_CONFLICT_RERUNS) {
        log.warn({ err: error }, 'lock conflict; handling the event again');
        return this.handle(inboxId, fresh, conflicts + 1);
      }
      if (isDatabaseUnavailable(error)) {
        // Not the event's fault: it stays pending, uncounted, and the inbox sweep hands it back later.
        log.warn({ err: error }, 'database unavailable; the inbox sweep will handle the event');
        return;
      }
      await this.recordFailure(attempts + 1, inboxId, event, error, log);
    }
  }

  /** Platform reads happen outside any transaction; the change is applied in its own, then marked done. */
  private async handleContactChange(
    inboxId: number,
    event: InboundEventOf<'contact_change'>,
    attempts: number,
    log: Logger,
  ): Promise<void> {
    try {
      await this.deps.applyContactChange?.(event, this.now());
      await this.deps.db.transaction((manager) =>
        createRepositories(manager).inbox.markDone(inboxId, new Date()),
      );
    } catch (error) {
      const final = !isRetryable(error) || attempts + 1 >= MAX_HANDLING_ATTEMPTS;
      log.error({ err: error, attempt: attempts + 1, final }, 'contact change failed');
      const reason = error instanceof Error ? error.message : String(error);
      await this.deps.db
        .transaction((manager) =>
          createRepositories(manager).inbox.recordFailure(inboxId, reason, final, new Date()),
        )
        .catch((storageError: unknown) => log.error({ err: storageError }, 'could not record the failure'));
    }
  }

  /** Downloaded, checked and decoded here, outside the transaction: decoding must never hold the database. */
  private async fetchAttachment(event: InboundEventOf<'image'>): Promise<Attachment> {
    const { bytes, contentType } = await this.deps.fetchImage(event);
    const buffer = Buffer.from(bytes);
    const photo = await preparePhoto(buffer).catch((error: unknown) => {
      if (error instanceof ImageRejectedError) return error;
      throw error;
    });
    return {
      bytes,
      contentType,
      exif: await readPhotoExif(buffer, { timeZone: this.deps.timeZone }),
      photo,
    };
  }

  private async loadPending(inboxId: number): Promise<{ event: InboundEvent; attempts: number } | null> {
    const stored = await createRepositories(this.deps.db.manager).inbox.findPending(inboxId);
    return stored
      ? { event: inboundEventSchema.parse(JSON.parse(stored.payload)), attempts: stored.attempts }
      : null;
  }

  private async buildContext(
    event: InboundEvent,
    repos: Repositories,
    log: Logger,
    now: Date,
    adminSeats: readonly string[],
  ): Promise<Omit<HandlerContext, 'notify'>> {
    const identity = { tenantId: event.tenantId, platform: event.platform, platformUserId: event.userId };
    const role: Role = adminSeats.includes(event.userId) ? 'admin' : 'rep';
    const { user, created } = await repos.users.findOrCreate(identity, role, now);
    return {
      user,
      capabilities: capabilitiesOf(event.platform),
      firstContact: created,
      log,
      now,
      timeZone: this.deps.timeZone,
      stores: handlerStoresOver(repos),
      approvalSubscribers: APPROVAL_SUBSCRIBERS,
      links: this.deps.linksFor(identity),
      photos: this.deps.photos,
    };
  }

  /** Messages to other people go to their own platform identity. */
  private async queueNotices(
    repos: Repositories,
    tenantId: string,
    notices: Array<{ userId: number; reply: Reply; key: string }>,
  ): Promise<void> {
    const rows = [];
    for (const notice of notices) {
      const user = await repos.users.findById(tenantId, notice.userId);
      if (!user?.active) continue;
      rows.push({
        tenantId,
        platform: user.platform,
        recipient: user.platformUserId,
        idempotencyKey: notice.key,
        payload: JSON.stringify(notice.reply),
      });
    }
    await repos.outbox.enqueue(rows, new Date());
  }

  /** `ctx.renderAfterCommit` for one event: the image is drawn once the event's transaction commits. */
  private heldImageRequest(images: HeldImage[]): HandlerContext['renderAfterCommit'] {
    return (page, fileName) => {
      const image = (this.images as DeferredImages).request(page, fileName);
      images.push(image);
      return image.placeholder;
    };
  }

  /** A held image's placeholder is queued not due yet, keeping its place; the replies after it wait behind it. */
  private async queueReplies(
    repos: Repositories,
    event: InboundEvent,
    replies: Array<{ key: string; reply: Reply }>,
    images: HeldImage[] = [],
  ): Promise<void> {
    const now = new Date();
    await repos.outbox.enqueue(
      replies.map(({ key, reply }) => {
        const held = images.find((image) => image.placeholder === reply);
        if (held) held.key = key;
        return {
          tenantId: event.tenantId,
          platform: event.platform,
          recipient: event.userId,
          idempotencyKey: key,
          payload: JSON.stringify(reply),
          replyHandle: event.replyHandle,
          notBefore: held ? new Date(now.getTime() + IMAGE_HOLD_MS) : undefined,
        };
      }),
      now,
    );
  }

  /** Retries later (the inbox sweep picks it up) or, after the last attempt, tells the user once. */
  private async recordFailure(
    attempt: number,
    inboxId: number,
    event: InboundEvent,
    error: unknown,
    log: Logger,
  ): Promise<void> {
    // An error that cannot succeed on retry (a platform's 4xx, e.g. a media id that expired) is final now.
    const final = !isRetryable(error) || attempt >= MAX_HANDLING_ATTEMPTS;
    log.error({ err: error, attempt, final }, 'handling failed');
    try {
      await this.deps.db.transaction(async (manager) => {
        const repos = createRepositories(manager);
        await repos.inbox.recordFailure(
          inboxId,
          error instanceof Error ? error.message : String(error),
          final,
          new Date(),
        );
        if (final) {
          const apology: Reply = {
            kind: 'text',
            text: '抱歉，这条消息处理失败了，请稍后再发一次。如果一直失败，请联系管理员。',
          };
          await this.queueReplies(repos, event, [{ key: `inbox:${inboxId}:failed`, reply: apology }]);
        }
      });
      if (final) this.deps.onRepliesQueued();
    } catch (storageError) {
      log.error({ err: storageError }, 'could not record the failure; the inbox sweep will retry the event');
    }
  }
}
