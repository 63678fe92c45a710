import { encrypt } from '@wecom/crypto';
import { getSignature } from '@wecom/crypto';
import { FakeWecomApi, type RecordedRequest } from '../support/fake-wecom-api';
import { customer, people, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { WECOM_WEBVIEW_UA } from '../support/wecom-chat';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  signEnvelope,
  wecomFixture,
  type WecomApp,
  wecomEnv,
} from '../support/wecom-callback';

const app: WecomApp = { corpId: 'ww1234567890abcdef', token: 'callbackToken123', aesKey: randomAesKey() };
const SECRET = 'app-secret-never-logged-4b1d';
const SEND = '/cgi-bin/message/send';
const UPDATE = '/cgi-bin/message/update_template_card';

let fake: FakeWecomApi;
let bot: TestBot;
let msgSeq = 7440000000000001000n;

function nextMsgId(): string {
  msgSeq += 1n;
  return msgSeq.toString();
}

function text(content: string, from = 'ZhangSan'): string {
  return wecomFixture('text', { Content: content, FromUserName: from, MsgId: nextMsgId() });
}

async function send(innerXml: string): Promise<Response> {
  const res = await postCallback(bot.url, encryptCallback(app, innerXml));
  await bot.settle();
  return res;
}

const sends = (): RecordedRequest[] => fake.requestsTo(SEND);
type SentBody = {
  touser: string;
  msgtype: string;
  agentid: number;
  markdown?: { content: string };
  text?: { content: string };
  template_card?: WecomCard;
};
type WecomCard = {
  card_type: string;
  jump_list?: Array<{ title: string; url: string }>;
  card_action?: { url: string };
  task_id: string;
  main_title: { title: string };
  button_list?: Array<{ text: string; key?: string; url?: string; type?: number }>;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
};
const lastSent = (): SentBody => sends().at(-1)?.json as SentBody;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    wecomEnv(app, SECRET, apiBase),
    tenantSeed(people({ ZhangSan: 'rep' }), {
      customers: [
        customer('华为深圳', { address: '深圳市龙岗区坂田', at: { lat: 22.6543, lng: 114.0612 } }),
        customer('远方客户', { address: '广州', at: { lat: 23.1291, lng: 113.2644 } }),
      ],
    }),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

afterEach(() => {
  expect(fake.unexpected).toEqual([]);
});

describe('URL verification (GET /wecom/callback)', () => {
  it('answers the decrypted echostr as plain text', async () => {
    const echostr = encrypt(app.aesKey, '1616140317555161061', app.corpId);
    const timestamp = '1409659589';
    const nonce = '263014780';
    const signature = getSignature(app.token, timestamp, nonce, echostr);
    const res = await fetch(
      `${bot.url}/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('refuses a wrong signature', async () => {
    const echostr = encrypt(app.aesKey, 'hello', app.corpId);
    const res = await fetch(
      `${bot.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=2&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(401);
  });
});

describe('messages in, replies out', () => {
  it('answers 帮助 with the command list, acked with an empty 200', async () => {
    const before = sends().length;
    const res = await send(text('帮助'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(sends()).toHaveLength(before + 1);
    const body = lastSent();
    expect(body).toMatchObject({ touser: 'ZhangSan', msgtype: 'markdown', agentid: 1000002 });
    expect(body.markdown?.content).toContain('签到');
  });

  it('points unknown text to 帮助, quoting it', async () => {
    await send(text('今天天气怎么样'));
    expect(lastSent().text?.content).toBe('没看懂「今天天气怎么样」。发送「帮助」查看可用命令，例如：签到');
  });

  it('decodes character references outside CDATA and keeps CDATA literal', async () => {
    const plain = text('x').replace(
      '<Content><![CDATA[x]]></Content>',
      '<Content>R&amp;D &lt;A&gt;</Content>',
    );
    await send(plain);
    expect(lastSent().text?.content).toBe('没看懂「R&D <A>」。发送「帮助」查看可用命令，例如：签到');
    await send(text('R&amp;D'));
    expect(lastSent().text?.content).toBe('没看懂「R&amp;D」。发送「帮助」查看可用命令，例如：签到');
  });

  it('answers a well-formed but unsupported message type with 200 and a hint', async () => {
    const video = wecomFixture('text', { MsgType: 'video', MsgId: nextMsgId() }).replace(
      /<Content>.*?<\/Content>/,
      '<MediaId><![CDATA[m1]]></MediaId><ThumbMediaId><![CDATA[t1]]></ThumbMediaId>',
    );
    const res = await send(video);
    expect(res.status).toBe(200);
    expect(lastSent().text?.content).toContain('暂不支持这类消息');
  });

  it('asks for text again when a voice message comes without recognised text', async () => {
    const voice = wecomFixture('voice', { MsgId: nextMsgId() }).replace(
      /<Recognition>.*?<\/Recognition>/,
      '<Recognition><![CDATA[]]></Recognition>',
    );
    expect((await send(voice)).status).toBe(200);
    expect(lastSent().text?.content).toBe('没能识别这条语音。请靠近话筒再说一次，或直接打字，例如：签到');
  });

  it('handles a callback replayed 3 times once, with one reply', async () => {
    const callback = encryptCallback(app, text('帮助'));
    const before = sends().length;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postCallback(bot.url, callback)).status);
    await bot.settle();
    expect(statuses).toEqual([200, 200, 200]);
    expect(sends()).toHaveLength(before + 1);
    expect(bot.metrics.get('callback_duplicate_total')).toBeGreaterThanOrEqual(2);
  });

  it('counts how long each callback took to answer, on /metrics', async () => {
    const answered = async () => {
      const text = await (await fetch(`${bot.url}/metrics`)).text();
      const value = (key: string) => Number(new RegExp(`^${key} (\\S+)$`, 'm').exec(text)?.[1]);
      return {
        count: value('fieldbot_post_answer_seconds_count'),
        inf: value('fieldbot_post_answer_seconds_bucket\\{le="\\+Inf"\\}'),
        within5s: value('fieldbot_post_answer_seconds_bucket\\{le="5"\\}'),
      };
    };
    const before = await answered();
    await send(text('帮助'));
    await send(text('签到'));
    const after = await answered();
    expect(after.count - (before.count || 0)).toBe(2);
    expect(after.inf).toBe(after.count);
    expect(after.within5s).toBe(after.count);
  });

  it('refreshes an expired token mid-run and delivers the message exactly once', async () => {
    await send(text('帮助'));
    const tokensBefore = fake.issuedTokens.length;
    const deliveredBefore = fake.delivered.length;
    fake.expireTokens();
    await send(text('帮助'));
    expect(fake.issuedTokens.length).toBe(tokensBefore + 1);
    expect(fake.delivered.length).toBe(deliveredBefore + 1);
    expect(fake.delivered.at(-1)?.token).toBe(fake.issuedTokens.at(-1));
  });
});

describe('location → card → tap', () => {
  let card: WecomCard;

  it('answers a shared location with next steps and the nearest customer', async () => {
    await send(wecomFixture('location', { MsgId: nextMsgId() }));
    const body = lastSent();
    expect(body.msgtype).toBe('template_card');
    card = body.template_card as WecomCard;
    expect(card.card_type).toBe('button_interaction');
    const labels = card.button_list?.map((b) => b.text);
    expect(labels).toEqual(['上班签到', '拜访 华为深圳', '下班签退']);
    const nearby = card.horizontal_content_list?.find((f) => f.keyname === '附近客户')?.value;
    expect(nearby).toMatch(/^华为深圳 \d+米$/);
    expect(nearby).not.toContain('远方客户');
  });

  it('records the tapped choice and updates the card in place', async () => {
    const key = card.button_list?.[0]?.key ?? '';
    const tap = wecomFixture('event-template-card', {
      FromUserName: 'ZhangSan',
      EventKey: key,
      TaskId: card.task_id,
      ResponseCode: 'RC_first_tap',
      CreateTime: Math.floor(Date.now() / 1000),
    });
    const updatesBefore = fake.requestsTo(UPDATE).length;
    expect((await send(tap)).status).toBe(200);
    const updates = fake.requestsTo(UPDATE);
    expect(updates).toHaveLength(updatesBefore + 1);
    expect(updates.at(-1)?.json).toMatchObject({
      userids: ['ZhangSan'],
      agentid: 1000002,
      response_code: 'RC_first_tap',
      button: { replace_name: '已上班签到' },
    });
    // The greyed buttons say only 已上班签到; the result follows as a message.
    const result = lastSent().markdown?.content ?? '';
    expect(result).toContain('上班签到成功');
    expect(result).toMatch(/状态.*(正常|迟到)/);
    const rows = (await bot.db.dataSource.query(
      'SELECT chosen_action FROM location_shares WHERE tenant_id = ?',
      [app.corpId],
    )) as Array<{ chosen_action: string }>;
    expect(rows.map((r) => r.chosen_action)).toEqual(['checkin_in']);
  });

  it('decides once when the button is tapped twice', async () => {
    const key = card.button_list?.[2]?.key ?? '';
    const again = wecomFixture('event-template-card', {
      FromUserName: 'ZhangSan',
      EventKey: key,
      TaskId: card.task_id,
      ResponseCode: 'RC_second_tap',
      CreateTime: Math.floor(Date.now() / 1000) + 1,
    });
    const updatesBefore = fake.requestsTo(UPDATE).length;
    await send(again);
    expect(fake.requestsTo(UPDATE)).toHaveLength(updatesBefore);
    expect(lastSent().text?.content).toBe('这条位置已记录为「上班签到」，无需重复操作。');
    const rows = (await bot.db.dataSource.query(
      'SELECT chosen_action FROM location_shares WHERE tenant_id = ?',
      [app.corpId],
    )) as Array<{ chosen_action: string }>;
    expect(rows.map((r) => r.chosen_action)).toEqual(['checkin_in']);
  });

  it('does not let another user act on my location card', async () => {
    const key = card.button_list?.[0]?.key ?? '';
    const intruder = wecomFixture('event-template-card', {
      FromUserName: 'LiSi',
      EventKey: key,
      TaskId: card.task_id,
      ResponseCode: 'RC_intruder',
      CreateTime: Math.floor(Date.now() / 1000) + 2,
    });
    await send(intruder);
    expect(lastSent()).toMatchObject({ touser: 'LiSi' });
    expect(lastSent().text?.content).toBe('找不到这条位置记录，请重新发送位置。');
  });
});

describe('the H5 location page', () => {
  /** Posted from WeCom's webview unless another user agent is named, the link's token in the query. */
  const post = (
    { t, ...body }: { t: string | null; [field: string]: unknown },
    userAgent = WECOM_WEBVIEW_UA,
  ) =>
    fetch(`${bot.url}/h5/location?t=${encodeURIComponent(t ?? '')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify(body),
    });

  async function linkFor(command: string): Promise<string> {
    await send(text(command));
    const notice = lastSent().template_card;
    expect(notice?.card_type).toBe('text_notice');
    const link = notice?.jump_list?.[0]?.url ?? '';
    expect(notice?.card_action?.url).toBe(link);
    expect(link).toContain('/h5/location?t=');
    return link;
  }

  it('turns 定位 into a one-time link whose device fix comes back as a location card', async () => {
    const link = await linkFor('定位');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('发送当前位置');

    const t = new URL(link).searchParams.get('t');
    const before = sends().length;
    const first = await post({ t, lat: 22.6545, lng: 114.0611, accuracy: 25, source: 'im_sdk' });
    await bot.settle();
    expect(first.status).toBe(200);
    expect(sends()).toHaveLength(before + 1);
    const card = lastSent().template_card;
    expect(card?.button_list?.map((b) => b.text)).toEqual(['上班签到', '拜访 华为深圳', '下班签退']);
    expect(card?.horizontal_content_list?.find((f) => f.keyname === '来源')?.value).toBe(
      '企业微信/钉钉定位（精度 25米）',
    );

    expect((await post({ t, lat: 22.6545, lng: 114.0611, source: 'im_sdk' })).status).toBe(409);
    expect((await post({ t: `${t}x`, lat: 1, lng: 1, source: 'im_sdk' })).status).toBe(400);
    // The token is checked before the body is read: a forged link's oversized body is never looked at.
    const oversized = { lat: 1, lng: 1, source: 'im_sdk', label: 'x'.repeat(64 * 1024) };
    expect((await post({ t: `${t}x`, ...oversized })).status).toBe(400);
    expect((await post({ t, ...oversized })).status).toBe(413);
    // The old page's vague "device" is no longer taken.
    expect((await post({ t, lat: 1, lng: 1, source: 'device' })).status).toBe(400);
    await bot.settle();
    expect(sends()).toHaveLength(before + 1);
  });

  it('records 签退 straight away when the position comes from its link', async () => {
    const link = await linkFor('签退');
    const res = await post({
      t: new URL(link).searchParams.get('t'),
      lat: 22.5431,
      lng: 114.0579,
      source: 'typed',
    });
    await bot.settle();
    expect(res.status).toBe(200);
    // 09:05 against the default 09:00–18:00: a punch-out now is early, and a picked point is 外勤 and flagged.
    const content = lastSent().markdown?.content ?? '';
    expect(content).toContain('下班签退成功');
    expect(content).toContain('状态：早退8小时55分钟 · 外勤');
    // The punch-in at 华为深圳 was at the same minute, 12 km away: flagged as an impossible jump, not refused.
    expect(content).toContain('提醒：位置异常跳变、手动选点');
    const rows = (await bot.db.dataSource.query(
      'SELECT chosen_action FROM location_shares ORDER BY id DESC LIMIT 1',
    )) as Array<{ chosen_action: string }>;
    expect(rows[0]?.chosen_action).toBe('checkin_out');
  });

  it('records a JS-SDK claim from outside the IM as the browser’s position, and flags it', async () => {
    const link = await linkFor('定位');
    const desktop = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';
    const t = new URL(link).searchParams.get('t');
    expect(
      (await post({ t, lat: 22.5431, lng: 114.0579, accuracy: 10, source: 'im_sdk' }, desktop)).status,
    ).toBe(200);
    await bot.settle();
    const card = lastSent().template_card;
    expect(card?.horizontal_content_list?.find((f) => f.keyname === '来源')?.value).toBe(
      '浏览器定位（精度 10米）',
    );
    const rows = (await bot.db.dataSource.query(
      'SELECT source FROM location_shares ORDER BY id DESC LIMIT 1',
    )) as Array<{ source: string }>;
    expect(rows[0]?.source).toBe('browser');
  });
});

describe('bad input is refused before anything is stored', () => {
  const inboxCount = async () =>
    Number(
      (
        (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM inbox_events')) as Array<{
          n: number | string;
        }>
      )[0]?.n,
    );

  it.each([
    [
      'a forged signature',
      () => ({
        ...encryptCallback(app, text('帮助')),
        query: `msg_signature=${'a'.repeat(40)}&timestamp=1&nonce=2`,
      }),
      401,
      'signature',
    ],
    [
      'a corp id mismatch',
      () => encryptCallback(app, text('帮助'), { receiveId: 'wwsomeoneelse' }),
      403,
      'corp_id',
    ],
    ['a non-base64 Encrypt', () => signEnvelope(app, 'not*base64!'), 400, 'payload'],
    [
      'an undecryptable Encrypt',
      () => signEnvelope(app, Buffer.alloc(48, 1).toString('base64')),
      400,
      'decrypt',
    ],
    [
      'malformed inner XML',
      () => encryptCallback(app, '<xml><MsgType>text</MsgType><Content>x'),
      400,
      'payload',
    ],
    [
      'a text message without MsgId',
      () => encryptCallback(app, text('帮助').replace(/<MsgId>.*<\/MsgId>/, '')),
      400,
      'payload',
    ],
    [
      'a malformed envelope',
      () => ({ query: 'msg_signature=a&timestamp=1&nonce=2', body: '<xml><Encrypt>' }),
      400,
      'payload',
    ],
  ])('refuses %s', async (_name, build, status, reason) => {
    const stored = await inboxCount();
    const sent = sends().length;
    const rejected = bot.metrics.get('callback_rejected_total', { platform: 'wecom', reason });
    const res = await postCallback(bot.url, build());
    await bot.settle();
    expect(res.status).toBe(status);
    expect(await inboxCount()).toBe(stored);
    expect(sends()).toHaveLength(sent);
    expect(bot.metrics.get('callback_rejected_total', { platform: 'wecom', reason })).toBe(rejected + 1);
    expect(bot.logs.some((l) => l.msg === 'callback rejected' && l.reason === reason)).toBe(true);
  });

  it('refuses a body over 1 MB with 413 (the bound is far lower)', async () => {
    const res = await fetch(`${bot.url}/wecom/callback?msg_signature=a&timestamp=1&nonce=2`, {
      method: 'POST',
      body: `<xml>${'a'.repeat(1024 * 1024 + 10)}</xml>`,
    });
    expect(res.status).toBe(413);
  });

  it('never writes the app secret, token or AES key to the logs', () => {
    const all = JSON.stringify(bot.logs);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(app.aesKey);
    for (const token of fake.issuedTokens) expect(all).not.toContain(token);
  });
});

describe('delivery', () => {
  it('retries a failed send and delivers it once', async () => {
    fake.failNext(SEND, { status: 502, json: {} });
    const before = fake.delivered.length;
    await send(text('帮助'));
    const deadline = Date.now() + 60_000; // generous: CI shares a busy machine
    while (fake.delivered.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.delivered.length).toBe(before + 1);
    const rows = (await bot.db.dataSource.query(
      'SELECT attempts, status FROM outbox_messages ORDER BY id DESC LIMIT 1',
    )) as Array<{ attempts: number; status: string }>;
    expect(rows[0]).toMatchObject({ status: 'sent' });
    expect(Number(rows[0]?.attempts)).toBe(2);
  });

  it('answers 503 when storage is down, so WeCom retries', async () => {
    await bot.db.dataSource.destroy();
    const res = await postCallback(bot.url, encryptCallback(app, text('帮助')));
    expect(res.status).toBe(503);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(503);
  });
});
