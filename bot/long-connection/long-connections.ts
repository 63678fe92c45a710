import type { InboundEvent, InboundEventOf } from '../../domain/messages/inbound-event';
import type { DeliverableRow, ReplySender, ReplySenders } from '../outbox/outbox-sender';
import type { Database } from '../../storage/database';
import type { AppConfig } from '../config';
import { DingtalkStreamConnection } from '../dingtalk/stream-connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { BOT_MEDIA_PREFIX, parseReplyHandle } from '../wecom/bot-frames';
import { WecomBotConnection } from '../wecom/bot-connection';
import { WecomBotSender } from '../wecom/bot-sender';
import { LeasedConnection, type ConnectionState } from './leased-connection';

export interface LongConnectionsDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  accept: (events: InboundEvent[]) => Promise<unknown>;
  /** The deployment's mark on WeCom task_ids (bot/wecom/render.ts `taskIdOf`). */
  taskIdTag?: string;
}

/**
 * The outbound long connections the configuration asks for (DingTalk Stream mode, the WeCom intelligent
 * bot), each held by one instance at a time, and the reply path that goes back over the bot's.
 */
export class LongConnections {
  private readonly leased: LeasedConnection[] = [];
  private readonly bot?: {
    connection: WecomBotConnection;
    sender: WecomBotSender;
    corpId: string;
    /** The corp has a self-built app too: replies not bound to a bot message go through it. */
    hasApp: boolean;
  };

  constructor(deps: LongConnectionsDeps) {
    const { config, db, logger } = deps;
    const leaseMs = config.longConnectionLeaseMs;
    const dingtalk = config.dingtalk;
    if (dingtalk?.mode === 'stream' && dingtalk.streamGateway) {
      const connection = new DingtalkStreamConnection({
        ...deps,
        config: { ...dingtalk, streamGateway: dingtalk.streamGateway },
      });
      this.leased.push(
        new LeasedConnection({ name: `dingtalk-stream:${dingtalk.appKey}`, db, logger, connection, leaseMs }),
      );
    }
    if (config.wecomBot) {
      const connection = new WecomBotConnection({ ...deps, config: config.wecomBot });
      const sender = new WecomBotSender({
        client: connection.client,
        isUp: () => connection.isUp(),
        taskIdTag: deps.taskIdTag,
      });
      this.bot = {
        connection,
        sender,
        corpId: config.wecomBot.corpId,
        hasApp: config.wecom?.corpId === config.wecomBot.corpId,
      };
      this.leased.push(
        new LeasedConnection({ name: `wecom-bot:${config.wecomBot.botId}`, db, logger, connection, leaseMs }),
      );
    }
  }

  start(): void {
    this.leased.forEach((c) => c.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.leased.map((c) => c.stop()));
  }

  /** For /healthz: each connection's state on this instance. */
  states(): Record<string, ConnectionState> {
    return Object.fromEntries(this.leased.map((c) => [c.name, c.state()]));
  }

  /**
   * The outbox's senders with the bot in front for its corp: a reply to something that came over the bot
   * goes back over it; the rest goes through the self-built app when there is one, else over the bot too.
   */
  senders(base: ReplySenders): ReplySenders {
    const bot = this.bot;
    if (!bot) return base;
    return {
      get: async (platform, tenantId) => {
        const app = await base.get(platform, tenantId);
        if (platform !== 'wecom' || tenantId !== bot.corpId) return app;
        const viaBot: ReplySender = {
          send: (recipient, reply, attempt) =>
            parseReplyHandle(attempt?.replyHandle) || !app
              ? bot.sender.send(recipient, reply, attempt)
              : app.send(recipient, reply, attempt),
        };
        return viaBot;
      },
    };
  }

  /** Some replies can only go back over a connection: the outbox must run where it is held. */
  get bindsReplies(): boolean {
    return this.bot !== undefined;
  }

  /**
   * Which outbox rows this instance can deliver: a reply bound to the bot only while this instance holds the
   * bot's connection (another instance may hold it, or nobody for now); the rest when `sendsThroughApps`
   * (an instance that handles events; a web instance leaves them to the workers).
   */
  canSend(sendsThroughApps: boolean): (row: DeliverableRow) => boolean {
    const bot = this.bot;
    if (!bot) return () => sendsThroughApps;
    return (row) => {
      const overBot =
        row.platform === 'wecom' &&
        row.tenantId === bot.corpId &&
        (!bot.hasApp || parseReplyHandle(row.replyHandle) !== undefined);
      return overBot ? bot.connection.isUp() : sendsThroughApps;
    };
  }

  /** Downloads an image that came over the bot (an encrypted URL and its key); undefined for any other. */
  async fetchBotImage(
    event: InboundEventOf<'image'>,
  ): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
    if (!this.bot || !event.mediaId.startsWith(BOT_MEDIA_PREFIX) || !event.url) return undefined;
    const aesKey = event.mediaId.slice(BOT_MEDIA_PREFIX.length) || undefined;
    const { buffer } = await this.bot.connection.client.downloadFile(event.url, aesKey);
    return { bytes: buffer, contentType: 'image/jpeg' };
  }
}
