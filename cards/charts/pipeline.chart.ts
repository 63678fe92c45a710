import type { ReportChart } from '../render/report-page';
import type { ConversionStageInput, FunnelStageInput, WinLossInput } from './chart-inputs';
import { formatFen, percentOf } from './chart-format';
import { BASE_GRID, COLORS, emptyChartOption, SERIES_PALETTE, TOP_LEGEND, valueAxis } from './chart-style';

/**
 * 商机漏斗: open opportunities per stage in pipeline order (never re-sorted by size: a stage with more deals
 * than the one before is exactly what a manager should see). Each stage reads 「方案报价 / 8个 · 35万元」 on
 * two lines, so the label fits beside the funnel on a phone. A stage with no deal is not drawn: its band
 * would be as wide as the next one's and read as the funnel's mouth (the text still lists it).
 * `half` draws it for a half-width card: a narrower funnel, so the labels beside it still fit.
 */
export function buildFunnelChart(
  stages: FunnelStageInput[],
  title = '商机漏斗',
  { half = false }: { half?: boolean } = {},
): ReportChart {
  const drawn = stages.flatMap((stage, i) =>
    stage.count > 0 ? [{ stage, reached: stages.slice(i).reduce((sum, later) => sum + later.count, 0) }] : [],
  );
  const height = Math.max(220, 56 * drawn.length + 40);
  if (drawn.length === 0) {
    return { title, height: 160, option: emptyChartOption('暂无进行中的商机'), ...(half && { half }) };
  }
  return {
    title,
    height,
    ...(half && { half }),
    option: {
      color: SERIES_PALETTE,
      series: [
        {
          type: 'funnel',
          name: title,
          sort: 'none',
          left: half ? '2%' : '4%',
          width: half ? '48%' : '55%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: { show: true, position: 'right', color: COLORS.line, fontSize: 12, lineHeight: 16 },
          labelLine: { show: true, length: half ? 8 : 12 },
          // The shape is how many reached each stage (there or beyond), so it narrows as a funnel does;
          // the labels say how many sit in it now.
          data: drawn.map(({ stage, reached }) => ({
            name: stage.label,
            value: reached,
            label: { formatter: `${stage.label}\n${stage.count}个 · ${formatFen(stage.amountFen)}` },
          })),
        },
      ],
    },
  };
}

/**
 * 阶段转化与停留时间: per open stage, the opportunities that left it during the period, stacked as moved
 * forward and not (lost or moved back). Under each stage, the share moved forward and the mean days spent
 * in it: figures under the axis, where no bar can cover them on a phone.
 */
export function buildConversionChart(
  stages: ConversionStageInput[],
  title = '阶段转化与停留时间',
): ReportChart {
  if (stages.every((stage) => stage.left === 0)) {
    return { title, height: 160, option: emptyChartOption('本期没有商机离开任何阶段') };
  }
  const countLabel = (value: number) => ({ value, label: { show: value > 0 } });
  const figures = (stage: ConversionStageInput) => {
    const rate = percentOf(stage.advanced, stage.left);
    const days = stage.avgDaysInStage === null ? '—' : `${stage.avgDaysInStage.toFixed(1)}天`;
    return `${stage.label}\n推进 ${rate === null ? '—' : `${rate}%`}\n停留 ${days}`;
  };
  return {
    title,
    height: 260,
    option: {
      color: [COLORS.primary, COLORS.muted],
      legend: { ...TOP_LEGEND, data: ['推进', '未推进'] },
      grid: { ...BASE_GRID },
      xAxis: {
        type: 'category',
        data: stages.map(figures),
        axisLabel: { interval: 0, color: COLORS.line, lineHeight: 16, width: 110, overflow: 'truncate' },
      },
      yAxis: valueAxis('商机数', { minInterval: 1 }),
      series: ['推进', '未推进'].map((name) => ({
        type: 'bar',
        name,
        stack: 'left',
        barMaxWidth: 40,
        data: stages.map((stage) =>
          countLabel(name === '推进' ? stage.advanced : stage.left - stage.advanced),
        ),
        label: { position: 'inside', color: '#ffffff' },
      })),
    },
  };
}

/**
 * 赢单与输单: one bar for the deals won and one per stage deals were lost in (pipeline order), each
 * labelled 「3个 · 12万元」; the title carries the totals.
 */
export function buildWinLossChart(input: WinLossInput, title?: string): ReportChart {
  const lostCount = input.lostByStage.reduce((sum, stage) => sum + stage.count, 0);
  const heading = title ?? `赢单与输单（赢 ${input.won.count} · 输 ${lostCount}）`;
  if (input.won.count === 0 && lostCount === 0) {
    return { title: heading, height: 160, option: emptyChartOption('本期没有赢单或输单') };
  }
  const rows = [
    { name: '赢单', count: input.won.count, amountFen: input.won.amountFen, color: COLORS.good },
    ...input.lostByStage.map((stage) => ({
      name: `输在${stage.label}`,
      count: stage.count,
      amountFen: stage.amountFen,
      color: COLORS.behind,
    })),
  ];
  return {
    title: heading,
    height: 40 + 34 * rows.length,
    option: {
      grid: { ...BASE_GRID, top: 8, right: 110 },
      xAxis: valueAxis(undefined, { minInterval: 1 }),
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.name),
        axisLabel: { interval: 0, color: COLORS.line },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '商机数',
          barMaxWidth: 18,
          data: rows.map((row) => ({
            value: row.count,
            itemStyle: { color: row.color },
            label: { formatter: `${row.count}个 · ${formatFen(row.amountFen)}` },
          })),
          label: { show: true, position: 'right', color: COLORS.line, fontSize: 12 },
        },
      ],
    },
  };
}
