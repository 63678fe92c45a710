/** Pure builders of report charts (ECharts options as plain JSON, each with its title and height). */
export * from './chart-inputs';
export { buildAttendanceByRepChart } from './attendance.chart';
export { buildForecastChart } from './forecast.chart';
export { buildConversionChart, buildFunnelChart, buildWinLossChart } from './pipeline.chart';
export { buildRankingChart } from './ranking.chart';
export { buildCustomerChangeChart, buildRepActivityChart, buildWorkloadChart } from './rep-bars.chart';
export { buildSalesVsTargetChart } from './sales-target.chart';
export { buildTargetGaugeChart } from './target-gauge.chart';
