import { ProtocolGuardRepository } from '../../storage/repositories/protocol-guard.repository';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { customer, people, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, wecomFixture, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/** WeCom refuses a task_id the app has used before: ids must not repeat after a reset or across deployments. */
const app: WecomApp = { corpId: 'wwtaskids00000001', token: 'taskIdsToken', aesKey: randomAesKey() };
const SECRET = 'task-ids-secret';
const SEED = tenantSeed(people({ ZhangSan: 'rep' }), {
  customers: [customer('华为深圳', { address: '深圳市龙岗区坂田', at: { lat: 22.6543, lng: 114.0612 } })],
});
let fake: FakeWecomApi;
let apiBase: string;
let bot: TestBot;
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7449300000000000000n });

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  apiBase = await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

const env = () => wecomEnv(app, SECRET, apiBase);

/** Shares a location (the first card of a fresh database: `loc-1`) and taps 上班签到 on it. */
async function locationCardAndTap(): Promise<string> {
  await chat.deliver(wecomFixture('location', { FromUserName: 'ZhangSan', MsgId: chat.nextMsgId() }));
  const card = chat.lastCard('ZhangSan');
  const updates = fake.requestsTo('/cgi-bin/message/update_template_card').length;
  await chat.deliver(chat.tapXml('ZhangSan', card, '上班签到'));
  // The tap found its card: the id came back through the TaskId.
  expect(fake.requestsTo('/cgi-bin/message/update_template_card')).toHaveLength(updates + 1);
  return card?.task_id ?? '';
}

it('gives the same card a new task_id after a database reset; the mark stays with its database', async () => {
  bot = await startTestBot(env(), SEED);
  const first = await locationCardAndTap();
  // The mark is the database's: a restart (or a second instance) on it reads the same one.
  expect(await bot.db.dataSource.query('SELECT tag FROM deployment_identity')).toEqual([
    { tag: first.split('@')[1] },
  ]);
  expect(await new ProtocolGuardRepository(bot.db.manager).deploymentTag(new Date())).toBe(
    first.split('@')[1],
  );
  await bot.close();

  bot = await startTestBot(env(), SEED); // a fresh database: a reset, or another deployment of the app
  const second = await locationCardAndTap();
  await bot.close();

  expect(first.split('@')[0]).toBe('loc-1');
  expect(second.split('@')[0]).toBe('loc-1');
  expect(second).not.toBe(first);
  expect(second).toMatch(/^[0-9A-Za-z_@-]{1,128}$/);
});
