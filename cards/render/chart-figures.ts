import { renderChartSvg } from './chart-svg';
import { chartWidth, DEFAULT_LAYOUT, type ReportLayout } from './report-html';
import type { ReportPage } from './report-page';

/** A phone's own CJK fonts: an H5 page is read on the phone, which has them (the PNG path embeds one). */
const PHONE_FONT_STACK = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

export interface ChartFigure {
  title: string;
  /** The width the chart was laid out for; the page scales it down to the screen, never up. */
  width: number;
  svg: string;
}

/** A report page's charts as SVG for an H5 page, each drawn at the width the image gives it. */
export function chartFigures(page: ReportPage, layout: ReportLayout = DEFAULT_LAYOUT): ChartFigure[] {
  return page.charts.map((chart) => {
    const width = chartWidth(layout, chart.half);
    return {
      title: chart.title,
      width,
      svg: renderChartSvg(chart.option, { width, height: chart.height }, PHONE_FONT_STACK),
    };
  });
}
