import type { ReportPage } from '../../cards/render/report-page';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { drawingRenderer } from '../support/recording-renderer';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
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

/** The real renderer, keeping each page and PNG it draws. */
const { renderer, drawn } = drawingRenderer('coverage');

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7448100000000000000n,
  createTimeBase: 1764500000,
});
const { say, lastCard, sentTo, lastText, shareLocation } = chat;

/** Checks in at `customer` from `point` at `start` (purpose and customer type typed) and checks out `minutes` later there. */
async function visit(
  user: string,
  customer: string,
  point: { lat: number; lng: number },
  start: string,
  minutes: number,
): Promise<void> {
  at(start);
  await shareLocation(user, point);
  await say(user, `拜访 ${customer} 订货 原有`);
  expect(lastCard(user)?.main_title.title).toBe(`已签到拜访「${customer}」`);
  at(new Date(new Date(start).getTime() + minutes * 60_000).toISOString());
  // Check-out takes a position: the one shared on leaving.
  await shareLocation(user, point);
  await say(user, '结束拜访 谈了报价');
  // Check-out takes a position.
  if (lastCard(user)?.main_title.title === `结束拜访「${customer}」：请发送你的位置`)
    await shareLocation(user, point);
  expect(lastCard(user)?.main_title.title).toBe(`拜访已结束：${customer}`);
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', {
        Admin: 'admin',
        Lead: ['李经理', 'manager'],
        ZhangSan: 'rep',
        LiSi: 'rep',
      }),
      department('north', '华北部', { WangWu: 'rep' }),
      {
        customers: [
          customer('华为坂田', { owner: 'ZhangSan', address: '龙岗区坂田', at: HUAWEI }),
          customer('腾讯滨海', { owner: 'ZhangSan', address: '南山区滨海大道', at: TENCENT }),
          customer('远方工厂', { owner: 'ZhangSan', address: '龙岗区', at: FACTORY }),
          customer('无分类商行', { owner: 'ZhangSan', address: '福田区', at: { lat: 22.54, lng: 114.05 } }),
          customer('中兴科技园', { owner: 'LiSi', address: '南山区', at: ZTE }),
          customer('北方钢铁', { owner: 'WangWu', address: '北京', at: { lat: 39.9, lng: 116.4 } }),
        ],
      },
    ),
    () => now,
    { reportRenderer: renderer },
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

/** 5 km south-west of 远方工厂: an 异地 check-in. */
const FAR_FROM_FACTORY = { lat: 22.66, lng: 114.17 };

describe('轨迹: a rep’s visits of a day on a map image', () => {
  it('draws the day in order with arrival, time on site and the far check-in, and lists the same stops', async () => {
    await visit('ZhangSan', '华为坂田', HUAWEI, '2026-11-24T01:05:00Z', 40); // Tuesday 09:05–09:45
    await visit('ZhangSan', '远方工厂', FAR_FROM_FACTORY, '2026-11-24T03:00:00Z', 50);
    at('2026-11-24T06:00:00Z');
    const before = sentTo('Lead').length;
    const pages = drawn.length;
    await say('Lead', '轨迹 张三');
    const sent = sentTo('Lead').slice(before);
    expect(sent.map((m) => m.msgtype)).toEqual(['image', 'text']);
    expect(sent[1]?.text?.content).toMatch(
      /^张三 今天（11月24日）拜访轨迹：2 家，路程约\d+\.\d公里，在客户处共1小时30分\n1\. 09:05 华为坂田 停留40分钟\n2\. 11:00 远方工厂 停留50分钟 · 异地签到，距客户\d\.\d公里$/,
    );
    expect(drawn.length).toBe(pages + 1);
    const { page, png } = drawn.at(-1) as { page: ReportPage; png: Buffer };
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(page.title).toBe('张三的拜访轨迹');
    const labels = JSON.stringify(page.charts[0]?.option);
    expect(labels).toContain('1. 华为坂田\\n09:05 到 · 停留40分钟');
    expect(labels).toContain('2. 远方工厂\\n11:00 到 · 停留50分钟\\n异地：距客户');
    expect(labels).toContain('客户：远方工厂');
  });

  it('takes a day, says so when it has no visits, and keeps to what the reader oversees', async () => {
    expect(await say('Lead', '轨迹 张三 昨天')).toBe(
      '张三11月23日没有拜访记录。查看其他日期：「轨迹 张三 12月1日」。',
    );
    expect(await say('ZhangSan', '轨迹')).toContain('张三 今天（11月24日）拜访轨迹：2 家');
    expect(await say('ZhangSan', '轨迹 李四')).toBe(
      '「李四」不是你本人：轨迹只能查看自己的。例如：轨迹 张三 昨天',
    );
    expect(await say('Lead', '轨迹 王五 昨天')).toContain('「王五」不是你或你团队里的人');
    expect(await say('Lead', '轨迹 张三 明天')).toContain('还没到，没有轨迹');
  });

  it('is on the digest’s member page, drawn at the phone’s width', async () => {
    await say('Lead', '今日简报');
    const markdown = sentTo('Lead').at(-1)?.markdown?.content ?? '';
    const link = /\[查看完整简报（实时数据）\]\((http[^)]+)\)/.exec(markdown)?.[1] ?? '';
    const team = await (await fetch(link)).text();
    const member = /<a href="([^"]+)">张三<\/a>/.exec(team)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const html = await (await fetch(new URL(member, link))).text();
    expect(html).toContain('<figcaption>张三 今天：2 家，路程约');
    expect(html).toContain('2. 远方工厂');
    // The digest's day (Monday) had no visits: no empty map is drawn for it.
    expect(html).not.toContain('<figcaption>张三 11月23日');
  });
});

describe('诊断: the three causes per rep', () => {
  it('names the causes with the figures and names behind them, and one line of advice each', async () => {
    expect(await say('Admin', '设置拜访 未跟进 20天')).toContain('未跟进：20天');
    await say('ZhangSan', '商机 腾讯滨海 30万 初步接洽');
    const id = /商机 #(\d+)/.exec(lastCard('ZhangSan')?.main_title.title ?? '')?.[1];
    expect(await say('ZhangSan', `输单 ${id} 客户预算取消`)).toContain('输单');
    const before = sentTo('Lead').length;
    await say('Lead', '诊断 张三');
    const sent = sentTo('Lead').slice(before);
    expect(sent.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    const text = sent[1]?.markdown?.content ?? '';
    expect(text).toContain('### 张三的诊断（截至11月24日）');
    expect(text).toContain('> 没有新客户：近14天新客户 0 个（名下客户 4 个）');
    expect(text).toContain(
      '> 有客户不跟进：名下 4 个客户中 2 个超过20天未跟进：腾讯滨海（22天）、无分类商行（22天）',
    );
    expect(text).toContain(
      '> 跟进了不成交：近30天拜访 3 次，订单 0 笔、赢单 0 个，输单 1 个：腾讯滨海（输在初步接洽，客户预算取消）',
    );
    expect(text).toContain('> 建议：输单多在「初步接洽」');
    const { page } = drawn.at(-1) as { page: ReportPage };
    expect(page.title).toBe('张三的诊断');
    expect(JSON.stringify(page.charts[0]?.option)).toContain('拜访 3 · 成交 0 · 输单 1');
  });

  it('lets a rep diagnose himself only, and gives a manager his whole team without a name', async () => {
    expect(await say('ZhangSan', '诊断 李四')).toContain('「李四」不是你本人：诊断只能查看自己的');
    await say('ZhangSan', '诊断');
    expect(lastText('ZhangSan')).toContain('### 张三的诊断');
    await say('Lead', '诊断');
    const team = lastText('Lead');
    expect(team).toContain('### 李经理团队的诊断');
    expect(team).toContain('> 李四 · 有客户不跟进：名下 1 个客户中 1 个超过20天未跟进：中兴科技园（22天）');
    expect(team).not.toContain('王五');
  });

  it('is in the 周报 with the overdue visits, as text and in the image', async () => {
    const pages = drawn.length;
    await say('Lead', '周报');
    const text = lastText('Lead');
    expect(text).toContain('**逾期未拜访（按客户分类的拜访频率）**');
    expect(text).toContain('> 李四：1 个 — 中兴科技园（15天）');
    expect(text).toContain('> 张三：1 个 — 腾讯滨海（8天）');
    expect(text).toContain('**诊断：三种原因**');
    expect(text).toContain('> 张三 · 跟进了不成交：近30天拜访 3 次');
    const weekly = drawn.slice(pages).at(-1)?.page;
    expect(weekly?.charts.map((c) => c.title)).toContain('诊断：三种原因');
  });
});

describe('the morning route card', () => {
  it('brings a rep without a plan his overdue customers, most overdue first', async () => {
    at('2026-11-25T00:30:00Z'); // Wednesday 08:30
    const before = sentTo('LiSi').length;
    expect(await bot.runJob('visit-route-morning')).toBe(true);
    await bot.settle();
    // A card without buttons goes as markdown on WeCom.
    const card = sentTo('LiSi').slice(before);
    expect(card).toHaveLength(1);
    expect(card[0]?.markdown?.content).toContain('**今日待拜访（11月25日）：逾期 1 家**');
    expect(card[0]?.markdown?.content).toContain(
      '逾期未拜访 1 家：\n· 中兴科技园（A类，每7天）逾期 16 天，从未拜访',
    );
    // 张三's overdue 腾讯滨海 comes on his card; once a day only.
    expect(lastText('ZhangSan')).toContain('· 腾讯滨海（B类，每14天）逾期 9 天，从未拜访');
    at('2026-11-25T00:45:00Z');
    expect(await bot.runJob('visit-route-morning')).toBe(true);
    await bot.settle();
    expect(sentTo('LiSi').length).toBe(before + 1);
  });
});
