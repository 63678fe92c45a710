import { createReportRenderer } from '../../cards/render/report-renderer';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import {
  checkDigestDelivery,
  DIGEST_RUN_AT,
  digestSeed,
  digestViolations,
  killingRenderer,
  managerId,
  seedDigestPunches,
} from './support/digest-faults';

/**
 * Resilience suite 4, scaled down (`npm run resilience:renderer` is the full run): Chromium's whole process
 * tree is killed with SIGKILL while idle before the run, in the middle of a render and between two renders
 * of a daily digest run; the run finishes and every manager gets exactly one image and one markdown, on
 * SQLite and on MariaDB.
 */
const app: WecomApp = { corpId: 'wwrenderfault0001', token: 'rfToken', aesKey: randomAesKey() };
const SECRET = 'renderer-faults-secret';
const MANAGERS = 24; // enough renders after the mid-render kill for every lane in flight then to finish

// A render attempt's own deadline is generous: this suite is about kills, and on a loaded machine a healthy
// render can take longer than the production default.
const chromium = createReportRenderer({ deviceScaleFactor: 1, timeoutMs: 120_000 });
// Two renders after the idle kill, one is interrupted; once two more have succeeded, one is followed by a kill.
const renderer = killingRenderer(chromium, ['mid-render', 'between renders'], 2);

let fake: FakeWecomApi;
let bot: TestBot;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    digestSeed(MANAGERS, 2),
    () => DIGEST_RUN_AT,
    { reportRenderer: renderer },
  );
  await seedDigestPunches(bot.db, app.corpId);
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

it('finishes a digest run whose Chromium is killed before, during and between renders: one digest each', async () => {
  await chromium.renderPng({ title: '预热', charts: [] });
  await renderer.killIdle();
  expect(await bot.runJob('daily-digest')).toBe(true);
  await bot.settle();

  expect(renderer.kills.map((k) => k.when)).toEqual(['idle', 'mid-render', 'between renders']);
  expect(renderer.kills.every((k) => k.pids.length > 1)).toBe(true); // the browser and its children
  const stats = chromium.stats();
  // Each kill was seen as a crash and followed by a new browser; the interrupted render was retried. (Exact
  // counts depend on timing: under load a browser may be relaunched once more.)
  expect({
    crashes: stats.crashes >= 3,
    launches: stats.launches >= 4,
    retried: stats.failedAttempts >= 1,
    renders: stats.renders,
  }).toEqual({ crashes: true, launches: true, retried: true, renders: MANAGERS + 1 });

  const managers = Array.from({ length: MANAGERS }, (_, i) => managerId(i));
  const report = await checkDigestDelivery(
    fake,
    (sql, params) => bot.db.dataSource.query(sql, params),
    managers,
  );
  expect(digestViolations(report)).toEqual([]);
  expect(report.exactlyOne).toBe(MANAGERS);
});
