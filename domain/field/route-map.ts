import { distanceMeters, type LatLng } from '../geo/distance';
import { formatClock } from '../time/format';

/** One visit of a rep's day as the route map (轨迹) draws it. */
export interface RouteVisit {
  visitId: number;
  customerName: string;
  /** Where the customer is, when known. */
  customer: LatLng | null;
  /** Where the rep checked in. */
  checkIn: LatLng;
  startedAt: Date;
  endedAt: Date | null;
  /** Check-in distance from the customer, when the customer has a position. */
  distanceM: number | null;
  /** Checked in beyond the visit radius (异地拜访). */
  offSite: boolean;
}

/** Storage port: one rep's visits checked in during `[from, to)`, oldest first. */
export interface RouteFacts {
  visitsOfDay(tenantId: string, userId: number, period: { from: Date; to: Date }): Promise<RouteVisit[]>;
}

/** A stop as labelled on the map and listed under it. */
export interface RouteStopView {
  /** 1-based, in check-in order. */
  order: number;
  customerName: string;
  customer: LatLng | null;
  checkIn: LatLng;
  /** 「09:12」 */
  arrival: string;
  /** Check-in to check-out; null while the visit is open. */
  minutesOnSite: number | null;
  offSite: boolean;
  distanceM: number | null;
}

export interface RouteDayView {
  stops: RouteStopView[];
  /** Between consecutive check-ins, in metres. */
  travelM: number;
  /** Sum of the closed visits' time on site. */
  minutesOnSite: number;
}

/** The day's visits in check-in order, each with its arrival clock and time on site. */
export function routeDayOf(visits: readonly RouteVisit[], zone: string): RouteDayView {
  const ordered = [...visits].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.visitId - b.visitId,
  );
  const stops = ordered.map((v, i) => ({
    order: i + 1,
    customerName: v.customerName,
    customer: v.customer,
    checkIn: v.checkIn,
    arrival: formatClock(v.startedAt, zone),
    minutesOnSite: v.endedAt
      ? Math.max(0, Math.round((v.endedAt.getTime() - v.startedAt.getTime()) / 60_000))
      : null,
    offSite: v.offSite,
    distanceM: v.distanceM,
  }));
  let travelM = 0;
  for (let i = 1; i < stops.length; i++)
    travelM += distanceMeters((stops[i - 1] as RouteStopView).checkIn, (stops[i] as RouteStopView).checkIn);
  return {
    stops,
    travelM,
    minutesOnSite: stops.reduce((sum, s) => sum + (s.minutesOnSite ?? 0), 0),
  };
}

/** 「停留45分钟」, 「停留1小时20分」; 「尚未结束拜访」 for an open visit. */
export function stayText(minutes: number | null): string {
  return minutes === null ? '尚未结束拜访' : `停留${onSiteText(minutes)}`;
}

/** 「45分钟」, 「1小时20分」. */
export function onSiteText(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)}小时${rest > 0 ? `${rest}分` : ''}`;
}
