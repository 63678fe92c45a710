import type { ReportChart, ReportPage } from '../render/report-page';
import type { DigestView } from '../../domain/reports/digest';
import { barChart } from './report-charts';

/**
 * The digest's image: target gauge against time elapsed, ranking, visits and new customers per rep, funnel
 * and attendance, each only when the digest has it.
 */
export function buildDigestPage(view: DigestView): ReportPage {
  const charts: ReportChart[] = [];
  if (view.gauge) charts.push(gaugeChart(view.gauge));
  if (view.ranking) charts.push(rankingChart(view.ranking));
  if (view.perRep) charts.push(perRepChart(view.perRep));
  if (view.funnel) charts.push(funnelChart(view.funnel));
  if (view.attendance) charts.push(attendanceChart(view.attendance));
  return {
    title: view.title,
    subtitle: `${view.dayLabel} 及本月至今`,
    charts,
    footnotes: view.figures,
  };
}

function gaugeChart(gauge: NonNullable<DigestView['gauge']>): ReportChart {
  const done = Math.round(gauge.completion * 100);
  const time = Math.round(gauge.elapsed * 100);
  // Two needles, each with its own label below the centre, so the figures never overlap.
  const label = (text: string, y: string) => ({
    title: { show: false },
    detail: { offsetCenter: ['0%', y], fontSize: 16, formatter: `${text} {value}%` },
  });
  return {
    title: '目标完成率 vs 时间进度',
    height: 280,
    half: true,
    option: {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: Math.max(100, Math.ceil(done / 10) * 10),
          data: [
            { value: done, name: '完成率', ...label('完成', '45%') },
            { value: time, name: '时间进度', ...label('时间', '72%') },
          ],
        },
      ],
    },
  };
}

function rankingChart(ranking: NonNullable<DigestView['ranking']>): ReportChart {
  const hasCompletion = ranking.rows.some((r) => r.completion !== null);
  return barChart(
    `团队排行（${ranking.measure}）`,
    ranking.rows.map((r) => r.name),
    [
      {
        name: ranking.measure,
        data: ranking.rows.map((r) => (hasCompletion ? Math.round((r.completion ?? 0) * 100) : r.actual)),
      },
    ],
  );
}

function perRepChart(rows: NonNullable<DigestView['perRep']>): ReportChart {
  const series = [];
  if (rows.some((r) => r.visits !== undefined))
    series.push({ name: '拜访', data: rows.map((r) => r.visits ?? 0) });
  if (rows.some((r) => r.newCustomers !== undefined))
    series.push({ name: '新客户', data: rows.map((r) => r.newCustomers ?? 0) });
  return barChart(
    '本月拜访与新客户',
    rows.map((r) => r.name),
    series,
  );
}

function funnelChart(rows: NonNullable<DigestView['funnel']>): ReportChart {
  return {
    title: '商机漏斗',
    height: 260,
    option: {
      series: [
        {
          type: 'funnel',
          sort: 'none',
          label: { formatter: '{b}: {c}' },
          data: rows.map((r) => ({ name: r.label, value: r.count })),
        },
      ],
    },
  };
}

function attendanceChart(rows: NonNullable<DigestView['attendance']>): ReportChart {
  return barChart(
    '本月考勤（天）',
    rows.map((r) => r.name),
    [
      { name: '正常', data: rows.map((r) => r.normal) },
      { name: '迟到', data: rows.map((r) => r.late) },
      { name: '缺卡', data: rows.map((r) => r.missing) },
      { name: '旷工', data: rows.map((r) => r.absent) },
      { name: '请假', data: rows.map((r) => r.leave) },
    ],
    'days',
  );
}
