import sharp from 'sharp';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { freshDatabaseUrl } from '../support/test-database';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { checkStorm, violationsOf, waitUntilSettled, type Query } from './support/storm-checks';
import { planStorm } from './support/storm-plan';
import { STORM_MEDIA_IDS, StormRunner } from './support/storm-runner';
import { TcpCut } from './support/tcp-cut';

/**
 * Resilience suite 2, scaled down for `npm test` on MariaDB (the full run, MariaDB itself stopped for
 * 30 s, is `npm run resilience:outage`): the database vanishes in the middle of a storm — connections
 * reset, new ones refused — and comes back. The webhook answers 503 meanwhile, WeCom's re-sends are
 * replayed, and afterwards nothing is lost and nothing doubled. SQLite cannot vanish, so it runs on MySQL only.
 */
const url = process.env.DATABASE_URL ?? '';
const onMysql = /^(mysql|mariadb):\/\//.test(url);
const app: WecomApp = { corpId: 'wwoutage00000001', token: 'outageToken', aesKey: randomAesKey() };
const SECRET = 'outage-secret';

let fake: FakeWecomApi;
let bot: TestBot;
let relay: TcpCut;
let shiftMs = 0;

(onMysql ? describe : describe.skip)('database outage (MySQL/MariaDB only)', () => {
  beforeAll(async () => {
    await freshDatabaseUrl();
    const target = new URL(url);
    relay = new TcpCut(target.hostname, Number(target.port || 3306));
    const port = await relay.start();
    const relayed = new URL(url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(port);
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36a' } })
      .jpeg()
      .toBuffer();
    STORM_MEDIA_IDS.forEach((id) => fake.media.set(id, photo));
    // WeCom takes tens of milliseconds to answer: the outage then catches replies on the wire.
    fake.answerDelayMs = 40;
    bot = await startTestBot(
      {
        ...wecomEnv(app, SECRET, await fake.start()),
        DATABASE_URL: relayed.toString(),
      },
      undefined,
      () => new Date(Date.now() + shiftMs),
    );
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.stop();
    await relay?.close();
  });

  it('loses and doubles nothing when the database vanishes mid-storm and comes back', async () => {
    const plan = planStorm({ callbacks: 300, users: 20, seconds: 3, replayShare: 0.3, seed: 11 });
    const runner = new StormRunner({
      app,
      agentId: '1000002',
      baseUrl: () => bot.url,
      fake,
      seed: 11,
      retryAfterMs: 300,
    });
    // A second into the storm, the database vanishes just as a reply is on its way to WeCom: the bot
    // must not take "could not record it" for "not delivered" and send it again.
    const outageOnNextSend = () =>
      new Promise<void>((resolve) => {
        fake.faults = (r) => {
          if (r.path !== '/cgi-bin/message/send') return undefined;
          fake.faults = undefined;
          void (async () => {
            await relay.cut();
            await new Promise((done) => setTimeout(done, 1500));
            await relay.restore();
          })().then(resolve);
          return undefined;
        };
      });
    await runner.run(plan, [{ atMs: 1000, run: outageOnNextSend }]);
    // The webhook said 503 during the outage, and the re-sends got through afterwards.
    expect(runner.stats.statuses['503']).toBeGreaterThan(0);
    await bot.settle();
    // Events whose handling met the outage wait for the inbox sweep (after 60 s): jump ahead and run it.
    shiftMs = 120_000;
    await bot.runJob('inbox-sweep');
    await bot.settle();
    const query: Query = (sql) => bot.db.dataSource.query(sql);
    expect(await waitUntilSettled(query, 120_000)).toBe(true);

    const report = await checkStorm(query, runner, fake);
    expect(violationsOf(report)).toEqual([]);
    expect(report).toMatchObject({ distinct: 210, acked: 210, lost: 0, duplicates: 0 });
    expect(report.inbox).toEqual({ done: 210 });
  });
});
