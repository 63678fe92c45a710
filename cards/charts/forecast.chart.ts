import type { ReportChart } from '../render/report-page';
import type { ForecastInput } from './chart-inputs';
import { formatFen, moneyScale, percentOf } from './chart-format';
import { BASE_GRID, COLORS, TOP_LEGEND, valueAxis } from './chart-style';

const PIPELINE_LIGHT = '#a9c1ef';

/**
 * 季度预测 vs 目标 with the diagnosis in the title (开源 / 节流): two stacked bars against a dashed line at the
 * quarter target — done + weighted pipeline (what to expect) and done + the whole open pipeline (the most
 * that could come). The second bar short of the line means too few leads (开源); the first short of it
 * while the second reaches it means conversion is the problem (节流). Each bar ends with its total.
 */
export function buildForecastChart(input: ForecastInput, title = `季度预测：${input.verdict}`): ReportChart {
  const expected = input.doneFen + input.weightedFen;
  const possible = input.doneFen + input.pipelineFen;
  const scale = moneyScale(Math.max(input.targetFen, possible));
  const total = (fen: number) => `${formatFen(fen)}（${percentOf(fen, input.targetFen) ?? '—'}%）`;
  const rows = ['加权预测', '商机全赢'];
  return {
    title,
    height: 180,
    option: {
      legend: { ...TOP_LEGEND, data: ['已完成', '加权商机', '在途商机'] },
      grid: { ...BASE_GRID, top: 48, right: 130 },
      xAxis: valueAxis(scale.unit),
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows,
        axisLabel: { color: COLORS.line },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '已完成',
          stack: 'forecast',
          barMaxWidth: 26,
          itemStyle: { color: COLORS.good },
          data: [scale.toAxis(input.doneFen), scale.toAxis(input.doneFen)],
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: COLORS.behind, type: 'dashed', width: 2 },
            label: {
              formatter: `季度目标 ${formatFen(input.targetFen)}`,
              position: 'start', // above the bars: the axis figures are below
              color: COLORS.behind,
            },
            data: [{ xAxis: scale.toAxis(input.targetFen) }],
          },
        },
        {
          type: 'bar',
          name: '加权商机',
          stack: 'forecast',
          itemStyle: { color: COLORS.primary },
          data: [
            { value: scale.toAxis(input.weightedFen), label: { show: true, formatter: total(expected) } },
            '-',
          ],
          label: { position: 'right', color: COLORS.line, backgroundColor: '#ffffff', padding: [1, 3] },
        },
        {
          type: 'bar',
          name: '在途商机',
          stack: 'forecast',
          itemStyle: { color: PIPELINE_LIGHT },
          data: [
            '-',
            { value: scale.toAxis(input.pipelineFen), label: { show: true, formatter: total(possible) } },
          ],
          label: { position: 'right', color: COLORS.line, backgroundColor: '#ffffff', padding: [1, 3] },
        },
        // Invisible: keeps the target inside the axis when every bar falls short of it.
        {
          type: 'scatter',
          name: '目标',
          silent: true,
          symbolSize: 0,
          data: [[scale.toAxis(input.targetFen), rows[0]]],
        },
      ],
    },
  };
}
