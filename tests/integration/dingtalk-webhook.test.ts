import sharp from 'sharp';
import { InboxEventEntity } from '../../storage/entities/inbox-event.entity';
import { UserEntity } from '../../storage/entities/user.entity';
import {
  dingtalkFixture,
  dingtalkText,
  postDingtalkCallback,
  signDingtalkCallback,
  type SignedCallback,
} from '../support/dingtalk-callback';
import { FakeDingtalkApi, parseJsonBody } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/start-bot';

/**
 * Replay tests (docs/architecture.md (Conventions)): DingTalk callbacks signed like DingTalk signs them, POSTed to the real
 * bot, whose replies go to a strict fake of api.dingtalk.com on loopback. Assertions read the fake.
 */
const APP_KEY = 'dingwebhookappkey';
const APP_SECRET = 'webhook-app-secret-not-real-5b1e';
const ROBOT_CODE = 'dingrobot0123456789';
const CORP_ID = 'ding0123456789abcdef'; // the fixtures' senderCorpId / corpId
const USER = 'manager1234'; // the fixtures' senderStaffId
const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const SEND_PATH = '/v1.0/robot/oToMessages/batchSend';
const HOUR_MS = 60 * 60 * 1000;
const DINGTALK_WEBVIEW_UA =
  'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 AliApp(DingTalk/7.6.0) DingTalk(7.6.0)';
const UNKNOWN_BUTTON = '这个按钮已失效，请发送「帮助」查看可用操作。';

let api: FakeDingtalkApi;
let bot: TestBot;

beforeEach(async () => {
  api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
  await api.start();
  bot = await startTestBot({
    DINGTALK_APP_KEY: APP_KEY,
    DINGTALK_APP_SECRET: APP_SECRET,
    DINGTALK_ROBOT_CODE: ROBOT_CODE,
    DINGTALK_CORP_ID: CORP_ID,
    DINGTALK_API_BASE: api.baseUrl,
    DINGTALK_OAPI_BASE: api.oapiBase,
    SIMULATOR: 'off',
  });
});

afterEach(async () => {
  await bot.close();
  await api.stop();
  expect(api.unexpected).toEqual([]);
  const logs = JSON.stringify(bot.logs);
  expect(logs).not.toContain(APP_SECRET);
  for (const token of api.issuedTokens) expect(logs).not.toContain(token);
});

function sign(body: string | object, timestampMs?: number): SignedCallback {
  return signDingtalkCallback(APP_SECRET, body, { timestampMs });
}

function post(callback: SignedCallback): Promise<Response> {
  return postDingtalkCallback(bot.url, callback);
}

/** What DingTalk delivered, without the token: who got which template with which parameters. */
function replies() {
  return api.delivered.map(({ robotCode, userIds, msgKey, msgParam }) => ({
    robotCode,
    userIds,
    msgKey,
    msgParam,
  }));
}

const text = (content: string, userIds = [USER]) => ({
  robotCode: ROBOT_CODE,
  userIds,
  msgKey: 'sampleText',
  msgParam: { content },
});

function inboxRows(dedupKeys: string[]) {
  return bot.db.manager.find(InboxEventEntity, {
    where: dedupKeys.map((dedupKey) => ({ tenantId: CORP_ID, dedupKey })),
    order: { id: 'ASC' },
  });
}

describe('DingTalk webhook → real bot → fake DingTalk API', () => {
  it('answers 帮助 with one markdown help message to the sender', async () => {
    const response = await post(sign(dingtalkText('帮助', 'msgHelp0001==')));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await bot.settle();

    expect(replies()).toEqual([
      {
        robotCode: ROBOT_CODE,
        userIds: [USER],
        msgKey: 'sampleMarkdown',
        msgParam: { title: '使用帮助', text: expect.stringContaining('签到') as unknown },
      },
    ]);
    expect(api.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(api.delivered[0]?.token).toBe(api.issuedTokens[0]);
    const users = await bot.db.manager.findBy(UserEntity, { tenantId: CORP_ID });
    expect(users.map((u) => [u.platform, u.platformUserId])).toEqual([['dingtalk', USER]]);
  });

  it('acknowledges a message from outside the company and says whom the bot serves', async () => {
    const outsider = { ...dingtalkText('你好', 'msgOutsider01=='), senderStaffId: undefined };
    const response = await post(sign(outsider));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('只为本公司的成员服务') as unknown },
    });
    await bot.settle();
    expect(replies()).toEqual([]);
    expect(await bot.db.manager.countBy(InboxEventEntity, { tenantId: CORP_ID })).toBe(0);
  });

  it('accepts a timestamp/sign pair for its first body only: another body under it is refused', async () => {
    const genuine = sign(dingtalkText('帮助', 'msgPairFirst01=='));
    expect((await post(genuine)).status).toBe(200);
    // DingTalk retrying the same delivery is fine (a duplicate); a forger reusing the pair is not.
    expect((await post(genuine)).status).toBe(200);
    const forged = { ...genuine, body: JSON.stringify(dingtalkText('待我审批', 'msgPairForged1==')) };
    const response = await post(forged);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('replayed_signature');
    await bot.settle();
    expect(await inboxRows(['msgPairForged1=='])).toEqual([]);
    expect(
      bot.metrics.get('callback_rejected_total', { platform: 'dingtalk', reason: 'replayed_signature' }),
    ).toBe(1);
  });

  it('quotes an unknown text back and points to 帮助', async () => {
    await post(sign(dingtalkText('明天几点开会', 'msgUnknown01==')));
    await bot.settle();
    expect(replies()).toEqual([text('没看懂「明天几点开会」。发送「帮助」查看可用命令，例如：签到')]);
  });

  it('reads an audio message by its recognised text, offered back to confirm', async () => {
    const response = await post(sign(dingtalkFixture('audio')));
    expect(response.status).toBe(200);
    await bot.settle();
    expect(replies()).toHaveLength(1);
    expect(JSON.stringify(replies()[0]?.msgParam)).toContain('是要：跟进 华为 拜访：对方要报价？');
  });

  it.each([
    ['one after another', 'sequential'],
    ['at the same time', 'concurrent'],
  ])('replies once to the same signed callback posted 3 times %s', async (_label, mode) => {
    const callback = sign(dingtalkText('帮助', 'msgRetry0001=='));
    const statuses =
      mode === 'sequential'
        ? [(await post(callback)).status, (await post(callback)).status, (await post(callback)).status]
        : (await Promise.all([post(callback), post(callback), post(callback)])).map((r) => r.status);
    await bot.settle();

    expect(statuses).toEqual([200, 200, 200]);
    expect(replies()).toHaveLength(1);
    expect(await inboxRows(['msgRetry0001=='])).toMatchObject([{ status: 'done' }]);
  });

  it('refuses a wrong sign with 401 and calls no API at all', async () => {
    const forged = signDingtalkCallback('not-the-app-secret', dingtalkText('帮助', 'msgForged001=='));
    const response = await post(forged);
    await bot.settle();

    expect(response.status).toBe(401);
    expect(await response.text()).toBe('signature');
    expect(api.requests).toEqual([]);
    expect(await inboxRows(['msgForged001=='])).toEqual([]);
  });

  it('refuses a correctly signed callback whose timestamp is 2 hours old with 401', async () => {
    const response = await post(sign(dingtalkText('帮助', 'msgStale0001=='), Date.now() - 2 * HOUR_MS));
    await bot.settle();

    expect(response.status).toBe(401);
    expect(await response.text()).toBe('stale_timestamp');
    expect(api.requests).toEqual([]);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post(sign('{"msgId": "msgBroken001==", "msgtype": '));
    await bot.settle();

    expect(response.status).toBe(400);
    expect(await response.text()).toBe('payload');
    expect(api.requests).toEqual([]);
  });

  /** DingTalk answers a downloadCode with a pre-signed URL; the fake serves a tiny JPEG behind it. */
  let tinyJpeg: Buffer;
  beforeAll(async () => {
    tinyJpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
  });
  function servePictures(): void {
    api.routes.set('POST /v1.0/robot/messageFiles/download', () => ({
      status: 200,
      body: { downloadUrl: `${api.baseUrl}/files/pic?Signature=abc` },
    }));
    api.routes.set('GET /files/pic', () => tinyJpeg);
  }
  const NO_RECENT_PUNCH =
    '照片已收到。要作为打卡凭证，请在签到或签退后30分钟内发送；报销票据请在提交报销后30分钟内发送；拜访照片请在拜访签到后、结束拜访前发送。';

  it('downloads a picture by its downloadCode and says how photos become punch evidence', async () => {
    servePictures();
    const response = await post(sign(dingtalkFixture('picture')));
    expect(response.status).toBe(200);
    await bot.settle();

    expect(replies()).toEqual([text(NO_RECENT_PUNCH)]);
    const download = api.requestsTo('/v1.0/robot/messageFiles/download')[0];
    expect(parseJsonBody(download)).toEqual({
      downloadCode: 'mIofN681YE3f/+m+NntqpaJKmVnBXb0i4xyz',
      robotCode: ROBOT_CODE,
    });
  });

  it('handles the text part of a richText message and its picture, in that order', async () => {
    servePictures();
    const response = await post(sign(dingtalkFixture('richtext')));
    expect(response.status).toBe(200);
    await bot.settle();

    // The text part files an expense; this sender has no department and the company no admin, so nobody could decide it.
    expect(replies()).toEqual([
      text(
        '找不到这类申请的审批人（你还没有所属部门，本单位也没有管理员）。请联系管理员设置部门或审批人后再提交。',
      ),
      text(NO_RECENT_PUNCH),
    ]);
    const rows = await inboxRows(['msgRich0123456789==', 'msgRich0123456789==#1']);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['text', 'done'],
      ['image', 'done'],
    ]);
  });

  // DingTalk's docs say 401 for a bad token; live answers carry the same code with HTTP 400.
  it.each([401, 400])(
    'fetches a new token when the old one is refused with %i InvalidAuthentication, and delivers once',
    async (status) => {
      await post(sign(dingtalkText('帮助', 'msgBefore001==')));
      await bot.settle();
      api.expireTokens(status);

      await post(sign(dingtalkText('明天几点开会', 'msgAfter0001==')));
      await bot.settle();

      expect(api.issuedTokens).toEqual(['token-1', 'token-2']);
      expect(api.requestsTo(SEND_PATH).map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual([
        'token-1',
        'token-1',
        'token-2',
      ]);
      expect(api.delivered.map((d) => [d.token, d.msgKey])).toEqual([
        ['token-1', 'sampleMarkdown'],
        ['token-2', 'sampleText'],
      ]);
    },
  );

  it('answers a card callback for an unknown action with 200 and says the button is no longer valid', async () => {
    const response = await post(sign(dingtalkFixture('card-callback')));
    expect(response.status).toBe(200);
    await bot.settle();

    expect(replies()).toEqual([text(UNKNOWN_BUTTON, ['manager5678'])]);
  });

  it('answers 签到 with a sampleActionCard whose button opens the H5 location page', async () => {
    await post(sign(dingtalkText('签到', 'msgCheckIn01==')));
    await bot.settle();

    // No DINGTALK_CARD_TEMPLATE_ID: the card falls back to the robot's built-in one-button action card.
    expect(replies()).toEqual([
      {
        robotCode: ROBOT_CODE,
        userIds: [USER],
        msgKey: 'sampleActionCard',
        msgParam: {
          title: '上班签到：请发送你的位置',
          text: expect.stringMatching(
            /^### 上班签到：请发送你的位置\n\n.*收到位置后直接记为「上班签到」/,
          ) as unknown,
          singleTitle: '打开定位页',
          singleURL: expect.stringMatching(/\/h5\/location\?t=[\w-]+\.[\w-]+$/) as unknown,
        },
      },
    ]);
    const link = api.delivered[0]?.msgParam.singleURL ?? '';
    expect(link.startsWith(`${bot.url}/h5/location?t=`)).toBe(true);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>发送当前位置</h1>');
    expect(html).toContain('dd.device.geolocation.get');

    // The link remembers the rep typed 签到: the position that comes back is recorded for it, no tap needed.
    const sent = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': DINGTALK_WEBVIEW_UA },
      body: JSON.stringify({ lat: 22.5431, lng: 114.0579, accuracy: 12, source: 'im_sdk' }),
    });
    expect(sent.status).toBe(200);
    await bot.settle();
    expect(replies()[1]).toMatchObject({ msgKey: 'sampleMarkdown', msgParam: { title: '上班签到成功' } });
    const rows = (await bot.db.dataSource.query(
      'SELECT chosen_action, source FROM location_shares',
    )) as Array<{ chosen_action: string; source: string }>;
    expect(rows).toEqual([{ chosen_action: 'checkin_in', source: 'im_sdk' }]);
  });

  it('answers a position sent from the H5 page with markdown only, as action buttons need a card template', async () => {
    await post(sign(dingtalkText('定位', 'msgLocate001==')));
    await bot.settle();
    const link = new URL(api.delivered[0]?.msgParam.singleURL ?? '');

    const sent = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': DINGTALK_WEBVIEW_UA },
      body: JSON.stringify({
        lat: 22.5431,
        lng: 114.0579,
        accuracy: 30,
        source: 'im_sdk',
      }),
    });
    expect(sent.status).toBe(200);
    await bot.settle();

    expect(replies()[1]).toEqual({
      robotCode: ROBOT_CODE,
      userIds: [USER],
      msgKey: 'sampleMarkdown',
      msgParam: {
        title: '已收到你的位置',
        text: expect.stringContaining('企业微信/钉钉定位（精度 30米）') as unknown,
      },
    });
    expect(replies()).toHaveLength(2);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'no DINGTALK_CARD_TEMPLATE_ID: action buttons left out' }),
    );
  });
});
