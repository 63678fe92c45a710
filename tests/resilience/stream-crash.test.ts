import type { DataSource } from 'typeorm';
import type { BotProcess } from '../../bench/resilience/bot-process';
import { dingtalkText } from '../support/dingtalk-callback';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { FakeDingtalkStream, ROBOT_TOPIC } from '../support/fake-dingtalk-stream';
import { startBotInProcess, type BotInProcess } from './support/bot-in-process';

/**
 * DingTalk Stream mode through a kill -9: the real server in its own process holds the stream; frames
 * arrive in a burst and the process is killed with SIGKILL while some are stored and not yet acknowledged.
 * The restarted process takes the connection over once the dead one's lease runs out, the gateway
 * delivers the unacknowledged frames again, and every message is stored and answered exactly once.
 */
const APP_KEY = 'dingcrashappkey';
const APP_SECRET = 'crash-app-secret-not-real-90ad';
const USERS = Array.from({ length: 10 }, (_, i) => `crashuser${String(i).padStart(2, '0')}`);
const PER_USER = 6;

const enabled = process.env.RESILIENCE_PROCESS_TESTS === '1';
const maybe = enabled ? describe : describe.skip;

maybe('DingTalk Stream through a process crash', () => {
  let api: FakeDingtalkApi;
  let gateway: FakeDingtalkStream;
  let bot: BotProcess;
  let monitor: DataSource;
  let running: BotInProcess | undefined;

  beforeAll(async () => {
    api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
    await api.start();
    gateway = new FakeDingtalkStream({ clientId: APP_KEY, clientSecret: APP_SECRET });
    running = await startBotInProcess('stream-crash', {
      DINGTALK_APP_KEY: APP_KEY,
      DINGTALK_APP_SECRET: APP_SECRET,
      DINGTALK_ROBOT_CODE: 'dingrobotcrash01',
      DINGTALK_CORP_ID: 'ding0123456789abcdef',
      DINGTALK_API_BASE: api.baseUrl,
      DINGTALK_OAPI_BASE: api.oapiBase,
      DINGTALK_MODE: 'stream',
      DINGTALK_STREAM_GATEWAY: await gateway.start(),
      LONG_CONNECTION_LEASE_SECONDS: '2',
    });
    ({ bot, monitor } = running);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await gateway?.stop();
    await api?.stop();
  });

  it('stores and answers every message once after a kill -9 between commits and acks', async () => {
    await gateway.until(() => gateway.connected);
    const msgIds: string[] = [];
    for (let n = 0; n < PER_USER; n++) {
      for (const user of USERS) {
        const msgId = `msgCrash${user}${n}==`;
        msgIds.push(msgId);
        gateway.callback(ROBOT_TOPIC, { ...dingtalkText('帮助', msgId), senderStaffId: user });
      }
    }
    await gateway.until(() => gateway.acks.length >= 10);
    await bot.crash();
    const pendingAtKill = gateway.pending;
    await bot.start();

    await gateway.until(() => gateway.pending === 0);
    for (;;) {
      const [row] = (await monitor.query(
        "SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'sent'",
      )) as Array<{ n: number | string }>;
      if (Number(row?.n) >= msgIds.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(pendingAtKill).toBeGreaterThan(0);
    expect(gateway.redeliveries).toBeGreaterThan(0);
    const stored = (await monitor.query('SELECT dedup_key FROM inbox_events')) as Array<{
      dedup_key: string;
    }>;
    expect(stored.map((r) => r.dedup_key).sort()).toEqual([...msgIds].sort());
    const perUser = new Map<string, number>();
    for (const d of api.delivered) for (const u of d.userIds) perUser.set(u, (perUser.get(u) ?? 0) + 1);
    expect(Object.fromEntries(perUser)).toEqual(Object.fromEntries(USERS.map((u) => [u, PER_USER])));
    expect(api.unexpected).toEqual([]);
  }, 120_000);
});
