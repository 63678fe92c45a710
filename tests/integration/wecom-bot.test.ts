import sharp from 'sharp';
import { InboxEventEntity } from '../../storage/entities/inbox-event.entity';
import { createRepositories } from '../../storage/repositories';
import { FakeWecomBot, type BotWireFrame } from '../support/fake-wecom-bot';
import { startTestBot, type TestBot } from '../support/start-bot';

/**
 * The WeCom intelligent bot's long connection end to end: the real bot opens @wecom/aibot-node-sdk's
 * WebSocket to a fake of WeCom's on loopback that speaks its protocol (aibot_subscribe, ping, message and
 * event frames down, reply / welcome / push frames up with their answers), stores what arrives in the
 * inbox, and answers over the same connection, bound to the message's req_id.
 */
const BOT_ID = 'aibotfieldtest01';
const SECRET = 'bot-secret-not-real-3f9a';
const CORP_ID = 'wwbotcorp0000001';
const USER = 'zhangsan';

let wecom: FakeWecomBot;
let bot: TestBot;

function env(url: string) {
  return {
    WECOM_BOT_ID: BOT_ID,
    WECOM_BOT_SECRET: SECRET,
    WECOM_BOT_CORP_ID: CORP_ID,
    WECOM_BOT_WS_URL: url,
    WECOM_BOT_HEARTBEAT_SECONDS: '1',
    LONG_CONNECTION_LEASE_SECONDS: '2',
    ADMIN_USERS: 'boss',
  };
}

beforeEach(async () => {
  wecom = new FakeWecomBot({ botId: BOT_ID, secret: SECRET });
  bot = await startTestBot(env(await wecom.start()));
  await wecom.until(() => wecom.connected);
});

afterEach(async () => {
  await bot.close();
  await wecom.stop();
  expect(wecom.unexpected).toEqual([]);
  expect(JSON.stringify(bot.logs)).not.toContain(SECRET);
});

const text = (msgid: string, content: string) => ({
  msgid,
  aibotid: BOT_ID,
  chattype: 'single',
  from: { userid: USER },
  msgtype: 'text',
  text: { content },
});

async function inbox(dedupKeys: string[]) {
  return bot.db.manager.find(InboxEventEntity, {
    where: dedupKeys.map((dedupKey) => ({ tenantId: CORP_ID, dedupKey })),
  });
}

/** Waits until the handling of everything received so far has put `count` reply frames on the wire. */
async function sentFrames(count: number): Promise<BotWireFrame[]> {
  await bot.settle();
  await wecom.until(() => wecom.sent.length >= count);
  return wecom.sent;
}

const streamReply = (reqId: string, content: unknown) => ({
  cmd: 'aibot_respond_msg',
  headers: { req_id: reqId },
  body: { msgtype: 'stream', stream: { id: expect.any(String) as unknown, finish: true, content } },
});

describe('WeCom intelligent bot over its long connection', () => {
  it('authenticates with the bot id and secret, keeps a heartbeat, and says so on /healthz', async () => {
    expect(wecom.authentications).toBe(1);
    await wecom.until(() => wecom.heartbeats >= 1);
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { connections: object };
    expect(health.connections).toEqual({ [`wecom-bot:${BOT_ID}`]: 'up' });
  });

  it('answers a message with a reply frame bound to its req_id, after storing it', async () => {
    const reqId = wecom.message(text('msg-help-0001', '帮助'));
    const [reply] = await sentFrames(1);
    expect(await inbox(['msg-help-0001'])).toMatchObject([{ status: 'done', platform: 'wecom' }]);
    expect(reply).toEqual(streamReply(reqId, expect.stringContaining('签到')));
  });

  it('shows a quoted message as text: the stream is markdown, so what the user typed is escaped', async () => {
    const reqId = wecom.message(text('msg-markup-0001', '[点我](http://x)<b>'));
    const [reply] = await sentFrames(1);
    expect(reply).toEqual(streamReply(reqId, expect.stringContaining('没看懂「［点我］(http://x)＜b＞」')));
  });

  it("grants ADMIN_USERS in the bot's own company, and no one else", async () => {
    const refusal = '「审计」只有管理员可以使用';
    wecom.message({ ...text('msg-audit-boss', '审计 最近'), from: { userid: 'boss' } });
    const [boss] = await sentFrames(1);
    expect(JSON.stringify(boss)).not.toContain(refusal);
    wecom.message(text('msg-audit-rep', '审计 最近'));
    const [, rep] = await sentFrames(2);
    expect(JSON.stringify(rep)).toContain(refusal);
  });

  it('greets a first enter_chat with a welcome frame on the event req_id', async () => {
    const reqId = wecom.event({
      msgid: 'evt-enter-0001',
      aibotid: BOT_ID,
      from: { userid: USER },
      msgtype: 'event',
      event: { eventtype: 'enter_chat' },
    });
    const [reply] = await sentFrames(1);
    expect(reply).toMatchObject({
      cmd: 'aibot_respond_welcome_msg',
      headers: { req_id: reqId },
      body: { msgtype: 'text', text: { content: expect.stringContaining('签到') as unknown } },
    });
  });

  it('pushes a reply whose req_id WeCom no longer accepts, and a queued notice, with aibot_send_msg', async () => {
    wecom.expired.add(wecom.message(text('msg-late-0001', '帮助')));
    const [late] = await sentFrames(1);
    expect(late).toMatchObject({
      cmd: 'aibot_send_msg',
      body: {
        chatid: USER,
        msgtype: 'markdown',
        markdown: { content: expect.stringContaining('签到') as unknown },
      },
    });

    // A scheduled job's message has no req_id to answer: it is an active push.
    await bot.db.transaction((manager) =>
      createRepositories(manager).outbox.enqueue(
        [
          {
            tenantId: CORP_ID,
            platform: 'wecom',
            recipient: USER,
            idempotencyKey: 'report:weekly:test',
            payload: JSON.stringify({ kind: 'markdown', title: '周报', text: '本周拜访 12 次' }),
          },
        ],
        new Date(),
      ),
    );
    const [, push] = await sentFrames(2);
    expect(push).toMatchObject({
      cmd: 'aibot_send_msg',
      body: { chatid: USER, msgtype: 'markdown', markdown: { content: '本周拜访 12 次' } },
    });
  });

  it('downloads and decrypts an image the user sent, and answers about it', async () => {
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a6' } })
      .jpeg()
      .toBuffer();
    const reqId = wecom.message({
      ...text('msg-photo-0001', ''),
      msgtype: 'image',
      image: wecom.media(photo),
    });
    const [reply] = await sentFrames(1);
    expect(reply).toEqual(streamReply(reqId, expect.stringContaining('照片已收到')));
  });

  it('resumes after a dropped connection, handles a redelivered frame once, and counts the reconnect', async () => {
    const first = wecom.message(text('msg-before-0001', '帮助'));
    await sentFrames(1);
    wecom.drop();
    await wecom.until(() => wecom.authentications === 2 && wecom.connected);
    // The same frame again (WeCom delivering it twice), then a new one.
    wecom.message(text('msg-before-0001', '帮助'), first);
    const second = wecom.message(text('msg-after-0001', '帮助'));
    const frames = await sentFrames(2);
    await bot.settle();

    expect(frames.map((f) => f.headers.req_id)).toEqual([first, second]);
    expect(await inbox(['msg-before-0001', 'msg-after-0001'])).toHaveLength(2);
    expect(bot.metrics.get('long_connection_reconnects_total', { connection: 'wecom-bot' })).toBe(1);
  });

  it('keeps one connection across two instances; the second takes over when the first stops', async () => {
    const second = await startTestBot(env(wecom.url), undefined, undefined, { sameDatabaseAs: bot });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(wecom.authentications).toBe(1);
      await bot.close();
      await wecom.until(() => wecom.authentications === 2 && wecom.connected);
      const reqId = wecom.message(text('msg-takeover-01', '帮助'));
      await second.settle();
      await wecom.until(() => wecom.sent.length >= 1);
      expect(wecom.sent[0]?.headers.req_id).toBe(reqId);
    } finally {
      await second.close();
      bot = await startTestBot(env(wecom.url));
    }
  });
});
