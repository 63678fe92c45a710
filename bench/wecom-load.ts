import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import type { WecomConfig } from '../bot/config';
import { buildCallbackXml } from '../bot/simulator/callback-xml';
import { sealCallback } from '../bot/simulator/callback-sender';

/**
 * What the benchmark plays on WeCom's side: signed, encrypted text-message callbacks, each with its own
 * MsgId so every request is a real inbox insert (a repeated MsgId would be a cheap duplicate), and a
 * stand-in for WeCom's HTTP API so the bot's replies succeed on loopback.
 */

/** A fixed app for the bench; public on purpose, it protects nothing. Corp id as in tests/fixtures/wecom. */
export const BENCH_WECOM: Pick<WecomConfig, 'corpId' | 'agentId' | 'secret' | 'token' | 'aesKey'> = {
  corpId: 'ww1234567890abcdef',
  agentId: '1000002',
  secret: 'bench-secret-not-a-real-one',
  token: 'benchtoken',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** The text of tests/fixtures/wecom/text.xml: "start a visit", which the bot handles after the ack. */
const CONTENT = '拜访 华为深圳';

export interface CallbackRequest {
  path: string;
  body: Buffer;
}

export interface WecomLoadOptions {
  /** Senders cycle over this many users (ZhangSan-0 …), like a sales team rather than one chatty rep. */
  users: number;
}

/**
 * A pool of sealed callbacks, consumed in order. `sealAhead` fills it before a measured run, since
 * sealing (AES, SHA-1, XML) during the run would load the load generator; running past the end seals
 * more on the fly and counts them. `cycle` re-sends the pool for servers that do not care about
 * uniqueness (the bare-Koa baseline), so both runs put identical bytes on the wire.
 */
export class WecomLoad {
  private readonly pool: CallbackRequest[] = [];
  private cursor = 0;
  private nextMsgId: bigint;
  private sealedTotal = 0;
  /** Callbacks sealed on demand because the pool had run out. */
  sealedOnDemand = 0;

  constructor(private readonly options: WecomLoadOptions) {
    // 19 digits like WeCom's, from the clock, so a second run against a kept database never repeats one.
    this.nextMsgId = 7_000_000_000_000_000_000n + BigInt(Date.now()) * 1000n;
  }

  /** Seals callbacks until at least `count` not yet sent are waiting. */
  sealAhead(count: number): void {
    while (this.pool.length - this.cursor < count) this.pool.push(this.seal());
  }

  /** The next never-sent callback. */
  take(): CallbackRequest {
    const next = this.pool[this.cursor];
    if (next !== undefined) {
      this.cursor++;
      return next;
    }
    this.sealedOnDemand++;
    return this.seal();
  }

  /** How many distinct callbacks have been handed out so far. */
  get taken(): number {
    return this.cursor + this.sealedOnDemand;
  }

  /** autocannon requests that send each callback once (fieldbot) or cycle over the pool (baseline). */
  requests(mode: 'unique' | 'cycle'): autocannon.Request[] {
    let cycleAt = 0;
    const next = (): CallbackRequest => {
      if (mode === 'unique') return this.take();
      const request = this.pool[cycleAt % this.pool.length];
      cycleAt++;
      if (request === undefined) throw new Error('the callback pool is empty');
      return request;
    };
    return [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        setupRequest: (request) => {
          const callback = next();
          request.path = callback.path;
          request.body = callback.body;
          return request;
        },
      },
    ];
  }

  private seal(): CallbackRequest {
    const msgId = (this.nextMsgId++).toString();
    const now = Math.floor(Date.now() / 1000);
    const fromUser = `ZhangSan-${this.sealedTotal++ % this.options.users}`;
    const inner = buildCallbackXml(
      { corpId: BENCH_WECOM.corpId, agentId: BENCH_WECOM.agentId, fromUser, createTime: now, msgId },
      { kind: 'text', content: CONTENT },
    );
    const sealed = sealCallback(inner, BENCH_WECOM, {
      timestamp: String(now),
      nonce: randomBytes(8).toString('hex'),
    });
    const query = new URLSearchParams(sealed.query).toString();
    return { path: `/wecom/callback?${query}`, body: Buffer.from(sealed.body) };
  }
}

export interface WecomApiStub {
  url: string;
  /** Calls received per path, e.g. `/cgi-bin/message/send`. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

/**
 * The WeCom HTTP API on loopback, answering errcode 0: gettoken hands out a token valid 7200 s (as
 * WeCom does), message/send accepts everything. The bench counts the calls to show replies went out.
 */
export async function startWecomApiStub(): Promise<WecomApiStub> {
  const calls = new Map<string, number>();
  let msgSeq = 0;
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    calls.set(path, (calls.get(path) ?? 0) + 1);
    let payload: Record<string, unknown> = { errcode: 0, errmsg: 'ok' };
    if (path === '/cgi-bin/gettoken')
      payload = { ...payload, access_token: 'bench-access-token', expires_in: 7200 };
    else if (path === '/cgi-bin/message/send')
      payload = { ...payload, msgid: `bench-${++msgSeq}`, invaliduser: '' };
    else if (path === '/cgi-bin/media/upload')
      payload = { ...payload, type: 'image', media_id: `bench-media-${++msgSeq}` };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  };
  const server = createServer((req, res) => {
    // Drain the request body before answering, as the real API would read it.
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
