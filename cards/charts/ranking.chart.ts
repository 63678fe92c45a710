import { rankByCompletion } from '../../domain/reports/metrics';
import type { ReportChart } from '../render/report-page';
import type { RankingInput, RepProgress } from './chart-inputs';
import { formatMeasure, percentOf } from './chart-format';
import { BASE_GRID, COLORS, emptyChartOption, valueAxis } from './chart-style';

const ROW_HEIGHT = 22;

export interface RankedRep extends RepProgress {
  /** Whole percent, or null without a target. */
  completion: number | null;
}

/**
 * Reps in the order of `rankByCompletion` — the one ranking of fieldbot, so the chart, the digest's text and
 * `团队排行` always agree: by completion, best first; reps without a target after them by what they
 * achieved; then by name (pinyin order).
 */
export function rankReps(reps: RepProgress[]): RankedRep[] {
  const ranked = rankByCompletion(
    reps.map((rep, i) => ({
      userId: i,
      name: rep.name,
      actual: rep.achieved,
      target: rep.target > 0 ? rep.target : null,
    })),
  );
  return ranked.map((row) => {
    const rep = reps[row.userId] as RepProgress;
    return { ...rep, completion: percentOf(rep.achieved, rep.target) };
  });
}

/**
 * 团队排行: one horizontal bar per rep, best at the top, labelled 「62% · 12.3万元」. The height grows with
 * the team (a row per rep), so 50 reps keep a readable name each. Bars behind 时间进度 are orange.
 */
export function buildRankingChart(input: RankingInput, title = '完成率排行'): ReportChart {
  const ranked = rankReps(input.reps);
  if (ranked.length === 0) {
    return { title, height: 160, option: emptyChartOption('暂无成员数据') };
  }
  const pace = input.elapsedRatio === undefined ? null : Math.round(input.elapsedRatio * 100);
  const data = ranked.map((rep) => {
    const figure = formatMeasure(rep.achieved, input.unit);
    const behind = pace !== null && rep.completion !== null && rep.completion < pace;
    return {
      value: rep.completion ?? 0,
      itemStyle: {
        color: rep.completion === null ? COLORS.muted : behind ? COLORS.behind : COLORS.primary,
      },
      label: {
        formatter: rep.completion === null ? `无目标 · ${figure}` : `${rep.completion}% · ${figure}`,
      },
    };
  });
  const largest = Math.max(100, ...ranked.map((rep) => rep.completion ?? 0));
  return {
    title,
    height: 60 + ROW_HEIGHT * ranked.length,
    option: {
      grid: { ...BASE_GRID, top: 24, right: 120 },
      xAxis: valueAxis(undefined, {
        max: Math.ceil(largest / 10) * 10,
        axisLabel: { color: COLORS.line, formatter: '{value}%' },
      }),
      yAxis: {
        type: 'category',
        inverse: true, // first rep at the top
        data: ranked.map((rep) => rep.name),
        axisLabel: { interval: 0, fontSize: ranked.length > 30 ? 11 : 12, color: COLORS.line },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '完成率',
          barMaxWidth: 16,
          data,
          label: { show: true, position: 'right', color: COLORS.line, fontSize: 12 },
          ...(pace === null
            ? {}
            : {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: COLORS.line, type: 'dashed' },
                  label: { formatter: `时间进度 ${pace}%`, position: 'start', color: COLORS.line },
                  data: [{ xAxis: pace }],
                },
              }),
        },
      ],
    },
  };
}
