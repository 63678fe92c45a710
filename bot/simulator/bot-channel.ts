import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logger';
import type { DeliveryResult } from './callback-sender';
import type { CallbackMessage } from './callback-xml';
import type { ChatContent, ChatStore } from './chat-store';
import type { MediaStore } from './media-store';
import { mediaUrl, parseTemplateCard } from './outbound-message';

export const SIMULATOR_BOT_PATH = '/sim/aibot';
/** Where the bot downloads a user's picture: encrypted, as WeCom serves a bot's images. */
export const SIMULATOR_BOT_MEDIA_PATH = '/sim/aibot-media';

interface WireFrame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: Record<string, unknown>;
}

export interface SimulatorBotChannelDeps {
  botId: string;
  secret: string;
  chats: ChatStore;
  media: MediaStore;
  logger: Logger;
}

/**
 * The simulator playing WeCom's intelligent bot (智能机器人 长连接): the bot connects to `/sim/aibot` and
 * speaks the same frames as to WeCom (aibot_subscribe, ping, message and event callbacks down; replies,
 * welcomes, card updates, pushes and media uploads up). Replies land in the chat like the app's messages.
 */
export class SimulatorBotChannel {
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket?: WebSocket;
  private authenticated = false;
  /** Whose chat a req_id belongs to, for the replies bound to it. */
  private readonly requests = new Map<string, string>();
  private readonly uploads = new Map<string, Buffer[]>();
  private readonly images = new Map<string, { bytes: Buffer; key: Buffer }>();

  constructor(private readonly deps: SimulatorBotChannelDeps) {}

  /** For the HTTP server's `upgrade` event; false when the request is not for the bot's path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(req.url ?? '/', 'http://sim').pathname !== SIMULATOR_BOT_PATH) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** The encrypted picture at `/sim/aibot-media/:id` (AES-256-CBC, IV = key[0..16], PKCS#7 to 32). */
  encryptedImage(id: string): Buffer | undefined {
    const image = this.images.get(id);
    if (!image) return undefined;
    const pad = 32 - (image.bytes.length % 32);
    const cipher = createCipheriv('aes-256-cbc', image.key, image.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([image.bytes, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]);
  }

  async deliver(fromUser: string, message: CallbackMessage, origin: string): Promise<DeliveryResult> {
    const msgId = randomUUID().replace(/-/g, '');
    if (!this.authenticated || this.socket?.readyState !== 1)
      return { status: 0, detail: 'the bot has not connected to the simulator', msgId };
    const base = {
      msgid: msgId,
      aibotid: this.deps.botId,
      from: { userid: fromUser },
      create_time: Date.now(),
    };
    const reqId = randomUUID();
    let frame: WireFrame;
    switch (message.kind) {
      case 'text':
        frame = {
          cmd: 'aibot_msg_callback',
          body: { ...base, chattype: 'single', msgtype: 'text', text: { content: message.content } },
        };
        break;
      case 'image': {
        const stored = this.deps.media.get(message.mediaId);
        if (!stored) return { status: 0, detail: 'unknown picture', msgId };
        const key = randomBytes(32);
        this.images.set(msgId, { bytes: stored.bytes, key });
        const image = {
          url: `${origin}${SIMULATOR_BOT_MEDIA_PATH}/${msgId}`,
          aeskey: key.toString('base64'),
        };
        frame = { cmd: 'aibot_msg_callback', body: { ...base, chattype: 'single', msgtype: 'image', image } };
        break;
      }
      case 'location':
        return { status: 0, detail: '智能机器人收不到位置消息：发送「签到」，在定位页面里签到', msgId };
      case 'enter':
        frame = {
          cmd: 'aibot_event_callback',
          body: { ...base, msgtype: 'event', event: { eventtype: 'enter_chat' } },
        };
        break;
      case 'card_action':
        frame = {
          cmd: 'aibot_event_callback',
          body: {
            ...base,
            msgtype: 'event',
            event: { eventtype: 'template_card_event', event_key: message.eventKey, task_id: message.taskId },
          },
        };
        break;
    }
    this.requests.set(reqId, fromUser);
    this.socket.send(JSON.stringify({ ...frame, headers: { req_id: reqId } }));
    return { status: 200, msgId };
  }

  close(): void {
    this.socket?.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.authenticated = false;
    ws.on('message', (raw) => this.receive(ws, String(raw)));
  }

  private receive(ws: WebSocket, raw: string): void {
    let frame: WireFrame;
    try {
      frame = JSON.parse(raw) as WireFrame;
    } catch {
      return;
    }
    const reqId = frame.headers?.req_id ?? '';
    const body = frame.body ?? {};
    const answer = (errcode: number, errmsg: string, extra?: object) =>
      ws.send(
        JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, ...(extra ? { body: extra } : {}) }),
      );
    switch (frame.cmd) {
      case 'aibot_subscribe': {
        this.authenticated = body.bot_id === this.deps.botId && body.secret === this.deps.secret;
        answer(this.authenticated ? 0 : 40001, this.authenticated ? 'ok' : 'invalid secret');
        return;
      }
      case 'ping':
        return answer(0, 'ok');
      case 'aibot_upload_media_init':
        return answer(0, 'ok', { upload_id: this.startUpload() });
      case 'aibot_upload_media_chunk':
        this.uploads.get(String(body.upload_id))?.push(Buffer.from(String(body.base64_data ?? ''), 'base64'));
        return answer(0, 'ok');
      case 'aibot_upload_media_finish':
        return answer(0, 'ok', {
          type: 'image',
          media_id: this.finishUpload(String(body.upload_id)),
          created_at: '0',
        });
      case 'aibot_respond_msg':
      case 'aibot_respond_welcome_msg':
      case 'aibot_send_msg': {
        const user = frame.cmd === 'aibot_send_msg' ? String(body.chatid ?? '') : this.requests.get(reqId);
        const content = user ? toContent(body, this.deps.media) : undefined;
        if (!user || !content) return answer(40058, 'invalid parameter');
        this.deps.chats.append(user, 'bot', content);
        return answer(0, 'ok');
      }
      case 'aibot_respond_update_msg': {
        const user = this.requests.get(reqId);
        const card = parseTemplateCard(body.template_card);
        if (!user || !card.ok) return answer(40058, 'invalid parameter');
        this.deps.chats.updateCard(user, card.view.taskId ?? '', { card: card.view });
        return answer(0, 'ok');
      }
      default:
        this.deps.logger.warn({ cmd: frame.cmd }, 'simulated WeCom bot got an unknown frame');
        return answer(40058, 'unknown cmd');
    }
  }

  private startUpload(): string {
    const id = randomUUID();
    this.uploads.set(id, []);
    return id;
  }

  private finishUpload(uploadId: string): string {
    const bytes = Buffer.concat(this.uploads.get(uploadId) ?? []);
    this.uploads.delete(uploadId);
    return this.deps.media.put({ type: 'image', contentType: 'image/png', fileName: 'image.png', bytes })
      .mediaId;
  }
}

/** A reply, welcome or push body as the chat shows it; undefined for what the bot channel would refuse. */
function toContent(body: Record<string, unknown>, media: MediaStore): ChatContent | undefined {
  const text = (v: unknown) =>
    typeof v === 'object' && v !== null && 'content' in v ? String(v.content) : '';
  switch (body.msgtype) {
    case 'stream':
    case 'markdown': {
      const content = text(body.msgtype === 'stream' ? body.stream : body.markdown);
      return content ? { kind: 'markdown', text: content } : undefined;
    }
    case 'text':
      return text(body.text) ? { kind: 'text', text: text(body.text) } : undefined;
    case 'template_card': {
      const card = parseTemplateCard(body.template_card);
      return card.ok ? { kind: 'card', card: card.view } : undefined;
    }
    case 'image': {
      const mediaId = String((body.image as { media_id?: unknown } | undefined)?.media_id ?? '');
      return media.get(mediaId) ? { kind: 'image', mediaId, url: mediaUrl(mediaId) } : undefined;
    }
    default:
      return undefined;
  }
}
