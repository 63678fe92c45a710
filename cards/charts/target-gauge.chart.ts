import type { ReportChart } from '../render/report-page';
import type { TargetProgress } from './chart-inputs';
import { formatMeasure, percentOf } from './chart-format';
import { COLORS, emptyChartOption } from './chart-style';

/**
 * 目标完成率 as a gauge: the bar is the completion, the needle is 时间进度 (share of the period elapsed),
 * so a bar short of the needle means behind pace. The bar turns orange then. Completion above 100 % is
 * shown in the figures; the bar stops full.
 */
export function buildTargetGaugeChart(input: TargetProgress, title = '目标完成率'): ReportChart {
  const completion = percentOf(input.achieved, input.target);
  const elapsed = Math.round(Math.min(1, Math.max(0, input.elapsedRatio)) * 100);
  if (completion === null) {
    return {
      title,
      height: 260,
      half: true,
      option: emptyChartOption(`未设置${input.measureLabel}目标`),
    };
  }
  const onPace = completion >= elapsed;
  const color = onPace ? COLORS.good : COLORS.behind;
  const figures = `${formatMeasure(input.achieved, input.unit)} / ${formatMeasure(input.target, input.unit)}`;
  const ring = { startAngle: 210, endAngle: -30, min: 0, max: 100, radius: '88%', center: ['50%', '58%'] };
  return {
    title,
    height: 260,
    half: true,
    option: {
      series: [
        {
          ...ring,
          type: 'gauge',
          name: input.measureLabel,
          progress: { show: true, width: 18, itemStyle: { color } },
          axisLine: { lineStyle: { width: 18, color: [[1, COLORS.grid]] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          anchor: { show: false },
          title: { show: true, offsetCenter: [0, '38%'], fontSize: 12, color: COLORS.line },
          detail: {
            valueAnimation: false,
            offsetCenter: [0, '0%'],
            fontSize: 30,
            fontWeight: 'bold',
            color,
            formatter: `${completion}%`,
          },
          data: [{ value: Math.min(completion, 100), name: `${input.measureLabel} ${figures}` }],
        },
        {
          ...ring,
          type: 'gauge',
          name: '时间进度',
          axisLine: { show: false },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          progress: { show: false },
          // A short marker riding the ring, clear of the figures in the middle.
          pointer: {
            show: true,
            icon: 'triangle',
            length: '18%',
            width: 12,
            offsetCenter: [0, '-72%'],
            itemStyle: { color: COLORS.line },
          },
          anchor: { show: false },
          title: { show: true, offsetCenter: [0, '62%'], fontSize: 12, color: COLORS.line },
          detail: { show: false },
          data: [{ value: elapsed, name: `时间进度 ${elapsed}%${onPace ? '' : ' · 落后进度'}` }],
        },
      ],
    },
  };
}
