import {
  buildAttendanceByRepChart,
  buildConversionChart,
  buildFunnelChart,
  buildRankingChart,
  buildRepActivityChart,
  buildSalesVsTargetChart,
  buildTargetGaugeChart,
  buildWorkloadChart,
  type RepProgress,
} from '../cards/charts';
import type { ReportPage } from '../cards/render/report-page';

/**
 * Deterministic report pages for the render bench and for looking at the charts: a manager digest and a
 * weekly report for a team of `reps` (50 by default), with made-up but plausible figures.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '强',
  '洋',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
];

export function repName(i: number): string {
  const surname = SURNAMES[i % SURNAMES.length] ?? '王';
  const given = GIVEN[(i * 7) % GIVEN.length] ?? '伟';
  return i < SURNAMES.length ? `${surname}${given}` : `${surname}${given}${GIVEN[i % GIVEN.length]}`;
}

/** A small linear congruential generator: the same figures on every run. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

export function sampleDigestPage(reps = 50): ReportPage {
  const random = seeded(7);
  const team: RepProgress[] = Array.from({ length: reps }, (_, i) => ({
    name: repName(i),
    target: i % 17 === 16 ? 0 : 200_000_00 + Math.round(random() * 10) * 10_000_00,
    achieved: Math.round(random() * 300_000_00),
  }));
  const achieved = team.reduce((sum, rep) => sum + rep.achieved, 0);
  const target = team.reduce((sum, rep) => sum + rep.target, 0);
  return {
    title: '华南大区 · 销售日报汇总',
    subtitle: '2026年11月22日（周日） · 本月截至昨日 · 50人',
    charts: [
      buildTargetGaugeChart({
        measureLabel: '订单金额',
        unit: 'fen',
        achieved,
        target,
        elapsedRatio: 22 / 30,
      }),
      buildAttendanceByRepChart(
        team.map((rep, i) => ({
          name: rep.name,
          normal: 18,
          late: i % 3,
          missing: i % 5 === 0 ? 1 : 0,
          absent: 0,
          leave: i % 7 === 0 ? 1 : 0,
        })),
      ),
      buildRankingChart({ measureLabel: '订单', unit: 'fen', reps: team, elapsedRatio: 22 / 30 }),
      buildRepActivityChart(
        team.map((rep) => ({
          name: rep.name,
          visits: Math.round(random() * 40),
          newCustomers: Math.round(random() * 8),
        })),
      ),
      buildFunnelChart([
        { label: '初步接触', count: 180, amountFen: 5_400_000_00 },
        { label: '需求确认', count: 96, amountFen: 3_900_000_00 },
        { label: '方案报价', count: 51, amountFen: 2_700_000_00 },
        { label: '商务谈判', count: 23, amountFen: 1_500_000_00 },
        { label: '合同签订', count: 9, amountFen: 620_000_00 },
      ]),
    ],
    footnotes: [
      '本月订单完成率低于时间进度，落后 12 个百分点',
      '昨日迟到 3 人：王伟、李芳、张娜；缺卡 1 人：刘敏',
      '超过 14 天未推进的商机 6 个',
    ],
  };
}

export function sampleWeeklyPage(reps = 50): ReportPage {
  const random = seeded(11);
  return {
    title: '华南大区 · 周报',
    subtitle: '2026年11月16日 – 11月22日',
    charts: [
      buildConversionChart([
        { label: '初步接触', left: 120, advanced: 64, avgDaysInStage: 4.2 },
        { label: '需求确认', left: 70, advanced: 35, avgDaysInStage: 6.8 },
        { label: '方案报价', left: 38, advanced: 14, avgDaysInStage: 9.1 },
        { label: '商务谈判', left: 15, advanced: 6, avgDaysInStage: 12.5 },
      ]),
      buildWorkloadChart({
        metricLabel: '拜访',
        currentLabel: '本周',
        previousLabel: '上周',
        reps: Array.from({ length: reps }, (_, i) => ({
          name: repName(i),
          current: Math.round(random() * 25),
          previous: Math.round(random() * 25),
        })),
      }),
      buildSalesVsTargetChart([
        {
          label: '10月',
          ordersFen: 8_200_000_00,
          paymentsFen: 6_100_000_00,
          targetFen: 9_000_000_00,
          lastYearOrdersFen: 7_000_000_00,
        },
        {
          label: '11月',
          ordersFen: 6_400_000_00,
          paymentsFen: 5_200_000_00,
          targetFen: 9_500_000_00,
          lastYearOrdersFen: 7_300_000_00,
        },
        {
          label: '12月',
          ordersFen: 0,
          paymentsFen: 0,
          targetFen: 10_000_000_00,
          lastYearOrdersFen: 9_800_000_00,
        },
      ]),
    ],
  };
}
