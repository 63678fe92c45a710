import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Koa from 'koa';
import pino from 'pino';
import type { DingtalkConfig } from '../../bot/config';
import { createDingtalkRouter } from '../../bot/dingtalk/routes';
import type { AcceptResult, Intake } from '../../bot/intake';
import { Metrics } from '../../bot/metrics';
import type { InboundEvent } from '../../domain/messages/inbound-event';

const APP_SECRET = 'test-app-secret-not-real';
const CORP_ID = 'ding0123456789abcdef';
const NOW = new Date('2025-11-26T03:01:00.000Z');
const HOUR = 60 * 60 * 1000;

const config: DingtalkConfig = {
  appKey: 'dingappkey',
  appSecret: APP_SECRET,
  robotCode: 'dingrobot0123456789',
  corpId: CORP_ID,
  apiBase: 'http://127.0.0.1:9',
  oapiBase: 'http://127.0.0.1:9',
};

/** Our own Intake boundary, recorded in memory; `failure` makes it behave like an unavailable database. */
class RecordingIntake implements Intake {
  readonly batches: InboundEvent[][] = [];
  failure?: Error;

  async accept(events: InboundEvent[]): Promise<AcceptResult> {
    if (this.failure) throw this.failure;
    this.batches.push(events);
    return { accepted: events.length, duplicates: 0 };
  }
}

function readFixture(name: string): string {
  return readFileSync(join(__dirname, '../fixtures/dingtalk', name), 'utf8');
}

/** The headers DingTalk adds to an HTTP-mode callback, computed as its docs describe. */
function signHeaders(timestampMs: number, secret = APP_SECRET): Record<string, string> {
  const timestamp = String(timestampMs);
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return { timestamp, sign };
}

/** The pairs this router has seen (the real bot keeps them in the database). */
const pairs = new Map<string, string>();
function rememberPair(key: string, bodyHash: string): 'first' | 'same_body' | 'other_body' {
  const seen = pairs.get(key);
  if (seen === undefined) pairs.set(key, bodyHash);
  return seen === undefined ? 'first' : seen === bodyHash ? 'same_body' : 'other_body';
}

describe('DingTalk adapter over HTTP', () => {
  let server: Server;
  let url: string;
  let intake: RecordingIntake;
  let metrics: Metrics;

  beforeEach(async () => {
    pairs.clear();
    intake = new RecordingIntake();
    metrics = new Metrics();
    const router = createDingtalkRouter({
      resolve: async (slug) => (slug === undefined ? config : undefined),
      intake,
      metrics,
      logger: pino({ level: 'silent' }),
      signatures: { use: async (key, bodyHash) => rememberPair(key, bodyHash) },
      now: () => NOW,
    });
    const app = new Koa();
    app.use(router.routes()).use(router.allowedMethods());
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/callback`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['text.json', [['text', 'msgAbCdEf0123456789==']]],
    ['picture.json', [['image', 'msgPic0123456789==']]],
    [
      'richtext.json',
      [
        ['text', 'msgRich0123456789=='],
        ['image', 'msgRich0123456789==#1'],
      ],
    ],
    ['card-callback.json', [['card_action', expect.stringMatching(/^card:/)]]],
  ])('accepts the signed %s fixture with an empty 200 and records its events', async (fixture, expected) => {
    const response = await post(readFixture(fixture), signHeaders(NOW.getTime() - 2000));

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(intake.batches).toHaveLength(1);
    const events = intake.batches[0] ?? [];
    expect(events.map((e) => [e.kind, e.msgId])).toEqual(expected);
    for (const event of events) {
      expect(event).toMatchObject({ tenantId: CORP_ID, platform: 'dingtalk', receivedAt: NOW });
    }
  });

  it('accepts a well-formed message of an unknown type as unsupported', async () => {
    const body = JSON.stringify({ ...(JSON.parse(readFixture('text.json')) as object), msgtype: 'video' });
    const response = await post(body, signHeaders(NOW.getTime()));
    expect(response.status).toBe(200);
    expect(intake.batches[0]).toMatchObject([{ kind: 'unsupported', originalType: 'video' }]);
  });

  it('refuses a wrong sign with 401 and records nothing', async () => {
    const response = await post(readFixture('text.json'), signHeaders(NOW.getTime(), 'wrong-secret'));
    expect(response.status).toBe(401);
    expect(intake.batches).toEqual([]);
    expect(metrics.get('callback_rejected_total', { platform: 'dingtalk', reason: 'signature' })).toBe(1);
  });

  it('refuses a correctly signed but stale timestamp with 401', async () => {
    const response = await post(readFixture('text.json'), signHeaders(NOW.getTime() - HOUR - 60_000));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('stale_timestamp');
    expect(intake.batches).toEqual([]);
  });

  it('refuses a request without the sign headers with 401', async () => {
    const response = await post(readFixture('text.json'), {});
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('missing_headers');
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post('{"msgId": "x", ', signHeaders(NOW.getTime()));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('payload');
    expect(intake.batches).toEqual([]);
  });

  it('refuses a payload from another corp with 400 corp_id', async () => {
    const body = JSON.stringify({
      ...(JSON.parse(readFixture('text.json')) as object),
      senderCorpId: 'dingother',
    });
    const response = await post(body, signHeaders(NOW.getTime()));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('corp_id');
  });

  it('refuses a 1.5 MB body with 413', async () => {
    const body = new Uint8Array(1.5 * 1024 * 1024).fill(0x61);
    const response = await post(body, signHeaders(NOW.getTime()));
    expect(response.status).toBe(413);
    expect(intake.batches).toEqual([]);
  });

  it('answers 503 when the intake cannot store the events, so DingTalk retries', async () => {
    intake.failure = new Error('database is locked');
    const response = await post(readFixture('text.json'), signHeaders(NOW.getTime()));
    expect(response.status).toBe(503);
    expect(metrics.get('callback_intake_failed_total', { platform: 'dingtalk' })).toBe(1);
  });
});
