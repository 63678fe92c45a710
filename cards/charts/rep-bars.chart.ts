import type { ReportChart } from '../render/report-page';
import type { RepActivity, WorkloadInput } from './chart-inputs';
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
      label: { show: showValues, position: 'top', fontSize: 10, color: COLORS.line },
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
