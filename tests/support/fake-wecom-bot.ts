import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeSocketServer } from './fake-socket-server';

/** A frame as the WeCom bot channel carries it: `{cmd, headers: {req_id}, body}` down, answers `{headers, errcode, errmsg}`. */
export interface BotWireFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/**
 * A strict stand-in for WeCom's intelligent-bot long connection (wss://openws.work.weixin.qq.com) on
 * loopback, speaking what @wecom/aibot-node-sdk speaks: the client's first frame is `aibot_subscribe`
 * with bot_id and secret (answered errcode 0, or 40001 and closed); `ping` frames are answered; message
 * and event frames go down as `aibot_msg_callback` / `aibot_event_callback`; every reply, welcome, card
 * update, push and media upload frame is recorded and answered with the same req_id.
 */
export class FakeWecomBot extends FakeSocketServer {
  /** Reply-type frames the client sent (respond, welcome, update, send), in order. */
  readonly sent: BotWireFrame[] = [];
  heartbeats = 0;
  authentications = 0;
  /** req_ids whose replies are refused as expired (errcode 846605), as WeCom does after the window. */
  readonly expired = new Set<string>();

  constructor(private readonly bot: { botId: string; secret: string }) {
    super();
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const file = this.files.get(req.url ?? '');
      if (file) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
      else res.writeHead(404).end();
    });
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => this.accept(ws));
    await this.listen(server, wss);
    return this.url;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Pushes a message frame; returns its req_id. */
  message(body: Record<string, unknown>, reqId: string = randomUUID()): string {
    this.send({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body });
    return reqId;
  }

  /** Pushes an event frame; returns its req_id. */
  event(body: Record<string, unknown>, reqId: string = randomUUID()): string {
    this.send({ cmd: 'aibot_event_callback', headers: { req_id: reqId }, body });
    return reqId;
  }

  /**
   * Serves `bytes` as WeCom serves a bot's image: encrypted (AES-256-CBC, IV = the key's first 16 bytes,
   * PKCS#7 to 32 bytes) at a URL, with the base64 key the message frame carries.
   */
  media(bytes: Buffer): { url: string; aeskey: string } {
    const key = randomBytes(32);
    const pad = 32 - (bytes.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const path = `/media/${randomUUID()}`;
    this.files.set(
      path,
      Buffer.concat([cipher.update(Buffer.concat([bytes, Buffer.alloc(pad, pad)])), cipher.final()]),
    );
    return {
      url: `http://127.0.0.1:${this.port}${path}`,
      aeskey: key.toString('base64'),
    };
  }

  get connected(): boolean {
    return this.socket?.readyState === 1 && this.authenticated;
  }

  private authenticated = false;
  private readonly files = new Map<string, Buffer>();

  private accept(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.authenticated = false;
    ws.on('message', (raw) => this.receive(ws, String(raw)));
    ws.on('close', () => {
      if (this.socket === ws) this.authenticated = false;
      this.notify();
    });
  }

  private receive(ws: WebSocket, raw: string): void {
    const frame = this.parse<BotWireFrame>(raw);
    if (!frame) return;
    const reqId = frame.headers?.req_id;
    const answer = (errcode: number, errmsg: string, body?: object) =>
      ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, ...(body ? { body } : {}) }));
    if (!reqId) {
      this.unexpected.push(`frame without req_id: ${raw.slice(0, 80)}`);
    } else if (!this.authenticated && frame.cmd !== 'aibot_subscribe') {
      this.unexpected.push(`${frame.cmd} before aibot_subscribe`);
    } else if (frame.cmd === 'aibot_subscribe') {
      const ok = frame.body?.bot_id === this.bot.botId && frame.body?.secret === this.bot.secret;
      answer(ok ? 0 : 40001, ok ? 'ok' : 'invalid secret');
      if (!ok) ws.close();
      this.authenticated = ok;
      if (ok) this.authentications++;
    } else if (frame.cmd === 'ping') {
      this.heartbeats++;
      answer(0, 'ok');
    } else if (frame.cmd === 'aibot_upload_media_init') {
      answer(0, 'ok', { upload_id: `up-${randomUUID()}` });
    } else if (frame.cmd === 'aibot_upload_media_chunk') {
      answer(0, 'ok');
    } else if (frame.cmd === 'aibot_upload_media_finish') {
      answer(0, 'ok', { type: 'image', media_id: `media-${randomUUID()}`, created_at: '1' });
    } else if (
      [
        'aibot_respond_msg',
        'aibot_respond_welcome_msg',
        'aibot_respond_update_msg',
        'aibot_send_msg',
      ].includes(frame.cmd ?? '')
    ) {
      if (this.expired.has(reqId)) {
        answer(846605, 'invalid req_id');
      } else {
        this.sent.push(frame);
        answer(0, 'ok');
      }
    } else {
      this.unexpected.push(`unknown cmd ${frame.cmd}`);
    }
    this.notify();
  }
}
