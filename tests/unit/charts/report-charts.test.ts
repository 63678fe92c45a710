import {
  buildAttendanceByRepChart,
  buildConversionChart,
  buildCustomerChangeChart,
  buildForecastChart,
  buildWinLossChart,
  buildFunnelChart,
  buildRankingChart,
  buildRepActivityChart,
  buildSalesVsTargetChart,
  buildTargetGaugeChart,
  buildWorkloadChart,
  type RepProgress,
} from '../../../cards/charts';
import { formatFen, moneyScale } from '../../../cards/charts/chart-format';
import { rankReps } from '../../../cards/charts/ranking.chart';
import { renderChartSvg } from '../../../cards/render/chart-svg';
import { rankByCompletion } from '../../../domain/reports/metrics';
import type { ReportChart } from '../../../cards/render/report-page';

const WAN = 1_000_000; // fen in 1万元

const TEAM: RepProgress[] = [
  { name: '王伟', achieved: 45 * WAN, target: 60 * WAN },
  { name: '李芳', achieved: 72 * WAN, target: 60 * WAN },
  { name: '张娜', achieved: 12 * WAN, target: 0 },
  { name: '刘洋', achieved: 30 * WAN, target: 60 * WAN },
];

function names(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `销售${i + 1}`);
}

/** The option as a plain object tree, to look into. */
function tree(chart: ReportChart): Record<string, unknown> {
  return chart.option;
}
function pick(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    value,
  );
}

describe('chart formatting', () => {
  it('shows money in 元 below 1万元 and in 万元 from there', () => {
    expect(formatFen(8_500_00)).toBe('8,500元');
    expect(formatFen(1 * WAN)).toBe('1万元');
    expect(formatFen(123_456_789)).toBe('123.5万元');
    expect(moneyScale(9_999_99).unit).toBe('元');
    expect(moneyScale(3 * WAN)).toMatchObject({ unit: '万元' });
    expect(moneyScale(3 * WAN).toAxis(1_234_567)).toBe(1.23);
  });
});

describe('digest charts', () => {
  const charts: Record<string, ReportChart> = {
    gauge: buildTargetGaugeChart({
      measureLabel: '订单金额',
      unit: 'fen',
      achieved: 159 * WAN,
      target: 240 * WAN,
      elapsedRatio: 0.73,
    }),
    ranking: buildRankingChart({ measureLabel: '订单', unit: 'fen', reps: TEAM, elapsedRatio: 0.73 }),
    activity: buildRepActivityChart([
      { name: '王伟', visits: 12, newCustomers: 2 },
      { name: '李芳', visits: 18, newCustomers: 1 },
      { name: '张娜', visits: 5, newCustomers: 4 },
    ]),
    funnel: buildFunnelChart([
      { label: '初步接触', count: 20, amountFen: 300 * WAN },
      { label: '需求确认', count: 11, amountFen: 180 * WAN },
      { label: '方案报价', count: 4, amountFen: 95 * WAN },
    ]),
  };

  it.each(Object.keys(charts))('%s: option snapshot, plain JSON', (key) => {
    const chart = charts[key] as ReportChart;
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart); // no functions, no undefined
    expect(chart).toMatchSnapshot();
  });

  it.each([
    ['gauge', '66%'], // 159 / 240 万元, rounded
    ['ranking', '李芳'],
    ['activity', '新客户'],
    ['funnel', '11个 · 180万元'],
  ])('%s renders server-side to an SVG with its Chinese labels', (key, text) => {
    const chart = charts[key] as ReportChart;
    const svg = renderChartSvg(chart.option, { width: 700, height: chart.height }, 'TestFont');
    expect(svg).toContain(text);
  });

  it('ranks by completion, best first, reps without a target last', () => {
    expect(rankReps(TEAM).map((rep) => [rep.name, rep.completion])).toEqual([
      ['李芳', 120],
      ['王伟', 75],
      ['刘洋', 50],
      ['张娜', null],
    ]);
    const ranking = tree(charts.ranking as ReportChart);
    expect(pick(ranking, 'yAxis', 'data')).toEqual(['李芳', '王伟', '刘洋', '张娜']);
    expect(pick(ranking, 'yAxis', 'inverse')).toBe(true);
    const bars = pick(ranking, 'series', 0, 'data') as Array<Record<string, unknown>>;
    expect(bars.map((bar) => pick(bar, 'label', 'formatter'))).toEqual([
      '120% · 72万元',
      '75% · 45万元',
      '50% · 30万元',
      '无目标 · 12万元',
    ]);
    // Behind 时间进度 (73 %) is orange, ahead is blue, no target is grey.
    expect(bars.map((bar) => pick(bar, 'itemStyle', 'color'))).toEqual([
      '#3b6fd8',
      '#3b6fd8',
      '#e0703a',
      '#9aa5b5',
    ]);
  });

  it('ranks exactly as 团队排行 does (one ranking): ties by amount, then by name in pinyin order', () => {
    const level = [
      { name: '张三', achieved: 0, target: 0 },
      { name: '王五', achieved: 0, target: 0 },
      { name: '李四', achieved: 0, target: 0 },
      { name: '赵六', achieved: 0.6 * WAN, target: WAN }, // 60 %
      { name: '周七', achieved: 0.6 * WAN, target: WAN },
    ];
    const text = rankByCompletion(
      level.map((rep, i) => ({
        userId: i,
        name: rep.name,
        actual: rep.achieved,
        target: rep.target || null,
      })),
    );
    expect(rankReps(level).map((rep) => rep.name)).toEqual(text.map((row) => row.name));
    expect(rankReps(level).map((rep) => rep.name)).toEqual(['赵六', '周七', '李四', '王五', '张三']);
  });

  it('keeps a 50-rep team legible: every name printed, rotated, and the ranking grows a row per rep', () => {
    const team = names(50).map((name, i) => ({ name, achieved: i * WAN, target: 50 * WAN }));
    const ranking = buildRankingChart({ measureLabel: '订单', unit: 'fen', reps: team });
    expect(ranking.height).toBeGreaterThanOrEqual(50 * 20);
    expect(pick(ranking.option, 'yAxis', 'axisLabel', 'interval')).toBe(0);
    expect(pick(ranking.option, 'yAxis', 'data')).toHaveLength(50);

    const activity = buildRepActivityChart(
      names(50).map((name, i) => ({ name, visits: i % 9, newCustomers: i % 3 })),
    );
    const axisLabel = pick(activity.option, 'xAxis', 'axisLabel') as Record<string, unknown>;
    expect(axisLabel.interval).toBe(0);
    expect(axisLabel.rotate).toBeGreaterThanOrEqual(45);
    expect(axisLabel.overflow).toBe('truncate');
    expect(activity.height).toBeGreaterThan(buildRepActivityChart([]).height);
    // Values over 50 bars would overlap: the axis carries them instead.
    expect(pick(activity.option, 'series', 0, 'label', 'show')).toBe(false);

    const small = buildRepActivityChart([{ name: '王伟', visits: 3, newCustomers: 1 }]);
    expect(pick(small.option, 'xAxis', 'axisLabel', 'rotate')).toBe(0);
  });

  it('colours the gauge by pace and says so under the needle', () => {
    const input = { measureLabel: '回款', unit: 'fen' as const, target: 100 * WAN, elapsedRatio: 0.5 };
    const ahead = buildTargetGaugeChart({ ...input, achieved: 60 * WAN });
    const behind = buildTargetGaugeChart({ ...input, achieved: 40 * WAN });
    expect(pick(ahead.option, 'series', 0, 'progress', 'itemStyle', 'color')).toBe('#2fa66a');
    expect(pick(behind.option, 'series', 0, 'progress', 'itemStyle', 'color')).toBe('#e0703a');
    expect(pick(behind.option, 'series', 1, 'data', 0, 'name')).toBe('时间进度 50% · 落后进度');
    expect(pick(behind.option, 'series', 0, 'detail', 'formatter')).toBe('40%');
    const over = buildTargetGaugeChart({ ...input, achieved: 130 * WAN });
    expect(pick(over.option, 'series', 0, 'data', 0, 'value')).toBe(100);
    expect(pick(over.option, 'series', 0, 'detail', 'formatter')).toBe('130%');
    const none = buildTargetGaugeChart({ ...input, target: 0, achieved: 1 });
    expect(pick(none.option, 'title', 'text')).toBe('未设置回款目标');
  });

  it('keeps funnel stages in pipeline order and attendance in its fixed order, zeros left out', () => {
    const funnel = buildFunnelChart([
      { label: '初步接触', count: 3, amountFen: 0 },
      { label: '需求确认', count: 9, amountFen: 5 * WAN },
    ]);
    expect(pick(funnel.option, 'series', 0, 'sort')).toBe('none');
    expect(pick(funnel.option, 'series', 0, 'data', 1, 'label', 'formatter')).toBe('需求确认\n9个 · 5万元');
    // Drawn by how many reached each stage (3 in the first + 9 beyond it), so it narrows whatever sits where.
    const widths = (pick(funnel.option, 'series', 0, 'data') as Array<{ value: number }>).map((d) => d.value);
    expect(widths).toEqual([12, 9]);
    // An empty first stage is not drawn: its band would be the widest and read 「0个」.
    const emptyMouth = buildFunnelChart([
      { label: '初步接洽', count: 0, amountFen: 0 },
      { label: '需求确认', count: 2, amountFen: 5 * WAN },
      { label: '方案报价', count: 1, amountFen: WAN },
    ]);
    const drawn = pick(emptyMouth.option, 'series', 0, 'data') as Array<{ name: string; value: number }>;
    expect(drawn).toEqual([
      expect.objectContaining({ name: '需求确认', value: 3 }),
      expect.objectContaining({ name: '方案报价', value: 1 }),
    ]);
    expect(pick(buildFunnelChart([]).option, 'title', 'text')).toBe('暂无进行中的商机');
  });
});

describe('weekly and monthly charts', () => {
  const conversion = buildConversionChart([
    { label: '初步接触', left: 40, advanced: 18, avgDaysInStage: 3.5 },
    { label: '需求确认', left: 20, advanced: 5, avgDaysInStage: 6 },
    { label: '方案报价', left: 0, advanced: 0, avgDaysInStage: null },
  ]);
  const winLoss = buildWinLossChart({
    won: { count: 2, amountFen: 64 * WAN },
    lostByStage: [
      { label: '初步接触', count: 1, amountFen: 33 * WAN },
      { label: '方案报价', count: 3, amountFen: 9_500_00 },
    ],
  });
  const forecast = buildForecastChart({
    targetFen: 250 * WAN,
    doneFen: 85 * WAN,
    pipelineFen: 300 * WAN,
    weightedFen: 90 * WAN,
    verdict: '节流',
  });
  const customers = buildCustomerChangeChart([
    { name: '王伟', gained: 3, lost: 1 },
    { name: '李芳', gained: 0, lost: 0 },
    { name: '张娜', gained: 1, lost: 4 },
    { name: '刘洋', gained: 5, lost: 0 },
  ]);
  const attendanceByRep = buildAttendanceByRepChart([
    { name: '王伟', normal: 18, late: 2, missing: 1, absent: 0, leave: 0 },
    { name: '李芳', normal: 20, late: 0, missing: 0, absent: 0, leave: 1 },
    { name: '张娜', normal: 15, late: 1, missing: 0, absent: 2, leave: 0 },
  ]);
  const workload = buildWorkloadChart({
    metricLabel: '拜访',
    currentLabel: '本周',
    previousLabel: '上周',
    reps: [
      { name: '王伟', current: 12, previous: 9 },
      { name: '李芳', current: 4, previous: 10 },
    ],
  });
  const sales = buildSalesVsTargetChart([
    {
      label: '10月',
      ordersFen: 82 * WAN,
      paymentsFen: 61 * WAN,
      targetFen: 90 * WAN,
      lastYearOrdersFen: 70 * WAN,
    },
    {
      label: '11月',
      ordersFen: 64 * WAN,
      paymentsFen: 52 * WAN,
      targetFen: 95 * WAN,
      lastYearOrdersFen: null,
    },
    { label: '12月', ordersFen: 0, paymentsFen: 0, targetFen: 100 * WAN, lastYearOrdersFen: 98 * WAN },
  ]);

  it.each([
    ['conversion', conversion],
    ['workload', workload],
    ['sales', sales],
    ['winLoss', winLoss],
    ['forecast', forecast],
    ['customers', customers],
    ['attendanceByRep', attendanceByRep],
  ])('%s: option snapshot, plain JSON', (_name, chart) => {
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    expect(chart).toMatchSnapshot();
  });

  it.each([
    ['conversion', conversion, '推进 45%'],
    ['winLoss', winLoss, '输在方案报价'],
    ['forecast', forecast, '季度目标 250万元'],
    ['customers', customers, '刘洋'],
    ['attendanceByRep', attendanceByRep, '旷工'],
  ])('%s renders server-side to an SVG with its Chinese labels', (_name, chart, text) => {
    const svg = renderChartSvg(chart.option, { width: 700, height: chart.height }, 'TestFont');
    expect(svg).toContain(text);
  });

  it('stacks moved forward and not per stage, with the share and days in stage under each name', () => {
    expect(pick(conversion.option, 'series', 0, 'data')).toEqual([
      { value: 18, label: { show: true } },
      { value: 5, label: { show: true } },
      { value: 0, label: { show: false } },
    ]);
    expect(pick(conversion.option, 'series', 1, 'data', 0)).toEqual({ value: 22, label: { show: true } });
    expect(pick(conversion.option, 'xAxis', 'data')).toEqual([
      '初步接触\n推进 45%\n停留 3.5天',
      '需求确认\n推进 25%\n停留 6.0天',
      '方案报价\n推进 —\n停留 —',
    ]);
    const idle = buildConversionChart([{ label: '初步接触', left: 0, advanced: 0, avgDaysInStage: null }]);
    expect(pick(idle.option, 'title', 'text')).toBe('本期没有商机离开任何阶段');
  });

  it('shows won, then lost by the stage lost in, with counts and amounts, totals in the title', () => {
    expect(winLoss.title).toBe('赢单与输单（赢 2 · 输 4）');
    expect(pick(winLoss.option, 'yAxis', 'data')).toEqual(['赢单', '输在初步接触', '输在方案报价']);
    const bars = pick(winLoss.option, 'series', 0, 'data') as Array<Record<string, unknown>>;
    expect(bars.map((bar) => pick(bar, 'label', 'formatter'))).toEqual([
      '2个 · 64万元',
      '1个 · 33万元',
      '3个 · 9,500元',
    ]);
    expect(bars.map((bar) => pick(bar, 'itemStyle', 'color'))).toEqual(['#2fa66a', '#e0703a', '#e0703a']);
  });

  it('draws the forecast against the quarter target with the verdict in the title', () => {
    expect(forecast.title).toBe('季度预测：节流');
    expect(pick(forecast.option, 'xAxis', 'name')).toBe('万元');
    // Done + weighted = 175万 (70 % of target); done + the whole pipeline = 385万 (154 %).
    expect(pick(forecast.option, 'series', 1, 'data', 0, 'label', 'formatter')).toBe('175万元（70%）');
    expect(pick(forecast.option, 'series', 2, 'data', 1, 'label', 'formatter')).toBe('385万元（154%）');
    expect(pick(forecast.option, 'series', 0, 'markLine', 'data')).toEqual([{ xAxis: 250 }]);
    expect(pick(forecast.option, 'series', 0, 'markLine', 'label', 'formatter')).toBe('季度目标 250万元');
  });

  it('puts customers gained above the axis and lost below, reps with neither left out', () => {
    expect(customers.title).toBe('客户增减（新增 9 · 流失 5 · 净增 4）');
    expect(pick(customers.option, 'xAxis', 'data')).toEqual(['刘洋', '王伟', '张娜']);
    expect(pick(customers.option, 'series', 1, 'data', 2)).toEqual({
      value: -4,
      label: { show: true, formatter: '4' },
    });
    const none = buildCustomerChangeChart([{ name: '王伟', gained: 0, lost: 0 }]);
    expect(none.title).toBe('客户增减（新增 0 · 流失 0 · 净增 0）');
    expect(pick(none.option, 'title', 'text')).toBe('本期客户无增减');
  });

  it('stacks each person’s workdays by outcome, most exceptions first, unused outcomes left out', () => {
    expect(pick(attendanceByRep.option, 'xAxis', 'data')).toEqual(['张娜', '王伟', '李芳']);
    expect(pick(attendanceByRep.option, 'legend', 'data')).toEqual(['正常', '迟到', '缺卡', '旷工', '请假']);
    expect(pick(attendanceByRep.option, 'series', 3, 'data')).toEqual([2, 0, 0]);
    const quiet = buildAttendanceByRepChart([
      { name: '王伟', normal: 5, late: 0, missing: 0, absent: 0, leave: 0 },
    ]);
    expect(pick(quiet.option, 'legend', 'data')).toEqual(['正常']);
  });

  it('plots orders against target in 万元 with completion and 同比 under each period', () => {
    expect(pick(sales.option, 'yAxis', 'name')).toBe('万元');
    expect(pick(sales.option, 'series', 0, 'data')).toEqual([82, 64, 0]);
    expect(pick(sales.option, 'xAxis', 'data')).toEqual([
      '10月\n完成 91% · 同比 +17%',
      '11月\n完成 67%',
      '12月',
    ]);
    expect(pick(sales.option, 'series', 3, 'data')).toEqual([70, '-', 98]);
    const noTargets = buildSalesVsTargetChart([
      { label: '本月', ordersFen: 5_000_00, paymentsFen: 0, targetFen: null, lastYearOrdersFen: null },
    ]);
    expect(pick(noTargets.option, 'yAxis', 'name')).toBe('元');
    expect(pick(noTargets.option, 'series')).toHaveLength(2);
  });

  it('compares workload with last week side by side, last week first and grey', () => {
    expect(pick(workload.option, 'legend', 'data')).toEqual(['上周', '本周']);
    expect(pick(workload.option, 'series', 1, 'data')).toEqual([12, 4]);
    expect(workload.title).toBe('拜访 本周 vs 上周');
  });
});
