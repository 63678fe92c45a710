import type { ReportChart } from '../render/report-page';
import type { ConversionStageInput, FunnelStageInput } from './chart-inputs';
import { formatFen, percentOf } from './chart-format';
import { BASE_GRID, COLORS, emptyChartOption, SERIES_PALETTE, TOP_LEGEND, valueAxis } from './chart-style';

/**
 * 商机漏斗: open opportunities per stage in pipeline order (never re-sorted by size: a stage with more deals
 * than the one before is exactly what a manager should see). Each stage reads 「方案报价 8个 · 35万元」.
 */
export function buildFunnelChart(stages: FunnelStageInput[], title = '商机漏斗'): ReportChart {
  const height = Math.max(220, 50 * stages.length + 40);
  if (stages.every((stage) => stage.count === 0)) {
    return { title, height: 160, option: emptyChartOption('暂无进行中的商机') };
  }
  return {
    title,
    height,
    option: {
      color: SERIES_PALETTE,
      series: [
        {
          type: 'funnel',
          name: title,
          sort: 'none',
          left: '8%',
          width: '62%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: { show: true, position: 'right', color: COLORS.line, fontSize: 12 },
          labelLine: { show: true, length: 12 },
          data: stages.map((stage) => ({
            name: stage.label,
            value: stage.count,
            label: { formatter: `${stage.label} ${stage.count}个 · ${formatFen(stage.amountFen)}` },
          })),
        },
      ],
    },
  };
}

/**
 * 阶段转化: how many opportunities reached each stage (bars), the share that went on to the next stage
 * (line, right axis), and the average days spent in the stage under each name.
 */
export function buildConversionChart(
  stages: ConversionStageInput[],
  title = '阶段转化与停留时间',
): ReportChart {
  if (stages.every((stage) => stage.entered === 0)) {
    return { title, height: 160, option: emptyChartOption('本期没有商机进入任何阶段') };
  }
  const conversions = stages.map((stage, i) => {
    const next = stages[i + 1];
    return next ? percentOf(next.entered, stage.entered) : null;
  });
  return {
    title,
    height: 300,
    option: {
      color: [COLORS.primary, COLORS.secondary],
      legend: { ...TOP_LEGEND, data: ['进入数量', '转化到下一阶段'] },
      grid: { ...BASE_GRID },
      xAxis: {
        type: 'category',
        data: stages.map(
          (stage) =>
            `${stage.label}\n${stage.avgDaysInStage === null ? '停留 —' : `停留 ${stage.avgDaysInStage.toFixed(1)}天`}`,
        ),
        axisLabel: { interval: 0, color: COLORS.line, lineHeight: 16 },
      },
      yAxis: [
        valueAxis('商机数', { minInterval: 1 }),
        valueAxis('转化率 %', { min: 0, max: 100, splitLine: { show: false } }),
      ],
      series: [
        {
          type: 'bar',
          name: '进入数量',
          barMaxWidth: 36,
          data: stages.map((stage) => stage.entered),
          label: { show: true, position: 'top', color: COLORS.line },
        },
        {
          type: 'line',
          name: '转化到下一阶段',
          yAxisIndex: 1,
          connectNulls: false,
          data: conversions.map((value) =>
            value === null ? '-' : { value: Math.min(value, 100), label: { formatter: `${value}%` } },
          ),
          // On a white patch: the point can sit right on a bar's own figure.
          label: {
            show: true,
            position: 'top',
            distance: 8,
            color: COLORS.secondary,
            backgroundColor: '#ffffff',
            padding: [1, 3],
            borderRadius: 3,
          },
        },
      ],
    },
  };
}
