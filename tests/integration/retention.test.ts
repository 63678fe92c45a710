import { FakeWecomApi } from '../support/fake-wecom-api';
import { people } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';
import { ProtocolGuardRepository } from '../../storage/repositories/protocol-guard.repository';

const app: WecomApp = { corpId: 'wwretention000001', token: 'retentionToken', aesKey: randomAesKey() };
const SECRET = 'retention-secret';
const DAY_MS = 24 * 60 * 60 * 1000;
let fake: FakeWecomApi;
let apiBase: string;
let bot: TestBot;
let now = new Date('2026-11-02T02:00:00Z');
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7449400000000000000n });

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  apiBase = await fake.start();
});

afterEach(async () => {
  await bot?.close();
});

afterAll(async () => {
  await fake.stop();
});

const inboxTexts = async () =>
  (
    (await bot.db.dataSource.query('SELECT payload FROM inbox_events ORDER BY id')) as Array<{
      payload: string;
    }>
  ).map((r) => (JSON.parse(r.payload) as { text: string }).text);

async function oldAndNewMessages(): Promise<void> {
  now = new Date('2026-11-02T02:00:00Z');
  await chat.say('ZhangSan', '帮助');
  await chat.say('ZhangSan', '我的申请');
  now = new Date(now.getTime() + 31 * DAY_MS);
  await chat.say('ZhangSan', '待我审批');
}

it('deletes handled inbox events older than 30 days, nightly under a lease, keeping the recent ones', async () => {
  bot = await startTestBot(wecomEnv(app, SECRET, apiBase), people({ ZhangSan: 'rep' }), () => now);
  await oldAndNewMessages();
  const guard = new ProtocolGuardRepository(bot.db.manager);
  await guard.useSignature('a'.repeat(64), 'b'.repeat(64), new Date(now.getTime() - 1000));
  await guard.useSignature('c'.repeat(64), 'd'.repeat(64), new Date(now.getTime() + 60_000));
  expect(await inboxTexts()).toEqual(['帮助', '我的申请', '待我审批']);

  expect(await bot.runJob('retention')).toBe(true);
  expect(await inboxTexts()).toEqual(['待我审批']);
  const signatures = (await bot.db.dataSource.query('SELECT sign_key FROM dingtalk_signatures')) as Array<{
    sign_key: string;
  }>;
  expect(signatures.map((s) => s.sign_key)).toEqual(['c'.repeat(64)]);
});

it('keeps them as long as INBOX_RETENTION_DAYS says', async () => {
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, apiBase), INBOX_RETENTION_DAYS: '60' },
    people({ ZhangSan: 'rep' }),
    () => now,
  );
  await oldAndNewMessages();
  expect(await bot.runJob('retention')).toBe(true);
  expect(await inboxTexts()).toEqual(['帮助', '我的申请', '待我审批']);
});
