import type * as DingtalkStreamSdk from 'dingtalk-stream' with { 'resolution-mode': 'import' };
import type { DWClientDownStream } from 'dingtalk-stream' with { 'resolution-mode': 'import' };
import type { InboundEvent } from '../../domain/messages/inbound-event';
import { backoffDelayMs } from '../outbox/backoff';
import type { DingtalkConfig } from '../config';
import type { LongConnection } from '../long-connection/leased-connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { DingtalkEventError, parseDingtalkEvent } from './events';
import { DingtalkPayloadError, parseDingtalkCallback } from './parse';

export interface DingtalkStreamDeps {
  config: DingtalkConfig & { streamGateway: string };
  /** Stores the events in the inbox; resolves after the commit. */
  accept: (events: InboundEvent[]) => Promise<unknown>;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}

// The package declares ESM types but ships a CommonJS build (its `exports.require`), which this module loads.
const sdk = require('dingtalk-stream') as typeof DingtalkStreamSdk; // eslint-disable-line @typescript-eslint/no-require-imports
const { DWClient, EventAck, TOPIC_CARD, TOPIC_ROBOT } = sdk;

const MAX_RECONNECT_DELAY_MS = 60_000;

/** What the SDK keeps private and the connection still needs: the socket's end, the old heartbeat timer. */
interface ClientInternals {
  dw_url?: string;
  socket?: { once(event: 'close', listener: () => void): unknown };
  heartbeatIntervallId?: NodeJS.Timeout;
}

/**
 * DingTalk Stream mode through the official `dingtalk-stream` SDK: POST the gateway for an endpoint and
 * ticket, open the WebSocket, answer the server's `ping`, ping it every 8 s (keepAlive) and reconnect when
 * it closes. Robot messages and card callbacks (CALLBACK frames) and address-book events (EVENT frames)
 * go to the inbox, and each frame is acknowledged only after that commit: a frame whose ack never left
 * (a crash, a dropped connection) is delivered again and stopped by the inbox's dedup key.
 */
export class DingtalkStreamConnection implements LongConnection {
  private client?: StreamClient;

  constructor(private readonly deps: DingtalkStreamDeps) {}

  open(): void {
    const { config } = this.deps;
    this.client?.stop();
    const client = new StreamClient(
      { clientId: config.appKey, clientSecret: config.appSecret, keepAlive: true, ua: 'fieldbot' },
      this.deps,
    );
    const onFrame = (message: DWClientDownStream) => void client.deliver(message);
    client.registerCallbackListener(TOPIC_ROBOT, onFrame).registerCallbackListener(TOPIC_CARD, onFrame);
    this.client = client;
    void client.connect();
  }

  async close(): Promise<void> {
    this.client?.stop();
    this.client = undefined;
    await Promise.resolve();
  }

  isUp(): boolean {
    return this.client?.connected ?? false;
  }
}

class StreamClient extends DWClient {
  private stopped = false;
  private started = false;
  /** Tries since the last connection that opened. */
  private failures = 0;
  private readonly log: Logger;

  constructor(
    opts: ConstructorParameters<typeof DWClient>[0],
    private readonly deps: DingtalkStreamDeps,
  ) {
    super(opts);
    this.log = deps.logger.child({ connection: 'dingtalk-stream' });
  }

  stop(): void {
    this.stopped = true;
    this.disconnect();
  }

  /** The SDK reconnects through here (1 s after a close or a failed try); this adds the back-off. */
  override async connect(): Promise<void> {
    if (this.stopped) return;
    if (this.started) {
      this.deps.metrics.increment('long_connection_reconnects_total', { connection: 'dingtalk-stream' });
      // The SDK already waited 1 s; a dead gateway is tried at least once a minute.
      const delay = Math.min(MAX_RECONNECT_DELAY_MS, backoffDelayMs(this.failures + 1)) - 1000;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.stopped) return;
    }
    this.started = true;
    this.failures++;
    await super.connect();
  }

  /** The SDK's gateway URL is a constant; this is the same request to the configured one. */
  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, ua, subscriptions } = this.config;
    const res = await fetch(this.deps.config.streamGateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string };
    if (!res.ok || !body.endpoint || !body.ticket)
      throw new Error(`stream gateway answered ${res.status} without an endpoint and ticket`);
    (this as unknown as ClientInternals).dw_url = `${body.endpoint}?ticket=${body.ticket}`;
    return this;
  }

  override async _connect(): Promise<void> {
    // Stopped while asking the gateway: the SDK would open the socket anyway (and forget it was stopped).
    if (this.stopped) throw new Error('stopped');
    // The SDK leaves the last connection's heartbeat timer running when the server closes it.
    clearInterval((this as unknown as ClientInternals).heartbeatIntervallId);
    await super._connect();
    this.failures = 0;
    this.log.info('DingTalk Stream connection up');
    (this as unknown as ClientInternals).socket?.once('close', () => {
      if (!this.stopped) this.log.warn('DingTalk Stream connection down');
    });
  }

  /** EVENT frames: the SDK acks them as they arrive; here the ack waits for the inbox. */
  override onEvent(message: DWClientDownStream): void {
    void this.deliver(message);
  }

  async deliver(message: DWClientDownStream): Promise<void> {
    const { metrics } = this.deps;
    const messageId = message.headers.messageId;
    const labels = { connection: 'dingtalk-stream' };
    let events: InboundEvent[];
    try {
      events = this.parse(message);
    } catch (error) {
      const known = error instanceof DingtalkPayloadError || error instanceof DingtalkEventError;
      const reason = known ? error.reason : 'payload';
      // Delivering it again would not make it readable: acknowledge, count, log without the body.
      metrics.increment('callback_rejected_total', { platform: 'dingtalk', reason });
      this.log.warn({ reason, err: error, messageId }, 'stream frame rejected');
      this.ack(message, true);
      return;
    }
    try {
      if (events.length > 0) await this.deps.accept(events);
    } catch (error) {
      metrics.increment('callback_intake_failed_total', { platform: 'dingtalk' });
      this.log.error(
        { err: error, messageId },
        'inbox unavailable; leaving the frame for DingTalk to deliver again',
      );
      this.ack(message, false);
      return;
    }
    metrics.increment('long_connection_frames_total', {
      ...labels,
      outcome: events.length ? 'event' : 'ignored',
    });
    this.ack(message, true);
  }

  private parse(message: DWClientDownStream): InboundEvent[] {
    const tenantId = this.deps.config.corpId;
    const receivedAt = this.deps.now();
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      throw new DingtalkPayloadError('payload', 'frame data is not JSON');
    }
    if (message.type === 'CALLBACK') return parseDingtalkCallback(data, { tenantId, receivedAt });
    const event = parseDingtalkEvent(streamEventPlaintext(message, data), tenantId, receivedAt);
    return event ? [event] : [];
  }

  /** Stored: SUCCESS. Not stored: a callback stays unanswered (redelivered), an event asks for LATER. */
  private ack(message: DWClientDownStream, stored: boolean): void {
    const messageId = message.headers.messageId;
    if (message.type === 'EVENT')
      this.send(messageId, { status: stored ? EventAck.SUCCESS : EventAck.LATER });
    else if (stored) this.socketCallBackResponse(messageId, {});
  }
}

/**
 * A Stream EVENT frame in the shape of the HTTP-mode event body: the type and corp from the headers, the
 * ids from the data (`userId`/`deptId`, either case). The event id is kept, so a redelivery is the same event.
 */
function streamEventPlaintext(message: DWClientDownStream, data: unknown): string {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return JSON.stringify({
    EventType: message.headers.eventType ?? '',
    CorpId: message.headers.eventCorpId,
    EventId: message.headers.eventId,
    UserId: d.userId ?? d.UserId,
    DeptId: d.deptId ?? d.DeptId,
  });
}
