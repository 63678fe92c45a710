import { onSiteText, stayText, type RouteDayView } from '../../domain/field/route-map';
import { formatDistance } from '../../domain/geo/distance';
import { buildRouteMapChart } from '../charts/route-map.chart';
import { chartWidth, DEFAULT_LAYOUT } from '../render/report-html';
import type { ReportChart, ReportPage } from '../render/report-page';

/** 「3 家，路程约5.2公里，在客户处共2小时10分」 */
export function routeSummary(day: RouteDayView): string {
  const travel = day.stops.length > 1 ? `，路程约${formatDistance(day.travelM)}` : '';
  return `${day.stops.length} 家${travel}，在客户处共${onSiteText(day.minutesOnSite)}`;
}

/** One line per stop, in order: arrival, customer, time on site, and a check-in far from the customer. */
export function routeStopLines(day: RouteDayView): string[] {
  return day.stops.map(
    (s) =>
      `${s.order}. ${s.arrival} ${s.customerName} ${stayText(s.minutesOnSite)}${s.offSite && s.distanceM !== null ? ` · 异地签到，距客户${formatDistance(s.distanceM)}` : ''}`,
  );
}

const LEGEND =
  '蓝色圆点为签到位置（数字为先后顺序），红色为异地签到，灰色方块为客户登记的位置；无底图，按比例尺示意距离。';

/** The route map as a chart at `width` (the image's, or a phone's on the live page). */
export function routeMapChart(name: string, dateText: string, day: RouteDayView, width: number): ReportChart {
  return buildRouteMapChart(day, `${name} ${dateText}：${routeSummary(day)}`, width);
}

/** `轨迹 张三 昨天`: the map image with the stops listed under it. */
export function buildRouteMapPage(name: string, dateText: string, day: RouteDayView): ReportPage {
  return {
    title: `${name}的拜访轨迹`,
    subtitle: `${dateText} · ${routeSummary(day)}`,
    charts: [buildRouteMapChart(day, '拜访顺序与停留时间', chartWidth(DEFAULT_LAYOUT, false))],
    footnotes: [...routeStopLines(day), LEGEND],
  };
}
