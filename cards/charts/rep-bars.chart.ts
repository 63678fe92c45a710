import type { ReportChart } from '../render/report-page';
import type { RepActivity, RepCustomerChange, WorkloadInput } from './chart-inputs';
import {
  BASE_GRID,
  COLORS,
  emptyChartOption,
  repAxisExtraHeight,
  repNameAxis,
  TOP_LEGEND,
  valueAxis,
  type ChartOption,
} from './chart-style';

interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

const BASE_HEIGHT = 280;

/** Grouped bars per rep: one colour per series, every rep named (rotated for big teams). */
function groupedRepBars(title: string, names: string[], series: BarSeries[], axisName: string): ReportChart {
  if (names.length === 0) return { title, height: 160, option: emptyChartOption('暂无成员数据') };
  const showValues = names.length <= 15; // beyond that the numbers overlap; the axis carries them
  const option: ChartOption = {
    color: series.map((s) => s.color),
    legend: { ...TOP_LEGEND, data: series.map((s) => s.name) },
    grid: { ...BASE_GRID },
    xAxis: repNameAxis(names),
    yAxis: valueAxis(axisName, { minInterval: 1 }),
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: 18,
      barGap: '10%',
      label: { show: showValues, position: 'top', fontSize: 12, color: COLORS.line },
    })),
  };
  return { title, height: BASE_HEIGHT + repAxisExtraHeight(names.length), option };
}

/** 拜访与新客户: visits and new customers per rep, most visits first. */
export function buildRepActivityChart(reps: RepActivity[], title = '拜访与新客户'): ReportChart {
  const sorted = [...reps].sort((a, b) => b.visits - a.visits || b.newCustomers - a.newCustomers);
  return groupedRepBars(
    title,
    sorted.map((rep) => rep.name),
    [
      { name: '拜访', color: COLORS.primary, values: sorted.map((rep) => rep.visits) },
      { name: '新客户', color: COLORS.secondary, values: sorted.map((rep) => rep.newCustomers) },
    ],
    '次数 / 家',
  );
}

/** 工作量对比: this period against the last one per rep, in the input's order (largest change first is the caller's call). */
export function buildWorkloadChart(input: WorkloadInput, title?: string): ReportChart {
  return groupedRepBars(
    title ?? `${input.metricLabel} ${input.currentLabel} vs ${input.previousLabel}`,
    input.reps.map((rep) => rep.name),
    [
      { name: input.previousLabel, color: COLORS.muted, values: input.reps.map((r) => r.previous) },
      { name: input.currentLabel, color: COLORS.primary, values: input.reps.map((r) => r.current) },
    ],
    input.metricLabel,
  );
}

/**
 * 客户增减: per rep, customers gained above the axis and lost below it, largest net gain first; reps with
 * neither are left out. The title carries the team's totals.
 */
export function buildCustomerChangeChart(reps: RepCustomerChange[], title?: string): ReportChart {
  const gained = reps.reduce((sum, rep) => sum + rep.gained, 0);
  const lost = reps.reduce((sum, rep) => sum + rep.lost, 0);
  const net = gained - lost;
  const heading =
    title ?? `客户增减（新增 ${gained} · 流失 ${lost} · 净${net >= 0 ? '增' : '减'} ${Math.abs(net)}）`;
  const moved = reps
    .filter((rep) => rep.gained > 0 || rep.lost > 0)
    .sort((a, b) => b.gained - b.lost - (a.gained - a.lost) || b.gained - a.gained);
  if (moved.length === 0) return { title: heading, height: 160, option: emptyChartOption('本期客户无增减') };
  const showValues = moved.length <= 15;
  const names = moved.map((rep) => rep.name);
  return {
    title: heading,
    height: 240 + repAxisExtraHeight(names.length),
    option: {
      color: [COLORS.good, COLORS.behind],
      legend: { ...TOP_LEGEND, data: ['新增', '流失'] },
      grid: { ...BASE_GRID },
      xAxis: { ...repNameAxis(names), axisLine: { onZero: true } },
      yAxis: valueAxis('客户数', { minInterval: 1 }),
      series: [
        {
          type: 'bar',
          name: '新增',
          stack: 'change',
          barMaxWidth: 22,
          data: moved.map((rep) => ({ value: rep.gained, label: { show: showValues && rep.gained > 0 } })),
          label: { position: 'inside', fontSize: 12, color: '#ffffff' },
        },
        {
          type: 'bar',
          name: '流失',
          stack: 'change',
          barMaxWidth: 22,
          // Below the axis; the label says how many were lost, without the sign.
          data: moved.map((rep) => ({
            value: rep.lost > 0 ? -rep.lost : 0, // never -0: the option must survive JSON
            label: { show: showValues && rep.lost > 0, formatter: `${rep.lost}` },
          })),
          label: { position: 'inside', fontSize: 12, color: '#ffffff' },
        },
      ],
    },
  };
}
