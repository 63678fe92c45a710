import { connectionLeaseName } from '../../bot/long-connection/leased-connection';
import { createDataSource } from '../../storage/data-source';
import { InboxEventEntity } from '../../storage/entities/inbox-event.entity';
import { JobLeaseEntity } from '../../storage/entities/job-lease.entity';
import { dingtalkFixture, dingtalkText } from '../support/dingtalk-callback';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { CARD_TOPIC, FakeDingtalkStream, ROBOT_TOPIC } from '../support/fake-dingtalk-stream';
import { startTestBot, type TestBot } from '../support/start-bot';

/**
 * DingTalk Stream mode end to end: the real bot opens the official SDK's connection to a fake gateway on
 * loopback that speaks its wire protocol (open → ticket → WebSocket; CALLBACK/EVENT frames down, acks up;
 * SYSTEM ping), stores what arrives in the inbox, acks after the commit, and answers through the same
 * OpenAPI as in HTTP mode (a strict fake of api.dingtalk.com).
 */
const APP_KEY = 'dingstreamappkey';
const APP_SECRET = 'stream-app-secret-not-real-77c1';
const ROBOT_CODE = 'dingrobot0123456789';
const CORP_ID = 'ding0123456789abcdef';
const USER = 'manager1234';
const HELP = { msgKey: 'sampleMarkdown', userIds: [USER] };

let api: FakeDingtalkApi;
let gateway: FakeDingtalkStream;
let bot: TestBot;

function env(gatewayUrl: string) {
  return {
    DINGTALK_APP_KEY: APP_KEY,
    DINGTALK_APP_SECRET: APP_SECRET,
    DINGTALK_ROBOT_CODE: ROBOT_CODE,
    DINGTALK_CORP_ID: CORP_ID,
    DINGTALK_API_BASE: api.baseUrl,
    DINGTALK_OAPI_BASE: api.oapiBase,
    DINGTALK_MODE: 'stream',
    DINGTALK_STREAM_GATEWAY: gatewayUrl,
    LONG_CONNECTION_LEASE_SECONDS: '2',
  };
}

beforeEach(async () => {
  api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
  await api.start();
  gateway = new FakeDingtalkStream({ clientId: APP_KEY, clientSecret: APP_SECRET });
  bot = await startTestBot(env(await gateway.start()));
  await gateway.until(() => gateway.connected);
});

afterEach(async () => {
  await bot.close();
  await gateway.stop();
  await api.stop();
  expect(api.unexpected).toEqual([]);
  expect(gateway.unexpected).toEqual([]);
  expect(JSON.stringify(bot.logs)).not.toContain(APP_SECRET);
});

const replies = () => api.delivered.map(({ msgKey, userIds }) => ({ msgKey, userIds }));

async function inbox(dedupKeys: string[]) {
  return bot.db.manager.find(InboxEventEntity, {
    where: dedupKeys.map((dedupKey) => ({ tenantId: CORP_ID, dedupKey })),
  });
}

async function acked(messageId: string) {
  await gateway.until(() => gateway.ackOf(messageId) !== undefined);
  return gateway.ackOf(messageId);
}

describe('DingTalk Stream mode', () => {
  it('subscribes to robot messages and card callbacks with the app credentials, and says so on /healthz', async () => {
    expect(gateway.opens[0]?.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: ROBOT_TOPIC },
        { type: 'CALLBACK', topic: CARD_TOPIC },
        { type: 'EVENT', topic: '*' },
      ]),
    );
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { connections: object };
    expect(health.connections).toEqual({ [`dingtalk-stream:${APP_KEY}`]: 'up' });
  });

  it('stores a robot message before acking it, then answers through the OpenAPI', async () => {
    const id = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgStream0001=='));
    const ack = await acked(id);
    // At the ack the row is already committed.
    expect(await inbox(['msgStream0001=='])).toHaveLength(1);
    expect(JSON.parse(ack?.data ?? '')).toEqual({ response: {} });
    await bot.settle();
    expect(replies()).toEqual([HELP]);
  });

  it('does not ack a frame it could not store; the redelivered frame is handled once', async () => {
    await bot.db.dataSource.query('ALTER TABLE inbox_events RENAME TO inbox_events_away');
    const id = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgStreamDown1=='));
    await waitForLog(bot, 'inbox unavailable; leaving the frame for DingTalk to deliver again');
    expect(gateway.ackOf(id)).toBeUndefined();

    await bot.db.dataSource.query('ALTER TABLE inbox_events_away RENAME TO inbox_events');
    gateway.drop(); // the gateway delivers unacked frames again on the next connection
    await acked(id);
    await bot.settle();
    expect(await inbox(['msgStreamDown1=='])).toHaveLength(1);
    expect(replies()).toEqual([HELP]);
  });

  it('answers the card callback of a button through the same handlers', async () => {
    const id = gateway.callback(CARD_TOPIC, dingtalkFixture('card-callback') as object);
    await acked(id);
    await bot.settle();
    expect(api.delivered.map((d) => [d.msgKey, d.userIds])).toEqual([['sampleText', ['manager5678']]]);
  });

  it('echoes the gateway ping', async () => {
    const id = gateway.ping();
    await gateway.until(() => gateway.pingEchoes.some((p) => p.headers.messageId === id));
  });

  it('acks an address-book event after storing it as a contact change', async () => {
    const id = gateway.event('user_leave_org', { userId: ['left0001'] }, 'evt-0001');
    const ack = await acked(id);
    expect(JSON.parse(ack?.data ?? '')).toEqual({ status: 'SUCCESS' });
    const rows = await bot.db.manager.findBy(InboxEventEntity, { tenantId: CORP_ID, kind: 'contact_change' });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.payload ?? '')).toMatchObject({
      change: 'user_deleted',
      subjectIds: ['left0001'],
    });
  });

  it('resumes after a dropped connection: nothing lost, nothing twice, the reconnect counted', async () => {
    const first = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgBefore0001=='));
    await acked(first);
    gateway.drop();
    // Pushed while the bot is away: the gateway keeps it for the next connection.
    const second = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgDuring0001=='));
    await gateway.until(() => gateway.connections === 2 && gateway.connected);
    await acked(second);
    await bot.settle();

    expect(await inbox(['msgBefore0001==', 'msgDuring0001=='])).toHaveLength(2);
    expect(replies()).toEqual([HELP, HELP]);
    expect(bot.metrics.get('long_connection_reconnects_total', { connection: 'dingtalk-stream' })).toBe(1);
    expect(await (await fetch(`${bot.url}/metrics`)).text()).toContain(
      'fieldbot_long_connection_reconnects_total{connection="dingtalk-stream"} 1',
    );
  });

  it('handles once a frame delivered again because its ack was lost', async () => {
    const frame = dingtalkText('帮助', 'msgLostAck001==');
    const id = gateway.callback(ROBOT_TOPIC, frame);
    await acked(id);
    // The gateway never got that ack (the process died right after the commit): it pushes the frame again.
    const again = gateway.callback(ROBOT_TOPIC, frame);
    await acked(again);
    await bot.settle();
    expect(await inbox(['msgLostAck001=='])).toHaveLength(1);
    expect(replies()).toEqual([HELP]);
  });

  it('keeps one connection across two instances; the second takes over when the first stops', async () => {
    const second = await startTestBot(env(gateway.gatewayUrl), undefined, undefined, { sameDatabaseAs: bot });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500)); // more than a lease: the holder keeps it
      expect(gateway.connections).toBe(1);
      const standby = (await (await fetch(`${second.url}/healthz`)).json()) as { connections: object };
      expect(standby.connections).toEqual({ [`dingtalk-stream:${APP_KEY}`]: 'standby' });

      await bot.close();
      await gateway.until(() => gateway.connections === 2 && gateway.connected);
      const id = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgTakeover01=='));
      await acked(id);
      await second.settle();
      expect(replies()).toEqual([HELP]);
    } finally {
      await second.close();
      bot = await startTestBot(env(gateway.gatewayUrl)); // afterEach closes one
    }
  });

  it('takes over once the lease of an instance that died without letting go runs out', async () => {
    const url = bot.config.databaseUrl as string;
    await bot.close();
    const connectionsBefore = gateway.connections;
    // As a crashed holder leaves it: valid for 2 s more, and nobody renews it.
    const expiresAt = new Date(Date.now() + 2000);
    const db = createDataSource(url);
    await db.initialize();
    await db.manager.update(
      JobLeaseEntity,
      { name: connectionLeaseName(`dingtalk-stream:${APP_KEY}`) },
      { holder: 'crashed-instance', expiresAt },
    );
    await db.destroy();

    bot = await startTestBot(env(gateway.gatewayUrl), undefined, undefined, { sameDatabaseAs: bot });
    await gateway.until(() => gateway.connections > connectionsBefore && gateway.connected);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
    const id = gateway.callback(ROBOT_TOPIC, dingtalkText('帮助', 'msgAfterCrash1=='));
    await acked(id);
    await bot.settle();
    expect(replies()).toEqual([HELP]);
  });
});

async function waitForLog(target: TestBot, msg: string): Promise<void> {
  while (!target.logs.some((l) => l.msg === msg)) await new Promise((resolve) => setTimeout(resolve, 20));
}
