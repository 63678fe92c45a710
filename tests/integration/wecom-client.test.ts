import pino from 'pino';
import { PlatformApiError } from '../../bot/outbox/platform';
import { WecomClient } from '../../bot/wecom/client';
import type { Reply } from '../../domain/messages/reply';
import { fail, FakeWecomApi, type Answer } from '../support/fake-wecom-api';

const SECRET = 'SECRET-never-logged-7f3a9c';
const CORP_ID = 'wwtestcorp000001';
const SEND = '/cgi-bin/message/send';

const text = (t: string): Reply => ({ kind: 'text', text: t });
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);
const image: Reply = {
  kind: 'image',
  dataBase64: png.toString('base64'),
  fileName: 'report.png',
  contentType: 'image/png',
};
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
  fake = new FakeWecomApi({ corpId: CORP_ID, secret: SECRET });
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
    const closed = new FakeWecomApi({ corpId: CORP_ID, secret: SECRET });
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
    const file = {
      field: 'media',
      fileName: 'report.png',
      contentType: 'image/png',
      size: png.length,
      bytes: png,
    };
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
