import { RATE_LIMIT_REPLY } from '../../bot/inbox/user-rate-limit';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { people } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomEnv,
  type WecomApp,
} from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwratelimit000001', token: 'rateToken', aesKey: randomAesKey() };
const SECRET = 'rate-secret';
let fake: FakeWecomApi;
let bot: TestBot;
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7449500000000000000n });

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, await fake.start()), USER_RATE_BURST: '40', USER_RATE_PER_MINUTE: '60' },
    people({ Flood: ['刷屏', 'rep'], ZhangSan: 'rep' }),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

it('answers a flood from one user with one polite reply, stores all of it, and still serves others', async () => {
  const flood = 200;
  const posts: Array<Promise<Response>> = [];
  for (let i = 0; i < flood; i++) {
    posts.push(postCallback(bot.url, encryptCallback(app, chat.textXml('Flood', `刷屏 ${i}`))));
    if (i === flood / 2)
      posts.push(postCallback(bot.url, encryptCallback(app, chat.textXml('ZhangSan', '帮助'))));
    if (posts.length % 20 === 0) await Promise.all(posts.slice(-20));
  }
  expect((await Promise.all(posts)).every((r) => r.status === 200)).toBe(true);
  await bot.settle();

  expect(chat.lastText('ZhangSan')).toContain('签到');
  const toFlood = chat.sentTo('Flood').map(chat.contentOf);
  expect(toFlood.filter((t) => RATE_LIMIT_REPLY.kind === 'text' && t === RATE_LIMIT_REPLY.text)).toHaveLength(
    1,
  );
  // What was handled: the burst, and what the minute refilled meanwhile (a few seconds' worth).
  expect(toFlood.length).toBeLessThan(bot.config.userRate.burst + 20);
  const rows = (await bot.db.dataSource.query(
    "SELECT status, COUNT(*) AS n FROM inbox_events WHERE user_id = 'Flood' GROUP BY status",
  )) as Array<{ status: string; n: number }>;
  expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([['done', flood]]);
});
