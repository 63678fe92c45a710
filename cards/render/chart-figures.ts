import { renderChartSvg } from './chart-svg';
import type { ReportPage } from './report-page';

/** A phone's own CJK fonts: an H5 page is read on the phone, which has them (the PNG path embeds one). */
const PHONE_FONT_STACK = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/**
 * The width an H5 page's chart is drawn at: a 390-px phone less the page's and the card's padding
 * (cards/reports/h5-report.page.ts). Drawn at the width it is shown at, a 12-px label stays 12 CSS px;
 * drawn at the image's 728 px and scaled down, it shrank to 5.
 */
export const PHONE_CHART_WIDTH = 330;

export interface ChartFigure {
  title: string;
  /** The width the chart was laid out for; the page scales it down to the screen, never up. */
  width: number;
  svg: string;
}

/** A report page's charts as SVG for an H5 page, one under another at a phone's width. */
export function chartFigures(page: ReportPage, width = PHONE_CHART_WIDTH): ChartFigure[] {
  return page.charts.map((chart) => ({
    title: chart.title,
    width,
    svg: renderChartSvg(chart.option, { width, height: chart.height }, PHONE_FONT_STACK),
  }));
}
