import type { ReportChart } from '../render/report-page';
import type { SalesPeriod } from './chart-inputs';
import { formatFen, moneyScale, percentOf } from './chart-format';
import { BASE_GRID, COLORS, emptyChartOption, TOP_LEGEND, valueAxis } from './chart-style';

/**
 * 订单与回款 vs 目标: orders and payments as bars per period, the target as a line, last year's orders
 * (同比) dashed. Values in 万元 once any reaches 1万元; under each period 「完成 85% · 同比 +12%」.
 */
export function buildSalesVsTargetChart(periods: SalesPeriod[], title = '订单与回款'): ReportChart {
  if (periods.length === 0) return { title, height: 160, option: emptyChartOption('暂无订单与回款') };
  const largest = Math.max(
    ...periods.flatMap((p) => [p.ordersFen, p.paymentsFen, p.targetFen ?? 0, p.lastYearOrdersFen ?? 0]),
  );
  const scale = moneyScale(largest);
  const hasTarget = periods.some((p) => p.targetFen !== null);
  const hasLastYear = periods.some((p) => p.lastYearOrdersFen !== null);
  const names = ['订单', '回款', ...(hasTarget ? ['目标'] : []), ...(hasLastYear ? ['去年同期订单'] : [])];
  return {
    title,
    height: 300,
    option: {
      legend: { ...TOP_LEGEND, data: names },
      grid: { ...BASE_GRID },
      xAxis: {
        type: 'category',
        // The figures go under the period, where no bar or line can cover them.
        data: periods.map((p) => [p.label, periodFigures(p)].filter(Boolean).join('\n')),
        axisLabel: { interval: 0, color: COLORS.line, lineHeight: 16 },
      },
      yAxis: valueAxis(scale.unit),
      series: [
        {
          type: 'bar',
          name: '订单',
          itemStyle: { color: COLORS.primary },
          barMaxWidth: 28,
          data: periods.map((p) => scale.toAxis(p.ordersFen)),
        },
        {
          type: 'bar',
          name: '回款',
          itemStyle: { color: COLORS.good },
          barMaxWidth: 28,
          data: periods.map((p) => scale.toAxis(p.paymentsFen)),
        },
        ...(hasTarget
          ? [
              {
                type: 'line',
                name: '目标',
                itemStyle: { color: COLORS.behind },
                lineStyle: { width: 2 },
                symbol: 'diamond',
                data: periods.map((p) => (p.targetFen === null ? '-' : scale.toAxis(p.targetFen))),
              },
            ]
          : []),
        ...(hasLastYear
          ? [
              {
                type: 'line',
                name: '去年同期订单',
                itemStyle: { color: COLORS.muted },
                lineStyle: { type: 'dashed' },
                data: periods.map((p) =>
                  p.lastYearOrdersFen === null ? '-' : scale.toAxis(p.lastYearOrdersFen),
                ),
              },
            ]
          : []),
      ],
    },
  };
}

/** 「完成 85% · 同比 +12%」, with the parts that are known; nothing before the period's first order. */
function periodFigures(period: SalesPeriod): string {
  if (period.ordersFen === 0) return '';
  const parts: string[] = [];
  const completion = period.targetFen === null ? null : percentOf(period.ordersFen, period.targetFen);
  if (completion !== null) parts.push(`完成 ${completion}%`);
  if (period.lastYearOrdersFen !== null && period.lastYearOrdersFen > 0) {
    const change = Math.round((period.ordersFen / period.lastYearOrdersFen - 1) * 100);
    parts.push(`同比 ${change >= 0 ? '+' : ''}${change}%`);
  }
  return parts.length ? parts.join(' · ') : formatFen(period.ordersFen);
}
