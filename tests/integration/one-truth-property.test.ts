import fc from 'fast-check';
import type { ReportPage } from '../../cards/render/report-page';
import { ORDER_STATUSES, SOLD_STATUSES, type OrderStatus } from '../../domain/orders/order';
import { yuan } from '../../domain/reports/metrics';
import { OpportunityEntity } from '../../storage/entities/opportunity.entities';
import { OrderEntity } from '../../storage/entities/sales.entities';
import { VisitEntity } from '../../storage/entities/visit.entities';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { recordingRenderer } from '../support/recording-renderer';
import { visitRow } from '../support/record-builders';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * One truth, property-style (fast-check, fixed seed): random orders (any status, this month and last),
 * visits and deals for a manager's team of three reps — and the manager himself, who sells too — then every
 * view asked through the webhook gives the figure an independent count of the generated data gives:
 * 团队排行, 团队业绩 (订单金额 and 拜访数), each rep's 我的业绩 (amount and rank), 今日简报 (its text, and
 * its ranking and funnel charts), the live digest page, 漏斗, and 月报.
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? 20261210);
const FACTOR = Number(process.env.RESILIENCE_RUNS_FACTOR ?? 1);
const app: WecomApp = { corpId: 'wwonetruthprop01', token: 'oneTruthPropToken', aesKey: randomAesKey() };
const SECRET = 'one-truth-prop-secret';
// Thursday 10 December 2026, 15:00 in Shanghai.
const NOW = new Date('2026-12-10T07:00:00Z');
const MONTH_START = new Date('2026-11-30T16:00:00Z'); // 1 December 00:00 in Shanghai
const TODAY_START = new Date('2026-12-09T16:00:00Z');
const REPS = [
  { userId: 'ZhangSan', name: '张三' },
  { userId: 'ZhaoLiu', name: '赵六' },
  { userId: 'WangWu', name: '王五' },
] as const;
const SELLERS = [...REPS.map((r) => r.userId), 'LiSi'];
const STAGES = ['初步接洽', '需求确认', '方案报价', '谈判审核'];

let fake: FakeWecomApi;
let bot: TestBot;
let pages: ReportPage[] = [];
const chat = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7447200000000000000n,
  createTimeBase: 1765300000,
});

/** A moment `minutesBack` before now: over 40 days, so last month too. */
const momentArb = fc.integer({ min: 1, max: 40 * 24 * 60 }).map((m) => new Date(NOW.getTime() - m * 60_000));
const worldArb = fc.record({
  orders: fc.array(
    fc.record({
      seller: fc.nat(SELLERS.length - 1),
      status: fc.constantFrom<OrderStatus>(...ORDER_STATUSES),
      at: momentArb,
      fen: fc.integer({ min: 1, max: 3_000_000 }),
    }),
    { maxLength: 12 },
  ),
  visits: fc.array(fc.record({ seller: fc.nat(SELLERS.length - 1), at: momentArb }), { maxLength: 10 }),
  deals: fc.array(
    fc.record({
      seller: fc.nat(SELLERS.length - 1),
      stage: fc.nat(STAGES.length - 1),
      open: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
      fen: fc.integer({ min: 100, max: 50_000_000 }),
    }),
    { maxLength: 8 },
  ),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

let ids = new Map<string, number>();
let customerId = 0;

async function store(world: World): Promise<void> {
  const tenantId = app.corpId;
  const m = bot.db.manager;
  for (const table of [OrderEntity, VisitEntity, OpportunityEntity]) await m.delete(table, { tenantId });
  for (const o of world.orders)
    await m.insert(OrderEntity, {
      tenantId,
      customerId,
      customerName: '华为深圳',
      repUserId: ids.get(SELLERS[o.seller] as string) as number,
      departmentId: null,
      status: o.status,
      discountMode: null,
      discountValue: null,
      linesJson: '[]',
      subtotalFen: o.fen,
      discountFen: 0,
      totalFen: o.fen,
      paidFen: 0,
      commandText: '下单',
      approvalRequestId: null,
      createdAt: o.at,
      submittedAt: o.at,
      confirmedAt: null,
      shippedAt: null,
      completedAt: null,
      closedAt: null,
    });
  for (const v of world.visits)
    await m.insert(
      VisitEntity,
      visitRow({
        tenantId,
        userId: ids.get(SELLERS[v.seller] as string) as number,
        customerId,
        startedAt: v.at,
        endedAt: v.at,
      }),
    );
  for (const d of world.deals)
    await m.insert(OpportunityEntity, {
      tenantId,
      customerId,
      ownerUserId: ids.get(SELLERS[d.seller] as string) as number,
      amountFen: d.fen,
      stageKey: d.open ? (STAGES[d.stage] as string) : '赢单',
      status: d.open ? 'open' : 'won',
      stageEnteredAt: NOW,
      lostReason: null,
      version: 1,
      createdByUserId: ids.get('LiSi') as number,
      createdAt: NOW,
      closedAt: d.open ? null : NOW,
    });
}

/** The independent count: each rep's sold order amount and visits since the 1st, and today's visits. */
function oracle(world: World) {
  const sold = (s: OrderStatus) => SOLD_STATUSES.includes(s);
  const of = (userId: string) => {
    const i = SELLERS.indexOf(userId);
    return {
      fen: world.orders
        .filter((o) => o.seller === i && sold(o.status) && o.at >= MONTH_START)
        .reduce((s, o) => s + o.fen, 0),
      visits: world.visits.filter((v) => v.seller === i && v.at >= MONTH_START).length,
    };
  };
  const reps = REPS.map((r) => ({ ...r, ...of(r.userId) }));
  const open = STAGES.map(
    (_, s) => world.deals.filter((d) => d.open && d.stage === s && d.seller < 3).length,
  );
  return {
    reps,
    totalFen: reps.reduce((s, r) => s + r.fen, 0),
    visits: reps.reduce((s, r) => s + r.visits, 0),
    visitsToday: world.visits.filter((v) => v.seller < 3 && v.at >= TODAY_START).length,
    open,
  };
}

const money = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const rankOf = (text: string, name: string) => Number(new RegExp(`(\\d+)\\. ${name}`).exec(text)?.[1]);

beforeAll(async () => {
  const { renderer, pages: drawn } = await recordingRenderer();
  pages = drawn;
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('s1', '销售一部', {
        LiSi: 'manager',
        ...Object.fromEntries(REPS.map((r) => [r.userId, [r.name, 'rep'] as const])),
      }),
      {
        customers: [customer('华为深圳', { owner: 'ZhangSan', address: '深圳市龙岗区' })],
        targets: [{ period: '2026-12', user: 'ZhangSan', measure: '订单金额', value: 100000 }],
      },
    ),
    () => NOW,
    { reportRenderer: renderer },
  );
  const rows = (await bot.db.dataSource.query(
    'SELECT id, platform_user_id AS u FROM users WHERE tenant_id = ?',
    [app.corpId],
  )) as Array<{ id: number; u: string }>;
  ids = new Map(rows.map((r) => [r.u, Number(r.id)]));
  const customers = (await bot.db.dataSource.query('SELECT id FROM customers WHERE tenant_id = ?', [
    app.corpId,
  ])) as Array<{ id: number }>;
  customerId = Number(customers[0]?.id);
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('the same random data gives the same figures in every view', () => {
  it(
    'agrees with an independent count in 团队排行, 团队业绩, 我的业绩, 今日简报 (text, charts, page), 漏斗 and 月报',
    async () => {
      await fc.assert(
        fc.asyncProperty(worldArb, async (world) => {
          await store(world);
          const want = oracle(world);

          const ranking = await chat.say('LiSi', '团队排行');
          const team = await chat.say('LiSi', '团队业绩');
          const visits = await chat.say('LiSi', '团队业绩 拜访数');
          expect(team).toContain(`合计：${money(want.totalFen)}`);
          for (const rep of want.reps) {
            expect(ranking).toMatch(
              new RegExp(`\\d+\\. ${rep.name} (\\d+%（)?${money(rep.fen).replace('$', '\\$')}`),
            );
            expect(team).toContain(`${rep.name}：${money(rep.fen)}`);
            expect(visits).toContain(`${rep.name}：${rep.visits}`);
            const mine = await chat.say(rep.userId, '我的业绩');
            expect(mine).toContain(`订单金额：${money(rep.fen)}`);
            // The rep's place is the one the manager's ranking gives him, out of the three reps.
            expect(mine).toContain(`团队排名：第 ${rankOf(ranking, rep.name)} / 3`);
            expect(rankOf(team, rep.name)).toBe(rankOf(ranking, rep.name));
          }
          // The manager sells too, but is not ranked among his reps.
          expect(ranking).not.toContain('李四');

          const before = pages.length;
          await chat.say('LiSi', '今日简报');
          const digest = chat.lastText('LiSi');
          expect(digest).toContain(`本月截至今日 ${yuan(want.totalFen)}`);
          expect(digest).toContain(`拜访：今日 ${want.visitsToday} 次；本月截至今日 ${want.visits} 次`);
          const page = pages.length > before ? pages.at(-1) : undefined;
          const rankingChart = page?.charts.find((c) => c.title.startsWith('团队排行'));
          if (want.totalFen > 0) expect(rankingChart).toBeDefined();
          const link = /\[查看完整简报（实时数据）\]\((http[^)]+)\)/.exec(digest)?.[1] as string;
          const html = await (await fetch(link)).text();
          expect(html).toContain(`本月截至今日 ${yuan(want.totalFen)}`);

          const funnel = await chat.say('LiSi', '漏斗');
          if (want.open.every((n) => n === 0)) expect(funnel).toContain('暂无在途商机');
          else
            STAGES.forEach((stage, i) =>
              expect(funnel).toMatch(new RegExp(`${stage}（\\d+%）：${want.open[i]} 个`)),
            );
          const funnelChart = page?.charts.find((c) => c.title === '商机漏斗');
          const drawn = (
            funnelChart?.option.series as Array<{ data: Array<{ name: string }> }> | undefined
          )?.[0]?.data.map((d) => d.name);
          if (want.open.some((n) => n > 0))
            expect(drawn).toEqual(STAGES.filter((_, i) => (want.open[i] ?? 0) > 0));

          await chat.say('LiSi', '月报');
          expect(chat.lastText('LiSi')).toContain(`订单 ${yuan(want.totalFen)}`);
        }),
        { seed: SEED, numRuns: Math.round(8 * FACTOR) },
      );
    },
    240_000 * FACTOR,
  );
});
