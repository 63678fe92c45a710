import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import type { BotProcess } from '../../bench/resilience/bot-process';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { startBotInProcess, type BotInProcess } from './support/bot-in-process';
import { checkStorm, violationsOf, waitUntilSettled, type Query } from './support/storm-checks';
import { planStorm } from './support/storm-plan';
import { STORM_MEDIA_IDS, StormRunner } from './support/storm-runner';

/**
 * Resilience suite 5, scaled down for `npm test` (the full run is `npm run resilience:crash`): the real
 * server in its own process is killed with SIGKILL in the middle of a storm — with acknowledged events
 * not yet handled and replies on the wire — and started again. The events are handled after the restart,
 * and no reply reaches a user twice.
 */
const app: WecomApp = { corpId: 'wwcrash000000001', token: 'crashToken', aesKey: randomAesKey() };
const SECRET = 'crash-secret';

let fake: FakeWecomApi;
let bot: BotProcess;
let monitor: DataSource;
let running: BotInProcess | undefined;

/** Starts a second process (~30 s in all): run by `npm run resilience:fast`, not by the default `npm test`. */
const enabled = process.env.RESILIENCE_PROCESS_TESTS === '1';
const maybe = enabled ? describe : describe.skip;

maybe('process crash', () => {
  beforeAll(async () => {
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    fake.answerDelayMs = 30;
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a63' } })
      .jpeg()
      .toBuffer();
    STORM_MEDIA_IDS.forEach((id) => fake.media.set(id, photo));
    running = await startBotInProcess('crash', wecomEnv(app, SECRET, await fake.start()));
    ({ bot, monitor } = running);
  });

  afterAll(async () => {
    await running?.stop();
    await fake?.stop();
  });

  it('handles after a kill -9 and restart what was acknowledged before it, and sends nothing twice', async () => {
    const query: Query = (sql) => monitor.query(sql);
    const plan = planStorm({ callbacks: 400, users: 25, seconds: 3, replayShare: 0.3, seed: 5 });
    const runner = new StormRunner({
      app,
      agentId: '1000002',
      baseUrl: () => bot.url,
      fake,
      seed: 5,
      retryAfterMs: 300,
    });
    const atKill = { unhandled: 0, midSend: 0 };
    await runner.run(plan, [
      {
        atMs: 1000,
        run: async () => {
          // Kill when it hurts: acknowledged events waiting and replies on the wire.
          for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
            const [busy] = await query(
              "SELECT (SELECT COUNT(*) FROM inbox_events WHERE status = 'pending') AS inbox, (SELECT COUNT(*) FROM outbox_messages WHERE status = 'sending') AS outbox",
            );
            if (Number(busy?.inbox) > 0 && Number(busy?.outbox) > 0) break;
          }
          await bot.crash();
          const [left] = await query(
            "SELECT (SELECT COUNT(*) FROM inbox_events WHERE status = 'pending') AS inbox, (SELECT COUNT(*) FROM outbox_messages WHERE status = 'sending') AS outbox",
          );
          atKill.unhandled = Number(left?.inbox);
          atKill.midSend = Number(left?.outbox);
          // The dead process's claims would lapse after their 60 s lease; let them lapse now.
          await query("UPDATE outbox_messages SET next_attempt_at = created_at WHERE status = 'sending'");
          await bot.start();
        },
      },
    ]);
    expect(await waitUntilSettled(query, 60_000)).toBe(true);

    expect(atKill.unhandled).toBeGreaterThan(0);
    const report = await checkStorm(query, runner, fake);
    expect(violationsOf(report)).toEqual([]);
    expect(report).toMatchObject({ distinct: 280, acked: 280, lost: 0, duplicates: 0 });
    expect(report.inbox).toEqual({ done: 280 });
    // Callbacks sent while it was down were refused and re-sent, as WeCom does.
    expect(report.platformRetries).toBeGreaterThan(0);
  });
});
