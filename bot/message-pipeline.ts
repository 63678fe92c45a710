import type { ReportRenderer } from '../cards/render/report-page';
import { imageTypeOf } from '../domain/messages/image-type';
import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { LinkFactory } from '../handlers/context';
import { applyContactChange } from '../handlers/use-cases/contact-change';
import type { Database } from '../storage/database';
import { LocalMediaStore } from '../storage/media/local-media-store';
import { photoArchiveOver } from '../storage/media/media-store';
import { createRepositories } from '../storage/repositories';
import { InboxWriter } from '../storage/repositories/inbox-writer';
import type { AppConfig } from './config';
import { contactsSyncOver } from './job-stores';
import { InboxDispatcher } from './inbox/inbox-dispatcher';
import { InboxIntake } from './inbox/inbox-intake';
import { InboxPoller } from './inbox/inbox-poller';
import { UserRateLimit } from './inbox/user-rate-limit';
import type { LinkHolder } from './h5/link-factory';
import { LongConnections } from './long-connection/long-connections';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { OutboxSender } from './outbox/outbox-sender';
import type { TenantDirectory } from './tenants/tenant-directory';
import { AckBacklog } from './inbox/ack-backlog';

export interface MessagePipelineDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  tenants: TenantDirectory;
  taskIdTag?: string;
  reportRenderer: ReportRenderer;
  linksFor: (holder: LinkHolder) => LinkFactory;
}

/**
 * How messages flow, wired by the instance's role: events come in (webhooks call `intake`, long connections
 * feed it), the dispatcher handles them, the outbox sends the replies. A web instance stores events and keeps
 * the long connections; a worker polls the inbox, handles and sends; `all` does both.
 */
export class MessagePipeline {
  readonly intake: InboxIntake;
  /** The HTTP requests this instance has not answered yet: handling yields to late acks. */
  readonly ackBacklog = new AckBacklog();
  readonly dispatcher: InboxDispatcher;
  readonly outbox: OutboxSender;
  readonly longConnections: LongConnections;
  private readonly poller?: InboxPoller;
  private readonly handles: boolean;
  private readonly serves: boolean;

  constructor(private readonly deps: MessagePipelineDeps) {
    const { config, db, logger, metrics, clock, tenants } = deps;
    this.handles = config.role !== 'web';
    this.serves = config.role !== 'worker';
    this.longConnections = new LongConnections({
      config,
      db,
      logger,
      metrics,
      now: clock,
      accept: (events): Promise<unknown> => this.intake.accept(events),
      taskIdTag: deps.taskIdTag,
    });
    const wake = () => this.outbox.wake();
    this.outbox = new OutboxSender({
      db,
      senders: this.longConnections.senders({
        get: (platform, tenantId) => tenants.sender(platform, tenantId),
      }),
      logger,
      canSend: this.longConnections.canSend(this.handles),
      pacing: config.outboxPacing,
    });
    this.dispatcher = new InboxDispatcher({
      db,
      now: clock,
      logger,
      timeZone: config.timeZone,
      adminSeats: (tenantId, platform) => tenants.adminSeats(tenantId, platform),
      linksFor: deps.linksFor,
      onRepliesQueued: wake,
      reportRenderer: deps.reportRenderer,
      metrics,
      applyContactChange: (event, now) =>
        applyContactChange(
          { contactsSync: contactsSyncOver(db), logger, contactSources: () => tenants.contactSources() },
          event,
          now,
        ),
      photos: photoArchiveOver(new LocalMediaStore({ root: config.mediaRoot })),
      fetchImage: (event) => this.fetchImage(event),
      ackBacklog: this.ackBacklog,
    });
    this.intake = new InboxIntake(
      new InboxWriter(db),
      this.handles ? this.dispatcher : { enqueue: () => {} },
      metrics,
      {
        limit: new UserRateLimit(config.userRate),
        decline: { db, logger, metrics, onRepliesQueued: wake },
      },
    );
    if (config.role === 'worker')
      this.poller = new InboxPoller({ db, logger, enqueue: (ref) => this.dispatcher.enqueue(ref) });
  }

  /** Opens the long connections (web), starts sending and handles what a crash or restart left pending (worker). */
  async start(): Promise<void> {
    if (this.serves) this.longConnections.start();
    // A web instance sends too, but only the replies bound to a long connection it holds.
    if (this.handles || this.longConnections.bindsReplies) this.outbox.start();
    if (!this.handles) return;
    this.poller?.start();
    const leftovers = await createRepositories(this.deps.db.manager).inbox.findStalePending(
      new Date(Date.now() + 1000),
      10_000,
    );
    if (!this.poller) leftovers.forEach((ref) => this.dispatcher.enqueue(ref));
  }

  /** Resolves when every event received so far is handled and every due reply attempted. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.dispatcher.drain();
    // The sender's own loop may be mid-pass, holding rows a pass from here skips: done when neither did anything.
    for (;;) {
      await this.outbox.idle();
      const claimedBefore = this.outbox.claimedTotal;
      const sent = await this.outbox.sendDue();
      await this.outbox.idle();
      if (sent === 0 && this.outbox.claimedTotal === claimedBefore) break;
    }
  }

  async stopIntake(): Promise<void> {
    await this.longConnections.stop();
  }

  /** After the HTTP server closed: no new events; finishes those under way and the sends in flight. */
  async stop(): Promise<void> {
    await this.poller?.stop();
    await this.dispatcher.drain();
    await this.outbox.stop();
  }

  /** An image's bytes: over the bot's connection when it came that way, else through the platform's API. */
  private async fetchImage(
    event: InboundEventOf<'image'>,
  ): Promise<{ bytes: Uint8Array; contentType: string }> {
    const viaBot = await this.longConnections.fetchBotImage(event);
    if (viaBot) return viaBot;
    const { tenants } = this.deps;
    const wecom = event.platform === 'wecom' ? await tenants.wecomClient(event.tenantId) : undefined;
    const dingtalk = event.platform === 'dingtalk' ? await tenants.dingtalkClient(event.tenantId) : undefined;
    const bytes = wecom
      ? (await wecom.downloadMedia(event.mediaId)).bytes
      : dingtalk
        ? await dingtalk.downloadImage(event.mediaId)
        : undefined;
    if (!bytes)
      throw new Error(`no ${event.platform} client for tenant ${event.tenantId} to download media with`);
    // What the bytes are, not what a header or the platform's habit says.
    return { bytes, contentType: imageTypeOf(bytes)?.contentType ?? 'application/octet-stream' };
  }
}
