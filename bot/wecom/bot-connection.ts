import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { WecomBotConfig } from '../config';
import type { LongConnection } from '../long-connection/leased-connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { parseBotFrame, type BotFrame } from './bot-frames';
import { cardIdOf } from './render';

export interface WecomBotConnectionDeps {
  config: WecomBotConfig;
  /** Stores the events in the inbox; resolves after the commit. */
  accept: (events: InboundEvent[]) => Promise<unknown>;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  /** The deployment's mark, taken off a card event's task_id (render.ts `cardIdOf`). */
  taskIdTag?: string;
}

/**
 * The WeCom intelligent bot's long connection through @wecom/aibot-node-sdk: it authenticates with
 * `aibot_subscribe`, sends a `ping` frame every 30 s and reconnects with exponential back-off (1 s … 30 s)
 * by itself. Every message and event frame is stored in the inbox before anything answers it; the
 * protocol has no per-frame ack, so a frame the platform delivers twice is stopped by the inbox's
 * dedup key (the frame's msgid).
 */
export class WecomBotConnection implements LongConnection {
  readonly client: WSClient;
  private authenticated = false;
  private readonly labels: Record<string, string>;

  constructor(private readonly deps: WecomBotConnectionDeps) {
    const { config, logger } = deps;
    this.labels = { connection: 'wecom-bot' };
    const log = logger.child({ connection: 'wecom-bot' });
    this.client = new WSClient({
      botId: config.botId,
      secret: config.secret,
      wsUrl: config.wsUrl,
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1,
      heartbeatInterval: config.heartbeatMs,
      // The SDK's own lines at debug: they may quote message bodies.
      logger: {
        debug: (message: string) => log.trace(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.debug(message),
        error: (message: string) => log.debug(message),
      },
    });
    this.client.on('authenticated', () => {
      this.authenticated = true;
      log.info('WeCom bot connection up');
    });
    this.client.on('disconnected', (reason) => {
      this.authenticated = false;
      log.warn({ reason }, 'WeCom bot connection down');
    });
    this.client.on('reconnecting', (attempt) => {
      deps.metrics.increment('long_connection_reconnects_total', this.labels);
      log.info({ attempt }, 'WeCom bot connection: reconnecting');
    });
    this.client.on('error', (error) => log.warn({ err: error }, 'WeCom bot connection error'));
    this.client.on('message', (frame) => void this.receive(frame));
    this.client.on('event', (frame) => void this.receive(frame));
  }

  open(): void {
    this.client.connect();
  }

  async close(): Promise<void> {
    this.authenticated = false;
    this.client.disconnect();
    await Promise.resolve();
  }

  isUp(): boolean {
    return this.authenticated && this.client.isConnected;
  }

  private async receive(frame: WsFrame): Promise<void> {
    const { metrics, logger } = this.deps;
    const parsed = parseBotFrame(frame as BotFrame, this.deps.config.corpId, this.deps.now());
    const event =
      parsed?.kind === 'card_action'
        ? { ...parsed, cardId: cardIdOf(parsed.cardId, this.deps.taskIdTag) }
        : parsed;
    metrics.increment('long_connection_frames_total', {
      ...this.labels,
      outcome: event ? 'event' : 'ignored',
    });
    if (!event) return;
    try {
      await this.deps.accept([event]);
    } catch (error) {
      // Nothing stored and nothing answered: the platform's redelivery (or the user) brings it again.
      metrics.increment('callback_intake_failed_total', { platform: 'wecom' });
      logger.error({ err: error, msgId: event.msgId }, 'inbox unavailable; WeCom bot frame not stored');
    }
  }
}
