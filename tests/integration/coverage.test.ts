import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, wecomFixture, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwcoverage000001', token: 'coverageToken', aesKey: randomAesKey() };
const SECRET = 'coverage-secret';

const HUAWEI = { lat: 22.6543, lng: 114.0612 };
const TENCENT = { lat: 22.5228, lng: 113.9353 };
const FACTORY = { lat: 22.7, lng: 114.2 };
const ZTE = { lat: 22.5405, lng: 113.9531 };

let fake: FakeWecomApi;
let bot: TestBot;
// Monday 2 Nov 2026, 10:00 in Shanghai: the customers are seeded (and taken by their owners) now.
let now = new Date('2026-11-02T02:00:00Z');
const at = (iso: string) => (now = new Date(iso));

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7448100000000000000n,
  createTimeBase: 1764500000,
});
const { say, deliver, nextMsgId, lastCard } = chat;

async function shareLocation(user: string, point: { lat: number; lng: number }): Promise<void> {
  await deliver(
    wecomFixture('location', {
      FromUserName: user,
      Location_X: point.lat,
      Location_Y: point.lng,
      Label: '现场',
      MsgId: nextMsgId(),
    }),
  );
}

/** Checks in at `customer` from `point` at `start` and checks out `minutes` later. */
async function visit(
  user: string,
  customer: string,
  point: { lat: number; lng: number },
  start: string,
  minutes: number,
): Promise<void> {
  at(start);
  await shareLocation(user, point);
  expect(await say(user, `拜访 ${customer}`)).toContain(`已签到拜访「${customer}」`);
  at(new Date(new Date(start).getTime() + minutes * 60_000).toISOString());
  await say(user, '结束拜访 谈了报价');
  expect(lastCard(user)?.main_title.title).toBe(`拜访已结束：${customer}`);
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    {
      departments: [
        { key: 'sales', name: '销售部' },
        { key: 'north', name: '华北部' },
      ],
      users: [
        { userId: 'Admin', name: '管理员', role: 'admin', department: 'sales' },
        { userId: 'Lead', name: '李经理', role: 'manager', department: 'sales' },
        { userId: 'ZhangSan', name: '张三', role: 'rep', department: 'sales' },
        { userId: 'LiSi', name: '李四', role: 'rep', department: 'sales' },
        { userId: 'WangWu', name: '王五', role: 'rep', department: 'north' },
      ],
      customers: [
        { name: '华为坂田', address: '龙岗区坂田', ...HUAWEI, owner: 'ZhangSan' },
        { name: '腾讯滨海', address: '南山区滨海大道', ...TENCENT, owner: 'ZhangSan' },
        { name: '远方工厂', address: '龙岗区', ...FACTORY, owner: 'ZhangSan' },
        { name: '无分类商行', address: '福田区', lat: 22.54, lng: 114.05, owner: 'ZhangSan' },
        { name: '中兴科技园', address: '南山区', ...ZTE, owner: 'LiSi' },
        { name: '北方钢铁', address: '北京', lat: 39.9, lng: 116.4, owner: 'WangWu' },
      ],
    },
    () => now,
  );
  for (const [user, name, cls] of [
    ['ZhangSan', '华为坂田', 'A'],
    ['ZhangSan', '腾讯滨海', 'B'],
    ['ZhangSan', '远方工厂', 'C'],
    ['LiSi', '中兴科技园', 'A'],
    ['WangWu', '北方钢铁', 'A'],
  ] as const)
    expect(await say(user, `客户 ${name} 设置 分类 ${cls}`)).toContain(`分类`);
  // 华为坂田 is visited on Thursday 5 Nov; nobody else is.
  await visit('ZhangSan', '华为坂田', HUAWEI, '2026-11-05T02:00:00Z', 40);
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('客户 未拜访: customers overdue for a visit by their class', () => {
  it('lists a rep’s own, most overdue first, with the days and the last visit', async () => {
    at('2026-11-23T01:00:00Z'); // Monday 23 Nov, 09:00
    // A every 7 days: due 12 Nov → 11 days over. B every 14 days, never visited, taken 2 Nov: due 16 Nov → 7.
    // C every 30 days: due 2 Dec, not yet. The unclassified customer is not counted.
    expect(await say('ZhangSan', '客户 未拜访')).toBe(
      [
        '逾期未拜访的客户 2 个（拜访频率：A类每7天、B类每14天、C类每30天），逾期最久的在前：',
        '1. 华为坂田（A类，每7天）逾期 11 天，上次拜访 11月5日',
        '2. 腾讯滨海（B类，每14天）逾期 7 天，从未拜访',
      ].join('\n'),
    );
  });

  it('gives a manager his team’s with each owner, and nothing of another department', async () => {
    expect(await say('Lead', '客户 未拜访')).toBe(
      [
        '逾期未拜访的客户 3 个（拜访频率：A类每7天、B类每14天、C类每30天），逾期最久的在前：',
        '1. 中兴科技园（A类，每7天）逾期 14 天，从未拜访 — 李四',
        '2. 华为坂田（A类，每7天）逾期 11 天，上次拜访 11月5日 — 张三',
        '3. 腾讯滨海（B类，每14天）逾期 7 天，从未拜访 — 张三',
      ].join('\n'),
    );
  });

  it('follows the tenant’s frequency once an admin changes it, and audits the change', async () => {
    expect(await say('Admin', '设置拜访 频率A 14天')).toContain('拜访频率：A类每14天、B类每14天、C类每30天');
    expect(await say('ZhangSan', '客户 未拜访')).toContain(
      '1. 腾讯滨海（B类，每14天）逾期 7 天，从未拜访\n2. 华为坂田（A类，每14天）逾期 4 天',
    );
    const [audit] = (await bot.db.dataSource.query(
      "SELECT before_value, after_value FROM audit_log WHERE tenant_id = ? AND subject = 'visit-settings:visitEveryDaysA'",
      [app.corpId],
    )) as Array<{ before_value: string; after_value: string }>;
    expect(JSON.parse(audit?.before_value ?? '{}')).toEqual({ visitEveryDaysA: 7 });
    expect(JSON.parse(audit?.after_value ?? '{}')).toEqual({ visitEveryDaysA: 14 });
    expect(await say('Admin', '设置拜访 频率A 7天')).toContain('A类每7天');
  });
});

describe('客户 未跟进 [N天]: days since the last follow-up', () => {
  it('takes the tenant’s 30 days when no number is given', async () => {
    expect(await say('ZhangSan', '客户 未跟进')).toBe('没有30天以上未跟进的客户。');
  });

  it('filters by the days typed, longest first; a visit counts as a follow-up', async () => {
    expect(await say('ZhangSan', '客户 未跟进 20天')).toBe(
      [
        '20天以上未跟进的客户 3 个，最久的在前：',
        '1. 腾讯滨海 21 天未跟进（从未跟进）',
        '2. 无分类商行 21 天未跟进（从未跟进）',
        '3. 远方工厂 21 天未跟进（从未跟进）',
      ].join('\n'),
    );
    expect(await say('ZhangSan', '客户 未跟进 15')).toContain('华为坂田 18 天未跟进（上次跟进 11月5日）');
  });

  it('refuses a count it cannot read, with the right form', async () => {
    const answer = await say('ZhangSan', '客户 未跟进 很久');
    expect(answer).toContain('客户 未跟进 [天数]');
    expect(answer).toContain('客户 未跟进 30天');
  });
});
