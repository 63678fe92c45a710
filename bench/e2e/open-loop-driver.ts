import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { buildCallbackXml, type CallbackMessage } from '../../bot/simulator/callback-xml';
import { sealCallback } from '../../bot/simulator/callback-sender';
import { parseWecomMessage } from '../../bot/wecom/parse';
import { BENCH_WECOM } from '../wecom-load';
import type { LastCard } from './recording-wecom-api';

/** Customers of the demo seed the bench server loads, with their positions (near ones get a visit button). */
const CUSTOMERS = [
  { name: '华为深圳', lat: 22.6543, lng: 114.0612 },
  { name: '腾讯滨海大厦', lat: 22.5225, lng: 113.9357 },
  { name: '比亚迪坪山', lat: 22.6937, lng: 114.3496 },
];
const FREE_TEXT = ['今天客户反馈不错', '下午再去一趟', '好的', '收到，马上处理', '明天上午有空吗'];

/** What field reps send, by share of the traffic. */
const MIX: Array<{ kind: string; weight: number }> = [
  { kind: 'location', weight: 20 },
  { kind: 'card_tap', weight: 15 },
  { kind: '签到', weight: 10 },
  { kind: '帮助', weight: 10 },
  { kind: '今日考勤', weight: 10 },
  { kind: '客户', weight: 20 },
  { kind: 'free_text', weight: 15 },
];
const MIX_TOTAL = MIX.reduce((sum, m) => sum + m.weight, 0);

export interface SentEvent {
  user: string;
  kind: string;
  /** When the open-loop schedule meant to send it (performance.now()); latencies count from here. */
  scheduledAt: number;
  /**
   * When the driver handed the request to its HTTP agent: past `scheduledAt` when the driver itself fell
   * behind (its own CPU), which the ack and reply latencies then include although the server never saw it.
   */
  handedAt?: number;
  ackedAt?: number;
  status?: number;
}

export interface DriverRun {
  /** By the inbox's dedup key (MsgId, or the event key WeCom events are de-duplicated on). */
  events: Map<string, SentEvent>;
  failedAcks: number;
  /** Why, by HTTP status or error code (`503`, `ECONNRESET` …). */
  failedAckReasons: Record<string, number>;
}

/**
 * Sends signed, encrypted WeCom callbacks at a constant arrival rate, whatever the server's answers take
 * (open loop: a slow server gets a queue, not a slower driver), from `users` reps picked at random.
 * A card tap answers the last card the user was sent, as a rep would; one who has none types instead.
 */
export class OpenLoopDriver {
  // Idle sockets closed after 4 s, before the server's 5 s keep-alive timeout would: a request written to a
  // socket the server is closing at that moment fails with ECONNRESET, a driver artifact counted as lost.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });
  private msgId = 7_100_000_000_000_000_000n + BigInt(Date.now()) * 1000n;
  private readonly events = new Map<string, SentEvent>();
  private failedAcks = 0;
  private failedAckReasons: Record<string, number> = {};
  private inFlight = 0;

  constructor(
    private readonly options: {
      targets: string[];
      users: number;
      lastCard: (user: string) => LastCard | undefined;
    },
  ) {}

  /** Sends at `rate` per second for `seconds`; resolves once every request has its answer. */
  async run(rate: number, seconds: number): Promise<DriverRun> {
    this.events.clear();
    this.failedAcks = 0;
    this.failedAckReasons = {};
    const start = performance.now();
    const total = Math.round(rate * seconds);
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
        while (sent < due) this.send(start + (sent++ * 1000) / rate, sent);
        if (sent >= total) resolve();
        else setTimeout(tick, 2);
      };
      tick();
    });
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      events: new Map(this.events),
      failedAcks: this.failedAcks,
      failedAckReasons: this.failedAckReasons,
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private send(scheduledAt: number, seq: number): void {
    const user = `rep-${Math.floor(Math.random() * this.options.users)}`;
    const { kind, message } = this.pickMessage(user);
    const now = Math.floor(Date.now() / 1000);
    const msgId = (this.msgId++).toString();
    const header = {
      corpId: BENCH_WECOM.corpId,
      agentId: BENCH_WECOM.agentId,
      fromUser: user,
      createTime: now,
      msgId,
    };
    const inner = buildCallbackXml(header, message);
    // The key the inbox de-duplicates on, from the bot's own parser (events have no MsgId).
    const dedupKey = parseWecomMessage(inner, BENCH_WECOM.corpId, new Date()).msgId;
    const sealed = sealCallback(inner, BENCH_WECOM, {
      timestamp: String(now),
      nonce: randomBytes(8).toString('hex'),
    });
    const event: SentEvent = { user, kind, scheduledAt };
    this.events.set(dedupKey, event);
    const target = this.options.targets[seq % this.options.targets.length];
    const url = new URL(`${target}/wecom/callback?${new URLSearchParams(sealed.query).toString()}`);
    this.inFlight++;
    const req = request(
      url,
      { method: 'POST', agent: this.agent, headers: { 'content-type': 'text/xml; charset=utf-8' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          event.ackedAt = performance.now();
          event.status = res.statusCode;
          if (res.statusCode !== 200) this.ackFailed(String(res.statusCode));
          this.inFlight--;
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      this.ackFailed(error.code ?? error.message);
      this.inFlight--;
    });
    req.end(sealed.body);
    event.handedAt = performance.now();
  }

  private ackFailed(reason: string): void {
    this.failedAcks++;
    this.failedAckReasons[reason] = (this.failedAckReasons[reason] ?? 0) + 1;
  }

  private pickMessage(user: string): { kind: string; message: CallbackMessage } {
    let roll = Math.random() * MIX_TOTAL;
    const kind = MIX.find((m) => (roll -= m.weight) < 0)?.kind ?? 'free_text';
    const any = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;
    switch (kind) {
      case 'location': {
        const near = any(CUSTOMERS);
        const jitter = () => (Math.random() - 0.5) * 0.004;
        return {
          kind,
          message: {
            kind: 'location',
            lat: near.lat + jitter(),
            lng: near.lng + jitter(),
            scale: 15,
            label: '深圳市',
          },
        };
      }
      case 'card_tap': {
        const card = this.options.lastCard(user);
        if (card) {
          const message: CallbackMessage = {
            kind: 'card_action',
            eventKey: any(card.keys),
            taskId: card.taskId,
            cardType: 'button_interaction',
            responseCode: randomBytes(12).toString('hex'),
            selected: [],
          };
          return { kind, message };
        }
        return { kind: 'free_text', message: { kind: 'text', content: any(FREE_TEXT) } };
      }
      case '客户':
        return { kind, message: { kind: 'text', content: `客户 ${any(CUSTOMERS).name.slice(0, 2)}` } };
      case 'free_text':
        return { kind, message: { kind: 'text', content: any(FREE_TEXT) } };
      default:
        return { kind, message: { kind: 'text', content: kind } };
    }
  }
}
