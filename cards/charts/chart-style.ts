/**
 * Shared looks for report charts. Options are plain JSON (no formatter functions): every label that needs
 * wording is computed here and put on the data item, so an option can be stored, logged or snapshot.
 */
export type ChartOption = Record<string, unknown>;

export const COLORS = {
  primary: '#3b6fd8',
  secondary: '#f2a93b',
  good: '#2fa66a',
  behind: '#e0703a',
  muted: '#9aa5b5',
  line: '#5b6b7f',
  grid: '#e6e9ef',
} as const;

export const SERIES_PALETTE = ['#3b6fd8', '#f2a93b', '#2fa66a', '#9b6bd6', '#e0703a', '#4bb3c7'];

/** Reps above this count get rotated, smaller labels; every name is still printed. */
const UPRIGHT_LABELS_MAX = 8;
const SMALL_LABELS_FROM = 30;

/**
 * A category axis of rep names that stays legible up to a team of 50: never skips a name
 * (`interval: 0`), rotates them once they would collide, shrinks them for big teams, and cuts long names.
 */
export function repNameAxis(names: string[]): ChartOption {
  const count = names.length;
  const rotate = count > SMALL_LABELS_FROM ? 60 : count > UPRIGHT_LABELS_MAX ? 40 : 0;
  return {
    type: 'category',
    data: names,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      interval: 0,
      rotate,
      fontSize: count > SMALL_LABELS_FROM ? 10 : 12,
      width: rotate ? 64 : Math.max(40, Math.floor(640 / Math.max(count, 1))),
      overflow: 'truncate',
      color: COLORS.line,
    },
  };
}

/** Extra chart height for rotated rep names, so bars keep their room. */
export function repAxisExtraHeight(count: number): number {
  return count > SMALL_LABELS_FROM ? 50 : count > UPRIGHT_LABELS_MAX ? 30 : 0;
}

export function valueAxis(name?: string, extra: ChartOption = {}): ChartOption {
  return {
    type: 'value',
    ...(name ? { name, nameTextStyle: { color: COLORS.line } } : {}),
    splitLine: { lineStyle: { color: COLORS.grid } },
    axisLabel: { color: COLORS.line },
    ...extra,
  };
}

export const BASE_GRID = { left: 16, right: 24, top: 40, bottom: 8, containLabel: true };

export const TOP_LEGEND = { top: 0, left: 'center', itemWidth: 14, itemHeight: 10 };

/** A chart with nothing to plot says so instead of drawing empty axes. */
export function emptyChartOption(message: string): ChartOption {
  return {
    title: {
      text: message,
      left: 'center',
      top: 'middle',
      textStyle: { color: COLORS.muted, fontSize: 14, fontWeight: 'normal' },
    },
  };
}
