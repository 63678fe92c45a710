import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeSocketServer } from './fake-socket-server';

/** The topics the official SDK subscribes to as CALLBACKs (dingtalk-stream's constants). */
export const ROBOT_TOPIC = '/v1.0/im/bot/messages/get';
export const CARD_TOPIC = '/v1.0/card/instances/callback';

export interface StreamFrame {
  specVersion: '1.0';
  type: 'CALLBACK' | 'EVENT' | 'SYSTEM';
  headers: Record<string, string>;
  data: string;
}

/** What the client sent back for a frame: `{code, headers: {messageId}, message, data}`. */
export interface StreamAck {
  code: number;
  headers: { messageId: string; contentType?: string; topic?: string };
  message: string;
  data: string;
}

/**
 * A strict stand-in for DingTalk's Stream gateway on loopback, speaking what dingtalk-stream speaks:
 * `POST /v1.0/gateway/connections/open` with the app's credentials and subscriptions answers an endpoint
 * and a one-time ticket; the WebSocket at that endpoint carries CALLBACK/EVENT frames down and acks up,
 * SYSTEM `ping` frames the client must echo, and WebSocket pings (the SDK's keepAlive). Like the real
 * gateway, it delivers again every frame it pushed that was not acknowledged, on the next connection.
 */
export class FakeDingtalkStream extends FakeSocketServer {
  readonly opens: Array<{ clientId: string; subscriptions: Array<{ type: string; topic: string }> }> = [];
  readonly acks: StreamAck[] = [];
  readonly pingEchoes: StreamAck[] = [];
  /** WebSocket-level pings received (the SDK's keepAlive heartbeat). */
  wsPings = 0;
  connections = 0;
  /** Frames sent down more than once (redelivered on a later connection). */
  redeliveries = 0;
  private readonly tickets = new Set<string>();
  private readonly unacked = new Map<string, StreamFrame>();

  constructor(private readonly app: { clientId: string; clientSecret: string }) {
    super();
  }

  async start(): Promise<string> {
    const wss = new WebSocketServer({ noServer: true });
    const server = createServer((req, res) => void this.open(req, res));
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await this.listen(server, wss);
    return this.gatewayUrl;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.port}/v1.0/gateway/connections/open`;
  }

  /** Frames pushed and not acknowledged yet. */
  get pending(): number {
    return this.unacked.size;
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Pushes a robot message or card callback; returns its messageId. */
  callback(topic: string, body: object): string {
    return this.push({ type: 'CALLBACK', topic, data: JSON.stringify(body) });
  }

  /** Pushes an event (e.g. `user_add_org`) with the SDK's event headers; returns its messageId. */
  event(eventType: string, data: object, eventId: string = randomUUID()): string {
    return this.push({
      type: 'EVENT',
      topic: '*',
      data: JSON.stringify(data),
      extra: { eventType, eventId, eventCorpId: 'ding0123456789abcdef', eventBornTime: String(Date.now()) },
    });
  }

  /** The server's SYSTEM ping; the client must echo it with code 200. */
  ping(): string {
    const messageId = randomUUID();
    this.send({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: { topic: 'ping', messageId, contentType: 'application/json', time: String(Date.now()) },
      data: JSON.stringify({ opaque: messageId }),
    });
    return messageId;
  }

  /** The gateway's own goodbye before it closes a connection (rotation). */
  disconnect(): void {
    this.send({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: { topic: 'disconnect', messageId: randomUUID(), contentType: 'application/json' },
      data: JSON.stringify({ reason: 'rotation' }),
    });
    this.socket?.close();
  }

  ackOf(messageId: string): StreamAck | undefined {
    return this.acks.find((a) => a.headers.messageId === messageId);
  }

  private push(p: {
    type: 'CALLBACK' | 'EVENT';
    topic: string;
    data: string;
    extra?: Record<string, string>;
  }) {
    const messageId = randomUUID();
    const frame: StreamFrame = {
      specVersion: '1.0',
      type: p.type,
      headers: {
        appId: 'fake-app-id',
        connectionId: randomUUID(),
        contentType: 'application/json',
        messageId,
        time: String(Date.now()),
        topic: p.topic,
        ...p.extra,
      },
      data: p.data,
    };
    this.unacked.set(messageId, frame);
    this.send(frame);
    return messageId;
  }

  private async open(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      clientId?: string;
      clientSecret?: string;
      subscriptions?: Array<{ type: string; topic: string }>;
    };
    if (
      req.method !== 'POST' ||
      !new URL(req.url ?? '/', 'http://x').pathname.endsWith('/connections/open')
    ) {
      this.unexpected.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    if (body.clientId !== this.app.clientId || body.clientSecret !== this.app.clientSecret) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"InvalidAuthentication"}');
      return;
    }
    this.opens.push({ clientId: body.clientId, subscriptions: body.subscriptions ?? [] });
    const ticket = randomUUID();
    this.tickets.add(ticket);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ endpoint: `ws://127.0.0.1:${this.port}/connect`, ticket }));
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    this.connections++;
    ws.on('ping', () => this.wsPings++);
    ws.on('message', (raw) => this.receive(String(raw)));
    ws.on('close', () => this.notify());
    // Unacknowledged frames of an earlier connection come again, as DingTalk redelivers them.
    for (const frame of this.unacked.values()) {
      this.redeliveries++;
      this.send(frame);
    }
    this.notify();
  }

  private receive(raw: string): void {
    const ack = this.parse<StreamAck>(raw);
    if (!ack) return;
    if (ack.code !== 200 || typeof ack.headers?.messageId !== 'string' || typeof ack.data !== 'string') {
      this.unexpected.push(`not an ack: ${raw.slice(0, 120)}`);
    } else if (ack.headers.topic === 'ping') {
      this.pingEchoes.push(ack);
    } else {
      const status = (JSON.parse(ack.data) as { status?: string }).status;
      // An event acked LATER stays due for redelivery.
      if (status !== 'LATER') this.unacked.delete(ack.headers.messageId);
      this.acks.push(ack);
    }
    this.notify();
  }
}
