import sharp from 'sharp';
import { IMAGE_FALLBACK } from '../../bot/inbox/deferred-images';
import type { ReportPage, ReportRenderer } from '../../cards/render/report-page';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import {
  postCallback,
  encryptCallback,
  randomAesKey,
  wecomEnv,
  type WecomApp,
} from '../support/wecom-callback';
import { startTestBot, type TestBot } from '../support/start-bot';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwdigestnow00001', token: 'digestNowToken', aesKey: randomAesKey() };
const SECRET = 'digest-now-secret';

let fake: FakeWecomApi;
let bot: TestBot;
const now = new Date('2026-11-24T03:00:00Z'); // Tuesday 11:00 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7446000000000000000n });
const { say, sentTo, textXml } = chat;

/**
 * A renderer that blocks until the test lets it finish, and notes what the database looked like when it
 * started: the PNG must be drawn after the event's transaction committed, not inside it.
 */
let release: (() => void) | null = null;
let failNext = false;
const started: Array<{ page: ReportPage; inboxDone: boolean }> = [];
let png: Buffer;
const renderer: ReportRenderer = {
  async renderPng(page) {
    const rows = (await bot.db.dataSource.query(
      "SELECT status FROM inbox_events WHERE tenant_id = ? AND payload LIKE '%今日简报%' ORDER BY id DESC",
      [app.corpId],
    )) as Array<{ status: string }>;
    started.push({ page, inboxDone: rows[0]?.status === 'done' });
    await new Promise<void>((resolve) => (release = resolve));
    release = null;
    if (failNext) {
      failNext = false;
      throw new Error('Chromium is gone');
    }
    return png;
  },
  close: async () => undefined,
};

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `user` sends `content` without waiting for the bot to settle. */
async function post(user: string, content: string): Promise<void> {
  expect((await postCallback(bot.url, encryptCallback(app, textXml(user, content)))).status).toBe(200);
}

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3b6fd8' } })
    .png()
    .toBuffer();
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(department('east', '华东组', { Lead: ['李经理', 'manager'], ZhangSan: 'rep', LiSi: 'rep' }), {
      // A target gives the page its gauge: a team without any number gets the markdown alone.
      targets: [{ period: '2026-11', user: 'ZhangSan', measure: '订单金额', value: 50000 }],
    }),
    () => now,
    { reportRenderer: renderer },
  );
  expect(await say('ZhangSan', '帮助')).not.toBe(''); // everyone known to the bot before the timing test
});

afterAll(async () => {
  release?.();
  await bot?.close();
  await fake?.stop();
});

describe('今日简报 draws its image after the event commits', () => {
  it('answers another user while the image is still being drawn, then sends the manager image + markdown', async () => {
    const lead = sentTo('Lead').length;
    const zhang = sentTo('ZhangSan').length;
    await post('Lead', '今日简报');
    await until(() => release !== null, 'the render to start');
    // The event was committed before the PNG work began, and nothing of it has gone out: its markdown
    // waits behind the image's place.
    expect(started.at(-1)?.inboxDone).toBe(true);
    expect(started.at(-1)?.page.title).toBe('李经理的团队简报');

    // Another user's event is handled and answered meanwhile (on SQLite the dispatcher runs one event at a
    // time: a render inside the handler would hold both the slot and the write lock until released).
    await post('ZhangSan', '帮助');
    await until(() => sentTo('ZhangSan').length > zhang, '张三’s answer while the render is blocked');
    expect(sentTo('Lead').slice(lead)).toEqual([]);

    release?.();
    await bot.settle();
    const answer = sentTo('Lead').slice(lead);
    expect(answer.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(answer[1]?.markdown?.content).toContain('### 李经理的团队简报（今日）');
    const uploaded = fake.requestsTo('/cgi-bin/media/upload').at(-1);
    expect(uploaded?.files?.[0]?.bytes.length).toBe(png.length);
  });

  it('says the image failed, before the same markdown, when it cannot be drawn', async () => {
    failNext = true;
    const lead = sentTo('Lead').length;
    await post('Lead', '预览日报');
    await until(() => release !== null, 'the render to start');
    release?.();
    await bot.settle();
    const answer = sentTo('Lead').slice(lead);
    expect(answer.map((m) => m.msgtype)).toEqual(['text', 'markdown']);
    expect(answer[0]?.text?.content).toBe(IMAGE_FALLBACK.kind === 'text' ? IMAGE_FALLBACK.text : '');
    expect(answer[1]?.markdown?.content).toContain('李经理的团队简报');
  });
});
