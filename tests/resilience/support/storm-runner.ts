import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildCallbackXml, type CallbackMessage } from '../../../bot/simulator/callback-xml';
import type { FakeWecomApi } from '../../support/fake-wecom-api';
import { encryptCallback, type SignedCallback, type WecomApp } from '../../support/wecom-callback';
import { seededRandom, type StormMessage, type StormPlan } from './storm-plan';

/** Texts that are commands every user may send; their replies are counted, not matched one by one. */
const COMMANDS = ['帮助', '今日考勤', '客户 华为'];
/** Around Shenzhen, so some locations fall near seeded customers. */
const BASE = { lat: 22.54, lng: 114.05 };
export const STORM_MEDIA_IDS = Array.from({ length: 8 }, (_, i) => `storm-media-${i}`);

/** The echo text of message `index`: the bot quotes unknown text back, so each reply names its message. */
export const echoText = (index: number): string => `storm-${index}`;

export interface SentCallback {
  index: number;
  kind: StormMessage['kind'];
  user: string;
  /** The MsgId (the inbox's key); null for card taps, which are events and carry none. */
  msgId: string | null;
  callback: SignedCallback;
  /** Set once any copy of it was answered 200. */
  acked: boolean;
}

export interface StormStats {
  requests: number;
  ok: number;
  /** Answers other than 200 (503 while the database is down) and transport errors (server killed). */
  failed: number;
  /** Platform-style re-sends of callbacks that were not answered 200. */
  retries: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
}

export interface StormRunnerOptions {
  app: WecomApp;
  agentId: string;
  /** Where to post; a function because a restarted server may come back on another address. */
  baseUrl: () => string;
  fake: FakeWecomApi;
  /** WeCom re-sends a callback whose answer failed or took more than 5 s. */
  retryAfterMs?: number;
  timeoutMs?: number;
  seed: number;
}

/**
 * Plays a storm against the running bot like WeCom would: each callback sealed (AES + signature) when it is
 * first sent, replays re-send the very same bytes, and a callback not answered 200 is re-sent after 5 s
 * (for ever here — real WeCom gives up after three tries, see README "Resilience").
 */
export class StormRunner {
  readonly sent = new Map<number, SentCallback>();
  readonly stats: StormStats = {
    requests: 0,
    ok: 0,
    failed: 0,
    retries: 0,
    latenciesMs: [],
    statuses: {},
  };
  private readonly inFlight = new Set<Promise<void>>();
  /** The last transport error, for a run that goes wrong. */
  lastError: unknown;
  private readonly random: () => number;
  private readonly cardsSeen = new Map<string, Array<{ taskId: string; keys: string[] }>>();
  private deliveredScanned = 0;
  private msgIdBase = 7_400_000_000_000_000_000n + BigInt(Date.now()) * 1000n;
  private createTime = Math.floor(Date.now() / 1000);

  constructor(private readonly options: StormRunnerOptions) {
    this.random = seededRandom(options.seed ^ 0x5eed);
  }

  /** Sends the plan on its schedule; `at(ms)` hooks run when the run passes `ms` (fault injection). */
  async run(plan: StormPlan, hooks: Array<{ atMs: number; run: () => Promise<void> }> = []): Promise<void> {
    type Step = { atMs: number; order: number; go: () => void };
    const steps: Step[] = [
      ...plan.messages.map((m) => ({ atMs: m.atMs, order: 0, go: () => this.sendFirst(m) })),
      ...plan.replays.map((r) => ({ atMs: r.atMs, order: 1, go: () => this.replay(r.index) })),
    ].sort((a, b) => a.atMs - b.atMs || a.order - b.order);
    const pendingHooks = [...hooks].sort((a, b) => a.atMs - b.atMs);
    const hookRuns: Promise<void>[] = [];
    const started = performance.now();
    let next = 0;
    while (next < steps.length) {
      const elapsed = performance.now() - started;
      while (pendingHooks[0] && pendingHooks[0].atMs <= elapsed) {
        const hook = pendingHooks.shift();
        if (hook) hookRuns.push(hook.run());
      }
      while (next < steps.length && (steps[next]?.atMs ?? Infinity) <= elapsed) steps[next++]?.go();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const hook of pendingHooks) hookRuns.push(hook.run());
    await Promise.all(hookRuns);
    await this.settle();
  }

  /** Resolves when no request or re-send is outstanding. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  get distinctSent(): number {
    return this.sent.size;
  }

  private sendFirst(message: StormMessage): void {
    const msgId = (this.msgIdBase++).toString();
    const header = {
      corpId: this.options.app.corpId,
      agentId: this.options.agentId,
      fromUser: message.user,
      createTime: Math.floor(Date.now() / 1000),
      msgId,
    };
    const xml = buildCallbackXml(header, this.contentOf(message));
    const entry: SentCallback = {
      index: message.index,
      kind: message.kind,
      user: message.user,
      msgId: message.kind === 'tap' ? null : msgId,
      callback: encryptCallback(this.options.app, xml, { nonce: randomBytes(6).toString('hex') }),
      acked: false,
    };
    this.sent.set(message.index, entry);
    this.post(entry);
  }

  private replay(index: number): void {
    const entry = this.sent.get(index);
    if (entry) this.post(entry);
  }

  private contentOf(message: StormMessage): CallbackMessage {
    switch (message.kind) {
      case 'echo':
        return { kind: 'text', content: echoText(message.index) };
      case 'command':
        return { kind: 'text', content: COMMANDS[message.index % COMMANDS.length] ?? '帮助' };
      case 'location':
        return {
          kind: 'location',
          lat: BASE.lat + (this.random() - 0.5) * 0.05,
          lng: BASE.lng + (this.random() - 0.5) * 0.05,
          scale: 15,
          label: '深圳市南山区',
        };
      case 'image': {
        const mediaId = STORM_MEDIA_IDS[message.index % STORM_MEDIA_IDS.length] ?? 'storm-media-0';
        return { kind: 'image', picUrl: `https://wework.qpic.cn/wwpic/${mediaId}/0`, mediaId };
      }
      case 'tap':
        return this.tapFor(message.user);
    }
  }

  /** A tap on a button of the latest card the user got, or, with none yet, on a card that does not exist. */
  private tapFor(user: string): CallbackMessage {
    this.scanCards();
    const card = this.cardsSeen.get(user)?.pop();
    const key = card?.keys[Math.floor(this.random() * card.keys.length)] ?? 'loc:999999999:checkin_in';
    this.createTime += 1;
    return {
      kind: 'card_action',
      eventKey: key,
      taskId: card?.taskId ?? 'storm-no-such-card',
      cardType: 'button_interaction',
      responseCode: `storm-rc-${this.createTime}-${randomBytes(4).toString('hex')}`,
      selected: [],
    };
  }

  private scanCards(): void {
    const delivered = this.options.fake.delivered;
    for (; this.deliveredScanned < delivered.length; this.deliveredScanned++) {
      const body = delivered[this.deliveredScanned]?.body as {
        touser?: string;
        template_card?: { task_id: string; button_list?: Array<{ key: string }> };
      };
      const card = body.template_card;
      if (!body.touser || !card?.button_list?.length) continue;
      const list = this.cardsSeen.get(body.touser) ?? [];
      list.push({ taskId: card.task_id, keys: card.button_list.map((b) => b.key) });
      this.cardsSeen.set(body.touser, list);
    }
  }

  private post(entry: SentCallback): void {
    const attempt = this.postOnce(entry);
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }

  private async postOnce(entry: SentCallback): Promise<void> {
    const { stats } = this;
    stats.requests++;
    const started = performance.now();
    let status: string;
    try {
      const res = await fetch(`${this.options.baseUrl()}/wecom/callback?${entry.callback.query}`, {
        method: 'POST',
        body: entry.callback.body,
        headers: { 'content-type': 'text/xml' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      await res.arrayBuffer();
      status = String(res.status);
    } catch (error) {
      status = (error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'error';
      this.lastError = error;
    }
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    if (status === '200') {
      stats.ok++;
      stats.latenciesMs.push(performance.now() - started);
      entry.acked = true;
      return;
    }
    stats.failed++;
    stats.retries++;
    await new Promise((resolve) => setTimeout(resolve, this.options.retryAfterMs ?? 5000));
    await this.postOnce(entry);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
