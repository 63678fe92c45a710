import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../../storage/data-source';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomEnv,
  wecomFixture,
  type WecomApp,
} from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * FIELDBOT_ROLE=web stores and acknowledges callbacks; FIELDBOT_ROLE=worker finds them in the inbox, handles
 * them and sends the replies. Split roles need MySQL/MariaDB, so this file runs in the MariaDB leg only.
 */
const app: WecomApp = { corpId: 'wwworkerrole00001', token: 'roleToken', aesKey: randomAesKey() };
const SECRET = 'role-secret';
const onMysql = /^mysql:/.test(process.env.DATABASE_URL ?? '');
const maybe = onMysql ? describe : describe.skip;

let fake: FakeWecomApi;
let web: TestBot;
let worker: TestBot;
let monitor: DataSource;
const chat = createWecomChat({ bot: () => web, fake: () => fake, app, msgIdBase: 7451000000000000000n });

/** Waits for `check` to hold, polling; a generous ceiling, since CI shares a busy machine. */
async function until(check: () => Promise<boolean>, ceilingMs = 30_000): Promise<boolean> {
  for (const deadline = Date.now() + ceilingMs; Date.now() < deadline;) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const statusOf = async (msgId: string): Promise<string | undefined> => {
  const rows = (await monitor.query('SELECT status FROM inbox_events WHERE tenant_id = ? AND dedup_key = ?', [
    app.corpId,
    `msg:${msgId}`,
  ])) as Array<{ status: string }>;
  return rows[0]?.status;
};
const textOf = (msgId: string, user: string, content: string) =>
  wecomFixture('text', { Content: content, FromUserName: user, MsgId: msgId });

maybe('worker role', () => {
  beforeAll(async () => {
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    const env = wecomEnv(app, SECRET, await fake.start());
    web = await startTestBot({ ...env, FIELDBOT_ROLE: 'web' });
    worker = await startTestBot({ ...env, FIELDBOT_ROLE: 'worker' }, undefined, undefined, {
      sameDatabaseAs: web,
    });
    monitor = createDataSource(web.config.databaseUrl ?? '');
    await monitor.initialize();
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await monitor?.destroy();
    await fake?.stop();
  });

  it('the web instance acknowledges and stores; the worker handles and replies', async () => {
    const msgId = chat.nextMsgId();
    const res = await postCallback(web.url, encryptCallback(app, textOf(msgId, 'LiSi', '帮助')));
    expect(res.status).toBe(200);
    expect(await until(async () => (await statusOf(msgId)) === 'done')).toBe(true);
    expect(await until(async () => chat.lastText('LiSi').includes('签到'))).toBe(true);
  });

  it('handles an event whose insert committed after a later one, and is not held up by it meanwhile', async () => {
    // MySQL hands out an insert's id when it starts, so concurrent callbacks can commit out of id order.
    // Keys are unique per tenant: holding the gap above `first` makes the next insert above it wait, id taken.
    const first = chat.nextMsgId();
    const below = (BigInt(first) - 500n).toString();
    const held = (BigInt(first) + 500n).toString();
    expect((await postCallback(web.url, encryptCallback(app, textOf(first, 'WangWu', '帮助')))).status).toBe(
      200,
    );
    expect(await until(async () => (await statusOf(first)) === 'done')).toBe(true);

    const gap: QueryRunner = monitor.createQueryRunner();
    await gap.connect();
    let slowPost: Promise<Response> | undefined;
    try {
      await gap.startTransaction();
      await gap.query('SELECT id FROM inbox_events WHERE tenant_id = ? AND dedup_key = ? FOR UPDATE', [
        app.corpId,
        `msg:${held}`,
      ]);
      slowPost = postCallback(web.url, encryptCallback(app, textOf(held, 'ZhaoLiu', '帮助')));
      // The slow insert has its id and waits for the gap.
      expect(
        await until(async () => {
          const waiting = (await monitor.query(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'INSERT INTO inbox_events%'",
          )) as Array<{ n: number }>;
          return Number(waiting[0]?.n) > 0;
        }),
      ).toBe(true);
      // A later id, committed first, is polled and handled: another user's insert in flight holds no turn.
      const fast = await postCallback(web.url, encryptCallback(app, textOf(below, 'SunQi', '帮助')));
      expect(fast.status).toBe(200);
      expect(await until(async () => (await statusOf(below)) === 'done')).toBe(true);
      expect(await statusOf(held)).toBeUndefined();
    } finally {
      await gap.rollbackTransaction().catch(() => undefined);
      await gap.release();
    }
    expect((await slowPost)?.status).toBe(200);
    const ids = (await monitor.query(
      'SELECT dedup_key, id FROM inbox_events WHERE tenant_id = ? AND dedup_key IN (?, ?)',
      [app.corpId, `msg:${held}`, `msg:${below}`],
    )) as Array<{ dedup_key: string; id: number }>;
    const idOf = (msgId: string) => Number(ids.find((r) => r.dedup_key === `msg:${msgId}`)?.id);
    expect(idOf(held)).toBeLessThan(idOf(below));
    // No inbox sweep runs here (scheduled jobs are off): only the worker's own poll can find it.
    expect(await until(async () => (await statusOf(held)) === 'done')).toBe(true);
    expect(await until(async () => chat.lastText('ZhaoLiu').includes('签到'))).toBe(true);
  });
});
