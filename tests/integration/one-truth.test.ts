import type { ReportPage } from '../../cards/render/report-page';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { recordingRenderer } from '../support/recording-renderer';
import { customer, department, people, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * The contradictions a manager met in a trial, replayed through the webhook: two orders of 张三 today, then
 * every view of 李四 (his manager) must agree on them and say what period it covers; a submitted 日报 on a
 * rest day is counted; the funnel does not draw an empty stage as its mouth; the manager is not ranked among
 * his reps; an admin without a department and the head of the top department get the company; 周报/月报 come
 * on demand; a manager's 客户 search keeps to his subtree and the pool.
 */
const app: WecomApp = { corpId: 'wwonetruth000001', token: 'oneTruthToken', aesKey: randomAesKey() };
const SECRET = 'one-truth-secret';
let fake: FakeWecomApi;
let bot: TestBot;
// Saturday 5 December 2026, 11:00 in Shanghai: a rest day, day 5 of 31.
const now = new Date('2026-12-05T03:00:00Z');
let pages: ReportPage[] = [];

const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447100000000000000n,
  createTimeBase: 1764900000,
});
const { say, lastCard, tap, ask } = chat;

beforeAll(async () => {
  const { renderer, pages: drawn } = await recordingRenderer();
  pages = drawn;
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, await fake.start()), ADMIN_USERS: 'Owner' },
    tenantSeed(
      department('hq', '总部', { Boss: 'manager' }),
      department('s1', '销售一部', { LiSi: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'hq'),
      department('s2', '销售二部', { QianQi: ['钱七', 'rep'] }, 'hq'),
      people({ Owner: ['老板', 'admin'] }),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('华为东莞', { owner: 'ZhangSan', address: '东莞市松山湖' }),
          customer('腾讯科技', { owner: 'QianQi', address: '深圳市南山区' }),
          customer('腾讯音乐', { address: '深圳市南山区科技园' }),
        ],
        products: [product('A100', '路由器', '1299'), product('B200', '交换机', '850.50')],
        targets: [
          { period: '2026-12', user: 'ZhangSan', measure: '订单金额', value: 200000 },
          { period: '2026', user: 'ZhaoLiu', measure: '订单金额', value: 2400000 },
        ],
      },
    ),
    () => now,
    { reportRenderer: renderer },
  );
  // Two orders of 张三 today, confirmed at submission (no discount to approve): ¥12,990 and ¥3,402.
  for (const order of ['下单 华为深圳 A100*10', '下单 华为东莞 B200*4']) {
    await say('ZhangSan', order);
    expect(await tap('ZhangSan', lastCard('ZhangSan'), '提交')).toMatch(/订单 \d+/);
  }
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('one truth for managers', () => {
  it('gives the same order amount in 团队排行, 团队业绩, 今日简报 and 我的业绩, each naming its period', async () => {
    const ranking = await say('LiSi', '团队排行');
    expect(ranking).toContain('团队排行（本月截至今日，订单完成率）');
    expect(ranking).toContain('1. 张三 8%（¥16,392.00）');
    // The manager is not ranked among the reps he manages.
    expect(ranking).not.toContain('李四');

    const team = await say('LiSi', '团队业绩');
    expect(team).toContain('团队业绩 · 订单金额（本月截至今日）');
    // The month's target as set, and the share of it the five days gone stand for.
    expect(team).toContain(
      '1. 张三：¥16,392.00 / 目标 ¥200,000.00，完成 8%，时间进度 16%（¥32,258.06），落后于时间进度',
    );
    expect(team).not.toMatch(/\d\. 李四/);

    const [image, digest] = await ask('LiSi', '今日简报');
    expect(image).toBe('[image]');
    expect(digest).toContain('李四的团队简报（今日）');
    expect(digest).toContain('订单：今日 2 笔 ¥1.6万；本月截至今日 ¥1.6万');
    const gauge = pages.at(-1)?.charts.find((c) => c.title === '目标完成率 vs 时间进度');
    expect(gauge).toBeDefined();

    const mine = await say('ZhangSan', '我的业绩');
    expect(mine).toContain('### 我的业绩（本月截至今日）');
    expect(mine).toContain('订单金额：¥16,392.00 / 目标 ¥200,000.00，完成 8%');
    expect(mine).toContain('团队排名：第 1 / 2');
  });

  it('says when a target is the month’s share of a year target, not one set for the month', async () => {
    const team = await say('LiSi', '团队业绩');
    // 2,400,000 × 31 / 365 days: named as the share it is.
    expect(team).toContain('赵六：¥0.00 / 目标 ¥203,835.62（2026年目标 ¥2,400,000.00 按天折算）');
    expect(team).toContain('张三：¥16,392.00 / 目标 ¥200,000.00，');
  });

  it('ranks other periods by name, and refuses one it cannot read with the right form', async () => {
    // November: 赵六's year target spread over it gives a completion; 张三 had no November target.
    const november = await say('LiSi', '团队排行 上月');
    expect(november).toContain('团队排行（2026年11月，订单完成率）');
    expect(november).toContain('张三 ¥0.00');
    expect(await say('LiSi', '团队排行 2026-11')).toBe(november);
    expect(await say('LiSi', '团队排行 本季')).toContain('团队排行（本季度截至今日，订单完成率）');
    expect(await say('LiSi', '团队排行 明年')).toBe(
      '没看懂「团队排行 明年」。正确格式：团队排行 [本月｜上月｜本季度｜上季度｜本年｜2026-11｜2026-Q4]\n例如：团队排行 上月',
    );
  });

  it('counts a 日报 submitted on a rest day, and lists who is expected separately', async () => {
    await say('ZhangSan', '日报 计划 周一拜访华为深圳');
    expect(await say('ZhangSan', '提交日报')).toContain('已提交');
    const status = await say('LiSi', '日报情况');
    expect(status).toContain('**已提交 1 人**\n> 张三');
    expect(status).toContain('**应交 0 人（当天上班的成员），未交 0 人**');
  });

  it('draws no empty stage as the funnel’s mouth and gives conversion only where deals sit', async () => {
    await say('ZhangSan', '商机 华为深圳 50万 方案报价');
    const funnel = await say('LiSi', '漏斗');
    expect(funnel).toMatch(/方案报价（\d+%）：1 个 ¥50万/);
    expect(funnel).toMatch(/初步接洽（\d+%）：0 个 ¥0\n/);
    expect(funnel).not.toMatch(/0 个 ¥0，转化/);
    await ask('LiSi', '今日简报');
    const chart = pages.at(-1)?.charts.find((c) => c.title === '商机漏斗');
    const series = (chart?.option.series as Array<{ data: Array<{ name: string }> }>)[0];
    expect(series?.data.map((d) => d.name)).toEqual(['方案报价']);
  });

  it('gives the company to an admin without a department and to the head of the top department', async () => {
    const [, owner] = await ask('Owner', '今日简报');
    expect(owner).toContain('老板的团队简报（今日）');
    expect(owner).toContain('本月截至今日 ¥1.6万');
    const boss = await say('Boss', '团队排行');
    for (const name of ['张三', '赵六', '李四', '钱七']) expect(boss).toContain(name);
    expect(boss).not.toContain('王总');
  });

  it('keeps a manager’s 客户 search to his subtree and the pool', async () => {
    const found = await say('LiSi', '客户 腾讯');
    expect(found).toContain('腾讯音乐');
    expect(found).not.toContain('腾讯科技');
    expect(await say('Boss', '客户 腾讯')).toContain('腾讯科技');
  });

  it('sends 周报 and 月报 on demand, as the push does, and refuses a period not begun', async () => {
    expect(await ask('LiSi', '周报')).toEqual([
      '[image]',
      expect.stringContaining('### 李四的团队周报（11月30日–12月5日）'),
    ]);
    const lastWeek = await ask('LiSi', '周报 上周');
    expect(lastWeek.at(-1)).toContain('### 李四的团队周报（11月23日–11月29日）');
    expect(lastWeek.at(-1)).toContain('[查看完整周报]');
    const november = await ask('LiSi', '月报 2026-11');
    expect(november.at(-1)).toContain('### 李四的团队月报（11月1日–11月30日）');
    expect(await say('LiSi', '月报 2027-01')).toBe(
      '没看懂「月报 2027-01」。正确格式：月报 [本月｜上月｜2026-11]\n例如：月报 上月',
    );
    expect(await say('ZhangSan', '周报')).toContain('主管');
  });
});
