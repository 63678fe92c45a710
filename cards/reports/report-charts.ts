import type { ReportChart } from '../render/report-page';

/** A horizontal bar chart, one bar group per person (names down the side), series side by side or stacked. */
export function barChart(
  title: string,
  names: string[],
  series: Array<{ name: string; data: number[] }>,
  stack?: string,
): ReportChart {
  return {
    title,
    height: Math.max(200, 60 + names.length * 24),
    option: {
      legend: { top: 0 },
      grid: { left: 80, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: names, inverse: true },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack })),
    },
  };
}
