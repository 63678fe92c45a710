import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { PlatformApiError } from '../../bot/platform';
import { WecomClient } from '../../bot/wecom/client';
import type { Reply } from '../../domain/messages/reply';

const SECRET = 'SECRET-never-logged-7f3a9c';
const CORP_ID = 'wwtestcorp000001';
const SEND = '/cgi-bin/message/send';

type RecordedFile = { field: string; fileName: string; contentType: string; size: number };
type Query = Record<string, string>;
type RecordedRequest = { method: string; path: string; query: Query; json?: unknown; files?: RecordedFile[] };
/** `hang`: never answer, so the client's timeout must fire. */
type Answer = { status?: number; json?: unknown; bytes?: Buffer; contentType?: string; hang?: boolean };

const ok = (fields: object): Answer => ({ json: { errcode: 0, errmsg: 'ok', ...fields } });
const fail = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg } });

/**
 * A strict stand-in for qyapi.weixin.qq.com on loopback: issues tokens, answers 42001 / 40014 for expired
 * or revoked ones like WeCom, records every request, and answers 404 (failing the test) to anything else.
 */
class FakeWecomApi {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  /** message/send bodies WeCom accepted, with the token they came with. */
  readonly delivered: Array<{ token: string; body: unknown }> = [];
  readonly media = new Map<string, Buffer>();
  readonly issuedTokens: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly expiredTokens = new Set<string>();
  private readonly scripted = new Map<string, Answer[]>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly routes: Record<string, (r: RecordedRequest, token: string) => Answer> = {
    [`POST ${SEND}`]: (r, token) => {
      this.delivered.push({ token, body: r.json });
      return ok({ invaliduser: '', msgid: `msg-${this.delivered.length}` });
    },
    'POST /cgi-bin/message/update_template_card': () => ok({}),
    'POST /cgi-bin/media/upload': () => ok({ type: 'image', media_id: 'MEDIA-1', created_at: '1380000000' }),
    'GET /cgi-bin/media/get': (r) => {
      const bytes = this.media.get(r.query.media_id ?? '');
      return bytes ? { bytes, contentType: 'image/jpeg' } : fail(40007, 'invalid media_id');
    },
    'GET /cgi-bin/get_jsapi_ticket': () => ok({ ticket: 'TICKET-1', expires_in: 7200 }),
  };

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call to `path` gets `answer` instead of the normal behaviour. */
  failNext(path: string, answer: Answer): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), answer]);
  }

  expireTokens(): void {
    for (const token of this.validTokens) this.expiredTokens.add(token);
    this.validTokens.clear();
  }

  revokeTokens(): void {
    this.validTokens.clear();
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const r: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json')) r.json = JSON.parse(raw.toString('utf8'));
    if (contentType.startsWith('multipart/form-data')) r.files = await readFiles(raw, contentType);
    this.requests.push(r);
    const answer = this.scripted.get(r.path)?.shift() ?? this.answer(r);
    if (answer.hang) return;
    const type = answer.contentType ?? 'application/json; charset=UTF-8';
    res.writeHead(answer.status ?? 200, { 'content-type': type });
    res.end(answer.bytes ?? JSON.stringify(answer.json ?? {}));
  }

  private answer(r: RecordedRequest): Answer {
    const route = `${r.method} ${r.path}`;
    if (route === 'GET /cgi-bin/gettoken') {
      if (r.query.corpid !== CORP_ID || r.query.corpsecret !== SECRET)
        return fail(40001, 'invalid credential');
      const token = `TOKEN-${this.issuedTokens.length + 1}-x9q`;
      this.issuedTokens.push(token);
      this.validTokens.add(token);
      return ok({ access_token: token, expires_in: 7200 });
    }
    const handler = this.routes[route];
    if (!handler) {
      this.unexpected.push(route);
      return { status: 404, json: { errcode: 404, errmsg: 'not found' } };
    }
    const token = r.query.access_token ?? '';
    if (this.expiredTokens.has(token)) return fail(42001, 'access_token expired');
    if (!this.validTokens.has(token)) return fail(40014, 'invalid access_token');
    return handler(r, token);
  }
}

async function readFiles(raw: Buffer, contentType: string): Promise<RecordedFile[]> {
  const headers = { 'content-type': contentType };
  const form = await new Response(new Uint8Array(raw), { headers }).formData();
  const files: RecordedFile[] = [];
  form.forEach((v, field) => {
    if (typeof v !== 'string') files.push({ field, fileName: v.name, contentType: v.type, size: v.size });
  });
  return files;
}

const text = (t: string): Reply => ({ kind: 'text', text: t });
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);
const image: Reply = { kind: 'image', pngBase64: png.toString('base64'), fileName: 'report.png' };
const decided = { id: 'approval_42', title: '请假审批', status: '已同意', fields: [], buttons: [] };

let fake: FakeWecomApi;
let apiBase: string;
let logLines: string[];
let client: WecomClient;

function createClient(base: string, timeoutMs?: number): WecomClient {
  const config = {
    corpId: CORP_ID,
    agentId: '1000002',
    secret: SECRET,
    token: '',
    aesKey: '',
    apiBase: base,
  };
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  return new WecomClient({ config, logger, timeoutMs });
}

beforeEach(async () => {
  fake = new FakeWecomApi();
  logLines = [];
  apiBase = await fake.start();
  client = createClient(apiBase);
});

afterEach(async () => {
  await fake.stop();
  expect(fake.unexpected).toEqual([]);
});

describe('WecomClient against a fake WeCom API', () => {
  it('fetches the access token once and reuses it across sends', async () => {
    const results = [await client.send('zhangsan', text('a')), await client.send('lisi', text('b'))];
    expect(results).toEqual([{ platformMsgId: 'msg-1' }, { platformMsgId: 'msg-2' }]);
    expect(fake.requestsTo('/cgi-bin/gettoken')).toEqual([
      { method: 'GET', path: '/cgi-bin/gettoken', query: { corpid: CORP_ID, corpsecret: SECRET } },
    ]);
    expect(fake.requestsTo(SEND).map((r) => r.query.access_token)).toEqual(['TOKEN-1-x9q', 'TOKEN-1-x9q']);
    const body = { touser: 'zhangsan', agentid: 1000002, msgtype: 'text', text: { content: 'a' } };
    expect(fake.delivered[0]?.body).toEqual(body);
  });

  it.each([
    ['42001 (expired)', () => fake.expireTokens()],
    ['40014 (invalid)', () => fake.revokeTokens()],
  ])('on %s fetches a new token and delivers the message exactly once', async (_name, invalidate) => {
    await client.send('zhangsan', text('before'));
    invalidate();
    await expect(client.send('zhangsan', text('after'))).resolves.toEqual({ platformMsgId: 'msg-2' });
    expect(fake.issuedTokens).toEqual(['TOKEN-1-x9q', 'TOKEN-2-x9q']);
    expect(fake.requestsTo(SEND)).toHaveLength(3);
    expect(fake.delivered.map((d) => d.token)).toEqual(['TOKEN-1-x9q', 'TOKEN-2-x9q']);
  });

  it('reports 60020 as a setup error naming the trusted IP list, not retryable', async () => {
    fake.failNext(SEND, fail(60020, 'not allow to access from your ip'));
    const error = await client.send('zhangsan', text('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformApiError);
    expect(error).toMatchObject({ code: '60020', retryable: false });
    expect((error as Error).message).toMatch(/trusted IP list \(企业可信IP\)/);
    expect(fake.delivered).toHaveLength(0);
  });

  it.each([
    ['45009 rate limit', fail(45009, 'api freq out of limit'), '45009', true],
    ['-1 system busy', fail(-1, 'system busy'), '-1', true],
    ['HTTP 502', { status: 502, bytes: Buffer.from('Bad Gateway') }, 'http_502', true],
    ['81013 all recipients invalid', fail(81013, 'user & party & tag all invalid'), '81013', false],
  ])('classifies %s', async (_name, answer: Answer, code, retryable) => {
    fake.failNext(SEND, answer);
    const expected = { name: 'PlatformApiError', code, retryable };
    await expect(client.send('zhangsan', text('a'))).rejects.toMatchObject(expected);
    expect(fake.requestsTo(SEND)).toHaveLength(1);
  });

  it('treats a call that outlives the timeout as retryable', async () => {
    fake.failNext(SEND, { hang: true });
    const result = createClient(apiBase, 150).send('zhangsan', text('a'));
    await expect(result).rejects.toMatchObject({ code: 'timeout', retryable: true });
  });

  it('treats a refused connection as retryable', async () => {
    const closed = new FakeWecomApi();
    const base = await closed.start();
    await closed.stop();
    const result = createClient(base).send('zhangsan', text('a'));
    await expect(result).rejects.toMatchObject({ code: 'network', retryable: true });
  });

  it('sends an image as a multipart upload of field `media`, then message/send with its media_id', async () => {
    await expect(client.send('zhangsan', image)).resolves.toEqual({ platformMsgId: 'msg-1' });
    expect(fake.requests.map((r) => r.path)).toEqual(['/cgi-bin/gettoken', '/cgi-bin/media/upload', SEND]);
    const [upload] = fake.requestsTo('/cgi-bin/media/upload');
    expect(upload?.query).toEqual({ access_token: 'TOKEN-1-x9q', type: 'image' });
    const file = { field: 'media', fileName: 'report.png', contentType: 'image/png', size: png.length };
    expect(upload?.files).toEqual([file]);
    const body = { touser: 'zhangsan', agentid: 1000002, msgtype: 'image', image: { media_id: 'MEDIA-1' } };
    expect(fake.delivered[0]?.body).toEqual(body);
  });

  it('downloads media bytes, and turns a JSON error body into an error', async () => {
    fake.media.set('PHOTO-1', png);
    await expect(client.downloadMedia('PHOTO-1')).resolves.toEqual({ bytes: png, contentType: 'image/jpeg' });
    const query = { access_token: 'TOKEN-1-x9q', media_id: 'PHOTO-1' };
    expect(fake.requestsTo('/cgi-bin/media/get')[0]?.query).toEqual(query);
    await expect(client.downloadMedia('GONE')).rejects.toMatchObject({ code: '40007', retryable: false });
  });

  it('refreshes the token when media/get answers 42001', async () => {
    fake.media.set('PHOTO-1', png);
    await client.getAccessToken().then(() => fake.expireTokens());
    await expect(client.downloadMedia('PHOTO-1')).resolves.toMatchObject({ bytes: png });
    expect(fake.issuedTokens).toHaveLength(2);
  });

  it('closes a decided card through update_template_card with the response code', async () => {
    const reply: Reply = { kind: 'card_update', card: decided, updateToken: 'RC-1' };
    await expect(client.send('zhangsan', reply)).resolves.toEqual({});
    const [update, ...others] = fake.requestsTo('/cgi-bin/message/update_template_card');
    expect([update?.method, update?.query, others]).toEqual(['POST', { access_token: 'TOKEN-1-x9q' }, []]);
    const button = { replace_name: '已同意' };
    expect(update?.json).toEqual({ userids: ['zhangsan'], agentid: 1000002, response_code: 'RC-1', button });
  });

  it('refuses a card update without a response code before calling WeCom', async () => {
    const result = client.send('zhangsan', { kind: 'card_update', card: decided });
    await expect(result).rejects.toMatchObject({
      code: 'wecom.render.missing_update_token',
      retryable: false,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('caches the JS-SDK ticket like the token', async () => {
    expect([await client.getJsApiTicket(), await client.getJsApiTicket()]).toEqual(['TICKET-1', 'TICKET-1']);
    expect(fake.requestsTo('/cgi-bin/get_jsapi_ticket')).toHaveLength(1);
  });

  it('logs one debug line per call with the path only, never the token or the secret', async () => {
    await client.send('zhangsan', text('a'));
    fake.expireTokens();
    await client.send('zhangsan', image);
    fake.failNext(SEND, fail(60020, 'not allow to access from your ip'));
    await client.send('zhangsan', text('b')).catch(() => undefined);
    const calls = logLines.map((l) => JSON.parse(l) as { api: string; code: string });
    expect(calls.map((c) => `${c.api} ${c.code}`)).toEqual([
      '/cgi-bin/gettoken 0',
      `${SEND} 0`,
      '/cgi-bin/media/upload 42001',
      '/cgi-bin/gettoken 0',
      '/cgi-bin/media/upload 0',
      `${SEND} 0`,
      `${SEND} 60020`,
    ]);
    const output = logLines.join('');
    for (const secret of [SECRET, ...fake.issuedTokens, 'access_token', 'corpsecret']) {
      expect(output).not.toContain(secret);
    }
  });
});
