import { buildPeriodicPage } from '../../../cards/reports/periodic-report.cards';
import type { StageMove } from '../../../domain/reports/facts';
import {
  composePeriodicReport,
  lastMonthRanges,
  lastWeekRanges,
  type PeriodicInput,
} from '../../../domain/reports/periodic-report';
import { MANAGER, seededFacts, TEAM } from './seeded-facts';

const move = (
  customerName: string,
  ownerUserId: number,
  fromStage: string | null,
  toStage: string,
  daysInFromStage: number | null,
  extra: Partial<StageMove> = {},
): StageMove => ({
  opportunityId: 1,
  customerName,
  ownerUserId,
  fromStage,
  toStage,
  at: new Date('2026-11-18T02:00:00Z'),
  amountFen: 1_000_000,
  daysInFromStage,
  lostReason: null,
  ...extra,
});

function facts() {
  const all = seededFacts();
  all.opportunities.stageMoves = async () => [
    move('华为深圳', 1, 'contact', 'quote', 6),
    move('腾讯', 2, 'contact', 'lost', 10, { lostReason: '价格太高' }),
    move('比亚迪', 1, 'quote', 'won', 4, { amountFen: 3_000_000 }),
  ];
  return all;
}

const weekly = (): PeriodicInput => ({
  kind: 'weekly',
  tenantId: 't1',
  manager: MANAGER,
  team: TEAM,
  ...lastWeekRanges('2026-11-23'),
  timeZone: 'Asia/Shanghai',
  asOf: new Date('2026-11-23T00:40:00Z'),
});

describe('weekly and monthly reports', () => {
  it('reports on last week against the week before, and last month against the month before', () => {
    expect(lastWeekRanges('2026-11-23')).toEqual({
      range: { from: '2026-11-16', to: '2026-11-22' },
      previous: { from: '2026-11-09', to: '2026-11-15' },
    });
    expect(lastMonthRanges('2026-12-01')).toEqual({
      range: { from: '2026-11-01', to: '2026-11-30' },
      previous: { from: '2026-10-01', to: '2026-10-31' },
    });
  });

  it('gives conversion and time in stage, won and lost with the loss stage, and diagnoses 开源', async () => {
    const view = await composePeriodicReport(facts(), weekly());
    expect(view.title).toBe('李经理的团队周报');
    expect(view.rangeLabel).toBe('11月16日–11月22日');
    expect(view.sections.map((s) => s.title)).toEqual([
      '漏斗转化与停留时间',
      '赢单与输单',
      '季度预测：开源',
      '拜访工作量（对比上周）',
      '考勤汇总',
    ]);
    const lines = Object.fromEntries(view.sections.map((s) => [s.title, s.lines]));
    expect(lines['漏斗转化与停留时间']).toEqual([
      '初步接触：流出 2，推进 1（50%），平均停留 8.0 天',
      '方案报价：流出 1，推进 1（100%），平均停留 4.0 天',
    ]);
    expect(lines['赢单与输单']).toEqual([
      '赢单 1 个 ¥3万：比亚迪（张三）',
      '输单 1 个：腾讯（输在初步接触，价格太高）',
    ]);
    // Quarter target ¥250,000; orders 1 Oct – 22 Nov ¥85,000; open pipeline ¥60,000 < ¥165,000 still needed.
    expect(lines['季度预测：开源']).toEqual([
      '季度目标 ¥25万，已完成 ¥8.5万（34%），还差 ¥16.5万',
      '在途商机 ¥6万，加权 ¥2万',
      '在途商机总额不足剩余目标：需要开发更多新客户和商机',
    ]);
    expect(lines['拜访工作量（对比上周）']).toEqual([
      '张三：0 次（0）',
      '李四：0 次（0）',
      '王五：0 次（-2）',
      '赵六：0 次（0）',
    ]);
    expect(view.closed).toEqual({
      won: { count: 1, amountFen: 3_000_000 },
      lostByStage: [{ stage: 'contact', label: '初步接触', count: 1, amountFen: 1_000_000 }],
    });
    expect(view.forecast).toEqual({
      targetFen: 25_000_000,
      doneFen: 8_500_000,
      remainingFen: 16_500_000,
      pipelineFen: 6_000_000,
      weightedFen: 2_000_000,
      diagnosis: 'open_source',
    });
    const page = buildPeriodicPage(view);
    expect(page.subtitle).toBe('周报 · 11月16日–11月22日');
    expect(page.charts.map((c) => c.title)).toEqual([
      '季度预测：开源',
      '阶段转化与停留时间',
      '赢单与输单（赢 1 · 输 1）',
      '拜访 本周 vs 上周',
      '考勤（天）',
    ]);
  });

  it('leaves a monthly report to attendance alone when only attendance exists', async () => {
    const { attendance } = seededFacts();
    const view = await composePeriodicReport(
      { attendance },
      { ...weekly(), kind: 'monthly', ...lastMonthRanges('2026-12-01') },
    );
    expect(buildPeriodicPage(view).charts.map((c) => c.title)).toEqual(['考勤（天）']);
    expect(view.sections).toEqual([
      {
        title: '考勤汇总',
        lines: ['李四：迟到 1 次，缺卡 0 次，旷工 0 天', '王五：迟到 0 次，缺卡 1 次，旷工 0 天'],
      },
    ]);
  });

  it('leaves out every chart whose data is all zero: a quiet week draws no empty axes', async () => {
    const all = seededFacts();
    const quiet = await composePeriodicReport(
      {
        visits: { ...all.visits, countByRep: async () => new Map() },
        opportunities: all.opportunities, // no stage moves
        attendance: { days: async () => [] },
      },
      weekly(),
    );
    expect(quiet.sections.map((s) => s.title)).toContain('赢单与输单');
    expect(buildPeriodicPage(quiet).charts).toEqual([]);
  });

  it('compares orders and 回款 with target and the same month a year earlier', async () => {
    const view = await composePeriodicReport(facts(), {
      ...weekly(),
      kind: 'monthly',
      ...lastMonthRanges('2026-12-01'),
    });
    const sales = view.sections.find((s) => s.title === '订单与回款');
    // November: ¥95,000 of ¥250,000; no orders a year earlier.
    expect(sales?.lines[0]).toBe('订单 ¥9.5万，目标 ¥25万（完成 38%），同比 —');
    expect(sales?.lines[1]).toBe('回款 ¥2万，目标 ¥25万（完成 8%），同比 +0%');
    expect(view.sections.find((s) => s.title === '客户增减')?.lines).toEqual([
      '新增 1 个，流失 0 个',
      '张三：+1 / -0',
    ]);
    // Three months to November: no orders before it; ¥2万 回款 in each month, and a year earlier too.
    const month = (m: string, ordersFen: number) => ({
      month: m,
      ordersFen,
      paymentsFen: 2_000_000,
      targetFen: 25_000_000,
      lastYearOrdersFen: 0,
      lastYearPaymentsFen: 2_000_000,
    });
    expect(view.sales).toEqual([month('2026-09', 0), month('2026-10', 0), month('2026-11', 9_500_000)]);
    expect(view.customers).toEqual([
      { name: '张三', gained: 1, lost: 0 },
      { name: '李四', gained: 0, lost: 0 },
      { name: '王五', gained: 0, lost: 0 },
      { name: '赵六', gained: 0, lost: 0 },
    ]);
    const page = buildPeriodicPage(view);
    expect(page.charts.map((c) => c.title)).toEqual([
      '订单与回款（近三个月，同比）',
      '客户增减（新增 1 · 流失 0 · 净增 1）',
      '拜访 本月 vs 上月',
      '阶段转化与停留时间',
      '考勤（天）',
    ]);
    // No orders a year earlier: no 同比 line rather than a line at zero.
    expect(page.charts[0]?.option.series).toHaveLength(3);
  });
});
