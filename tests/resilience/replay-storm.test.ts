import sharp from 'sharp';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { checkStorm, violationsOf, waitUntilSettled, type Query } from './support/storm-checks';
import { planStorm } from './support/storm-plan';
import { STORM_MEDIA_IDS, StormRunner } from './support/storm-runner';

/**
 * Resilience suite 1, scaled down so it runs with `npm test` (the full 10,000-callback run is
 * `npm run resilience:storm`, against a separate server process on MariaDB): the same mix of text,
 * locations, photos and card taps, 30 % replays (some racing the original), the same invariants.
 */
const app: WecomApp = { corpId: 'wwstorm000000001', token: 'stormToken', aesKey: randomAesKey() };
const SECRET = 'storm-secret';

let fake: FakeWecomApi;
let bot: TestBot;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
    .jpeg()
    .toBuffer();
  STORM_MEDIA_IDS.forEach((id) => fake.media.set(id, photo));
  bot = await startTestBot(wecomEnv(app, SECRET, await fake.start()), undefined, () => new Date());
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

it('stores and answers every distinct message of a replay storm exactly once', async () => {
  const plan = planStorm({ callbacks: 400, users: 25, seconds: 2, replayShare: 0.3, seed: 9 });
  const runner = new StormRunner({ app, agentId: '1000002', baseUrl: () => bot.url, fake, seed: 9 });
  // Replays were answered without being stored again: the inbox holds the distinct messages only.
  await runner.run(plan);
  await bot.settle();
  const query: Query = (sql) => bot.db.dataSource.query(sql);
  expect(await waitUntilSettled(query, 120_000)).toBe(true); // generous: CI shares a busy machine

  const report = await checkStorm(query, runner, fake);
  expect(violationsOf(report)).toEqual([]);
  expect(report).toMatchObject({ callbacks: 400, distinct: 280, acked: 280, lost: 0, duplicates: 0 });
  expect(report.inbox).toEqual({ done: 280 });
  expect(report.apiDeliveries).toBe(report.outbox.sent);
  expect(fake.unexpected).toEqual([]);
  // Every callback was answered 200 (a slow answer on a busy machine is re-sent, like WeCom does).
  expect(runner.stats.ok).toBe(400);
});
