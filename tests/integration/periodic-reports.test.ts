import { FakeWecomApi } from '../support/fake-wecom-api';
import { drawingRenderer } from '../support/recording-renderer';
import { customer, department, product, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat, type Sent } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwperiodic000001', token: 'periodicToken', aesKey: randomAesKey() };
const SECRET = 'periodic-secret';
const JOB = 'periodic-reports';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2025-11-10T02:00:00Z'); // a year earlier, Monday 10:00 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7447000000000000000n });
const { say, sentTo, lastCard } = chat;

/** The real renderer, keeping each page and PNG it draws. */
const { renderer, drawn } = drawingRenderer('periodic');

const pushed = (user: string, since: number): Sent[] => sentTo(user).slice(since);
const at = (iso: string) => (now = new Date(iso));

/** A confirmed order (no discount, so 提交订单 confirms it at once). */
async function order(user: string, line: string): Promise<void> {
  await say(user, `下单 ${line}`);
  const id = /ord:submit:(\d+)/.exec(lastCard(user)?.button_list?.[0]?.key ?? '')?.[1];
  expect(await say(user, `提交订单 ${id}`)).toContain('已确认');
}

/** Opens an opportunity; its number, from the card's title (商机 #N 客户). */
async function opportunity(line: string): Promise<number> {
  await say('ZhangSan', `商机 ${line}`);
  return Number(/商机 #(\d+)/.exec(lastCard('ZhangSan')?.main_title.title ?? '')?.[1]);
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Director: 'manager' }),
      department('east', '华东组', { Lead: ['李经理', 'manager'], ZhangSan: 'rep', LiSi: 'rep' }, 'sales'),
      {
        customers: [
          customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' }),
          customer('华为东莞', { owner: 'ZhangSan', address: '东莞市松山湖' }),
          customer('中兴通讯', { owner: 'LiSi', address: '深圳市南山区' }),
        ],
        products: [product('A100', '路由器', '1000')],
        targets: [
          { period: '2026-Q4', user: 'ZhangSan', measure: '订单金额', value: 1000000 },
          { period: '2026-Q4', user: 'LiSi', measure: '订单金额', value: 500000 },
        ],
      },
    ),
    () => now,
    { reportRenderer: renderer },
  );
  // November a year earlier: ¥10,000 of orders (the 同比 base).
  await order('ZhangSan', '华为深圳 A100*10');
  // This November: ¥20,000 on the 5th and ¥10,000 by 李四 on the 17th.
  at('2026-11-05T02:00:00Z');
  await order('ZhangSan', '华为深圳 A100*20');
  // Two opportunities opened on the 10th; in the reported week one moves on, the other is lost.
  at('2026-11-10T02:00:00Z');
  const first = await opportunity('华为深圳 50万 初步接洽');
  const second = await opportunity('华为东莞 30万 初步接洽');
  at('2026-11-17T03:00:00Z');
  expect(await say('ZhangSan', `推进 ${first} 方案报价`)).toContain('方案报价');
  expect(await say('ZhangSan', `输单 ${second} 客户预算取消`)).toContain('输单');
  await order('LiSi', '中兴通讯 A100*10');
  expect(await say('ZhangSan', '回款 华为深圳 8000')).toContain('已登记回款');
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('the periodic-reports job', () => {
  it('on a fixed Monday sends each manager one image and one markdown: forecast verdict, won/lost, conversion', async () => {
    at('2026-11-23T00:50:00Z'); // Monday 08:50, past the 周报 time and its jitter
    const before = { lead: sentTo('Lead').length, director: sentTo('Director').length };
    const pages = drawn.length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();

    for (const [user, since] of [
      ['Lead', before.lead],
      ['Director', before.director],
    ] as const)
      expect(pushed(user, since).map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    const text = pushed('Lead', before.lead)[1]?.markdown?.content ?? '';
    expect(text).toContain('### 李经理的团队周报（11月16日–11月22日）');
    // Quarter target ¥150万 (张三 ¥100万 + 李四 ¥50万); Q4 orders through 22 Nov ¥3万; pipeline ¥50万 open.
    expect(text).toContain('**季度预测：开源**');
    expect(text).toContain('> 季度目标 ¥150万，已完成 ¥3万（2%），还差 ¥147万');
    expect(text).toContain('> 在途商机总额不足剩余目标：需要开发更多新客户和商机');
    expect(text).toContain('> 输单 1 个：华为东莞（输在初步接洽，客户预算取消）');
    expect(text).toMatch(/> 初步接洽：流出 2，推进 1（50%），平均停留 7\.\d 天/);

    // The page behind the link: the same report, every section and its charts as SVG.
    const link = /\[查看完整周报\]\((http[^)]+\/h5\/periodic\?t=[^)]+)\)/.exec(text)?.[1] ?? '';
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>李经理的团队周报（11月16日–11月22日）</h1>');
    expect(html).toContain('<li>输单 1 个：华为东莞（输在初步接洽，客户预算取消）</li>');
    expect(html).toContain('<figcaption>季度预测：开源</figcaption><svg');
    // The three causes per rep, as of the week's end: nobody of the team created a customer in 14 days.
    expect(text).toContain('**诊断：三种原因**');
    expect(text).toContain('> 张三 · 没有新客户：近14天新客户 0 个（名下客户 2 个）');
    expect(html).toContain('<figcaption>诊断：三种原因</figcaption><svg');

    const weekly = drawn.slice(pages).map((d) => d.page);
    expect(weekly.map((p) => p.title).sort()).toEqual(['周总的团队周报', '李经理的团队周报']);
    const charts = weekly.find((p) => p.title === '李经理的团队周报')?.charts.map((c) => c.title);
    expect(charts).toEqual([
      '季度预测：开源',
      '阶段转化与停留时间',
      '赢单与输单（赢 0 · 输 1）',
      '诊断：三种原因',
      '考勤（天）',
    ]);
    for (const { png } of drawn.slice(pages)) {
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
  });

  it('on a fixed 1st sends the monthly report: orders and 回款 against target with YoY, customers', async () => {
    at('2026-12-01T01:20:00Z'); // Tuesday 1 December 09:20, past the 月报 time
    const before = { lead: sentTo('Lead').length, director: sentTo('Director').length };
    const pages = drawn.length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();

    expect(pushed('Lead', before.lead).map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(pushed('Director', before.director).map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    const text = pushed('Lead', before.lead)[1]?.markdown?.content ?? '';
    expect(text).toContain('### 李经理的团队月报（11月1日–11月30日）');
    // ¥3万 in November against ¥1万 a year earlier: +200 %.
    expect(text).toMatch(/> 订单 ¥3万，目标 ¥[\d.]+万（完成 \d+%），同比 \+200%/);
    expect(text).toContain('> 回款 ¥8,000，同比 —');
    const monthPage = /\[查看完整月报\]\((http[^)]+)\)/.exec(text)?.[1] ?? '';
    expect(await (await fetch(monthPage)).text()).toContain('<h1>李经理的团队月报（11月1日–11月30日）</h1>');
    const monthly = drawn.slice(pages).find((d) => d.page.title === '李经理的团队月报')?.page;
    expect(monthly?.charts[0]?.title).toBe('订单与回款（近三个月，同比）');
    expect(monthly?.charts.map((c) => c.title)).toContain('阶段转化与停留时间');

    // Run again the same day: nothing twice.
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(pushed('Lead', before.lead)).toHaveLength(2);
  });
});
