import { Writable } from 'node:stream';
import pino from 'pino';
import { DingtalkClient } from '../../../bot/dingtalk/client';
import type { DingtalkConfig } from '../../../bot/config';
import { PlatformApiError } from '../../../bot/outbox/platform';
import type { Reply } from '../../../domain/messages/reply';
import { FakeDingtalkApi, parseJsonBody } from '../../support/fake-dingtalk-api';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'test-app-secret-not-real';
const USER = 'manager1234';

async function captureError(promise: Promise<unknown>): Promise<PlatformApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformApiError) return error;
    throw error;
  }
  throw new Error('expected a PlatformApiError');
}

describe('DingtalkClient', () => {
  let api: FakeDingtalkApi;
  let logLines: string[];
  let client: DingtalkClient;
  let config: DingtalkConfig;

  beforeEach(async () => {
    api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
    await api.start();
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    config = {
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      robotCode: 'dingrobot0123456789',
      corpId: 'ding0123456789abcdef',
      cardTemplateId: 'tpl-1.schema',
      apiBase: api.baseUrl,
      oapiBase: api.oapiBase,
    };
    client = new DingtalkClient({ config, logger: pino({ level: 'debug' }, sink) });
    api.routes.set('POST /v1.0/robot/oToMessages/batchSend', () => ({
      status: 200,
      body: { processQueryKey: 'pqk-1', invalidStaffIdList: [], flowControlledStaffIdList: [] },
    }));
  });

  afterEach(async () => {
    await api.stop();
    expect(api.unexpected).toEqual([]);
    const logs = logLines.join('');
    expect(logs).not.toContain(APP_SECRET);
    expect(logs).not.toMatch(/token-\d/);
  });

  it('fetches the token once and reuses it for two sends', async () => {
    await expect(client.send(USER, { kind: 'text', text: '签到成功' })).resolves.toEqual({
      platformMsgId: 'pqk-1',
    });
    await client.send(USER, { kind: 'markdown', title: '日报', text: '**3** 拜访' });

    const tokenCalls = api.requestsTo('/v1.0/oauth2/accessToken');
    expect(tokenCalls).toHaveLength(1);
    expect(parseJsonBody(tokenCalls[0])).toEqual({ appKey: 'dingappkey', appSecret: APP_SECRET });
    const sends = api.requestsTo('/v1.0/robot/oToMessages/batchSend');
    expect(sends.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['token-1', 'token-1']);
    expect(sends.map(parseJsonBody)).toEqual([
      {
        robotCode: 'dingrobot0123456789',
        userIds: [USER],
        msgKey: 'sampleText',
        msgParam: '{"content":"签到成功"}',
      },
      {
        robotCode: 'dingrobot0123456789',
        userIds: [USER],
        msgKey: 'sampleMarkdown',
        msgParam: '{"title":"日报","text":"**3** 拜访"}',
      },
    ]);
  });

  it('refreshes a rejected token and retries the call once', async () => {
    api.routes.set('POST /v1.0/robot/oToMessages/batchSend', (req) =>
      req.headers['x-acs-dingtalk-access-token'] === 'token-1'
        ? { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } }
        : { status: 200, body: { processQueryKey: 'pqk-2' } },
    );
    await expect(client.send(USER, { kind: 'text', text: 'hi' })).resolves.toEqual({
      platformMsgId: 'pqk-2',
    });
    expect(api.requestsTo('/v1.0/oauth2/accessToken')).toHaveLength(2);
    const sends = api.requestsTo('/v1.0/robot/oToMessages/batchSend');
    expect(sends.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['token-1', 'token-2']);
  });

  it('gives up after one retry when the fresh token is rejected too', async () => {
    api.routes.set('POST /v1.0/robot/oToMessages/batchSend', () => ({
      status: 401,
      body: { code: 'InvalidAuthentication', message: '不合法的access_token' },
    }));
    const error = await captureError(client.send(USER, { kind: 'text', text: 'hi' }));
    expect(error).toMatchObject({ code: 'InvalidAuthentication', retryable: false });
    expect(api.requestsTo('/v1.0/robot/oToMessages/batchSend')).toHaveLength(2);
  });

  it.each([
    [500, 'ServiceUnavailable', true],
    [429, 'Forbidden.AccessDenied.QpsLimitForApi', true],
    [400, 'invalidParameter.userIds', false],
    [403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', false],
  ])('turns HTTP %i %s into a PlatformApiError with retryable=%s', async (status, code, retryable) => {
    api.routes.set('POST /v1.0/robot/oToMessages/batchSend', () => ({
      status,
      body: { code, message: 'm' },
    }));
    const error = await captureError(client.send(USER, { kind: 'text', text: 'hi' }));
    expect(error).toMatchObject({
      platform: 'dingtalk',
      endpoint: '/v1.0/robot/oToMessages/batchSend',
      code,
      retryable,
    });
  });

  it('treats a network failure as retryable', async () => {
    const offline = new DingtalkClient({
      config: { ...config, apiBase: 'http://127.0.0.1:9' },
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      logger: pino({ level: 'silent' }),
    });
    const error = await captureError(offline.send(USER, { kind: 'text', text: 'hi' }));
    expect(error).toMatchObject({ code: 'network', endpoint: '/v1.0/oauth2/accessToken', retryable: true });
  });

  it('does not retry a recipient DingTalk lists as invalid', async () => {
    api.routes.set('POST /v1.0/robot/oToMessages/batchSend', () => ({
      status: 200,
      body: { processQueryKey: 'pqk-3', invalidStaffIdList: [USER] },
    }));
    const error = await captureError(client.send(USER, { kind: 'text', text: 'hi' }));
    expect(error).toMatchObject({ code: 'invalid_staff_id', retryable: false });
  });

  it('uploads an image to the legacy media API, then sends it as sampleImageMsg', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    let uploaded: { name: string; type: string; bytes: Buffer } | undefined;
    api.routes.set('POST /oapi/media/upload', async (req) => {
      const form = await new Response(new Uint8Array(req.body), {
        headers: { 'content-type': String(req.headers['content-type']) },
      }).formData();
      const file = form.get('media') as File;
      uploaded = { name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
      return { status: 200, body: { errcode: 0, errmsg: 'ok', type: 'image', media_id: '@lADPmedia01' } };
    });
    const reply: Reply = {
      kind: 'image',
      dataBase64: png.toString('base64'),
      fileName: 'report.png',
      contentType: 'image/png',
    };
    await expect(client.send(USER, reply)).resolves.toEqual({ platformMsgId: 'pqk-1' });

    const [upload] = api.requestsTo('/oapi/media/upload');
    expect(upload?.query.get('access_token')).toBe('token-1');
    expect(upload?.query.get('type')).toBe('image');
    expect(uploaded).toEqual({ name: 'report.png', type: 'image/png', bytes: png });
    expect(api.requests.map((r) => r.path)).toEqual([
      '/v1.0/oauth2/accessToken',
      '/oapi/media/upload',
      '/v1.0/robot/oToMessages/batchSend',
    ]);
    expect(parseJsonBody(api.requestsTo('/v1.0/robot/oToMessages/batchSend')[0])).toMatchObject({
      msgKey: 'sampleImageMsg',
      msgParam: '{"photoURL":"@lADPmedia01"}',
    });
  });

  it('retries an upload refused with the legacy token-expired errcode', async () => {
    api.routes.set('POST /oapi/media/upload', (req) =>
      req.query.get('access_token') === 'token-1'
        ? { status: 200, body: { errcode: 42001, errmsg: 'access_token超时' } }
        : { status: 200, body: { errcode: 0, media_id: '@lADPmedia02' } },
    );
    await client.send(USER, {
      kind: 'image',
      dataBase64: 'iVBORw0KGgo=',
      fileName: 'a.png',
      contentType: 'image/png',
    });
    expect(api.requestsTo('/oapi/media/upload').map((r) => r.query.get('access_token'))).toEqual([
      'token-1',
      'token-2',
    ]);
  });

  it('creates and delivers a template card, then updates it by outTrackId', async () => {
    api.routes.set('POST /v1.0/card/instances/createAndDeliver', () => ({
      status: 200,
      body: {
        success: true,
        result: { outTrackId: 'apr-1', deliverResults: [{ success: true, spaceId: USER }] },
      },
    }));
    api.routes.set('PUT /v1.0/card/instances', () => ({
      status: 200,
      body: { success: true, result: true },
    }));
    const card = { id: 'apr-1', title: '报销审批', fields: [], buttons: [] };

    await expect(client.send(USER, { kind: 'card', card })).resolves.toEqual({ platformMsgId: 'apr-1' });
    await client.send(USER, { kind: 'card_update', card: { ...card, status: '已同意' } });

    const [create] = api.requestsTo('/v1.0/card/instances/createAndDeliver');
    expect(create?.headers['x-acs-dingtalk-access-token']).toBe('token-1');
    expect(parseJsonBody(create)).toMatchObject({
      cardTemplateId: 'tpl-1.schema',
      outTrackId: 'apr-1',
      openSpaceId: `dtv1.card//IM_ROBOT.${USER}`,
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'dingrobot0123456789' },
      cardData: { cardParamMap: { title: '报销审批', status: '' } },
    });
    const [update] = api.requestsTo('/v1.0/card/instances');
    expect(update?.method).toBe('PUT');
    expect(parseJsonBody(update)).toMatchObject({
      outTrackId: 'apr-1',
      cardData: { cardParamMap: { status: '已同意' } },
    });
  });

  it('reports a card DingTalk could not deliver as not retryable', async () => {
    api.routes.set('POST /v1.0/card/instances/createAndDeliver', () => ({
      status: 200,
      body: {
        success: true,
        result: { deliverResults: [{ success: false, errorMsg: 'robot not in space' }] },
      },
    }));
    const error = await captureError(
      client.send(USER, { kind: 'card', card: { id: 'apr-2', title: 't', fields: [], buttons: [] } }),
    );
    expect(error).toMatchObject({ code: 'deliver_failed', retryable: false });
  });

  it('downloads picture bytes through the downloadUrl DingTalk answers', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes');
    api.routes.set('POST /v1.0/robot/messageFiles/download', () => ({
      status: 200,
      body: { downloadUrl: `${api.baseUrl}/files/pic-1?Signature=abc` },
    }));
    api.routes.set('GET /files/pic-1', () => bytes);

    await expect(client.downloadImage('mIofN681YE3f')).resolves.toEqual(bytes);
    expect(parseJsonBody(api.requestsTo('/v1.0/robot/messageFiles/download')[0])).toEqual({
      downloadCode: 'mIofN681YE3f',
      robotCode: 'dingrobot0123456789',
    });
    expect(api.requestsTo('/files/pic-1')[0]?.headers['x-acs-dingtalk-access-token']).toBeUndefined();
  });
});
