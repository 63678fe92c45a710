import { stayText, type RouteDayView, type RouteStopView } from '../../domain/field/route-map';
import { formatDistance, type LatLng } from '../../domain/geo/distance';
import type { ReportChart } from '../render/report-page';
import { COLORS, emptyChartOption } from './chart-style';
import { labelSize, placeLabels } from './label-placement';

/**
 * 轨迹: a rep's visits of one day on a plain projected canvas — no map tiles (the server reaches no
 * internet). Positions are projected around the day's centre (metres east and north, equal scale both ways,
 * north up) into the chart's own pixels, so a scale bar can say how far 100 px is and labels can be placed
 * clear of each other before ECharts draws them.
 */

const STOP = { radius: 11, color: COLORS.primary, far: '#d64545' };
const CUSTOMER_COLOR = '#7d8897';
const PAD = { left: 30, right: 30, top: 34, bottom: 50 };
/** Smallest span drawn, in metres: one stop, or stops next door, still show a street-sized area. */
const MIN_SPAN_M = 600;
const FONT_SIZE = 12;
/** From a point to its label: clear of the stop marker drawn there. */
const LABEL_DISTANCE = STOP.radius + 4;
const NAME_CHARS = 10;
const SCALE_STEPS_M = [
  50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
];

interface Pixel {
  x: number;
  y: number;
}
type Segment = [[number, number], [number, number]];

/** Metres east/north around the mean latitude (equirectangular; fine over a city). */
function projector(points: LatLng[], width: number, height: number) {
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const metres = (p: LatLng) => ({ x: p.lng * 111_320 * k, y: p.lat * 110_574 });
  const all = points.map(metres);
  const [minX, maxX] = [Math.min(...all.map((m) => m.x)), Math.max(...all.map((m) => m.x))];
  const [minY, maxY] = [Math.min(...all.map((m) => m.y)), Math.max(...all.map((m) => m.y))];
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const scale = Math.min(
    innerW / Math.max(maxX - minX, MIN_SPAN_M),
    innerH / Math.max(maxY - minY, MIN_SPAN_M),
  );
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const project = (p: LatLng): Pixel => {
    const m = metres(p);
    return {
      x: PAD.left + innerW / 2 + (m.x - centre.x) * scale,
      y: PAD.top + innerH / 2 - (m.y - centre.y) * scale,
    };
  };
  return { project, pxPerMetre: scale };
}

/** Markers drawn where another already is are set beside it, so every number stays readable. */
function spreadMarkers(pixels: Pixel[]): Pixel[] {
  const out: Pixel[] = [];
  for (const p of pixels) {
    let spot = p;
    for (
      let i = 0;
      out.some((q) => Math.hypot(q.x - spot.x, q.y - spot.y) < STOP.radius * 2) && i < 24;
      i++
    ) {
      const angle = (i * Math.PI) / 3;
      const ring = STOP.radius * 2 * (1 + Math.floor(i / 6));
      spot = { x: p.x + ring * Math.cos(angle), y: p.y + ring * Math.sin(angle) };
    }
    out.push(spot);
  }
  return out;
}

/** A round length near a fifth of the width, for the scale bar. */
function scaleBar(pxPerMetre: number, width: number): { metres: number; px: number } {
  const target = width / 5 / pxPerMetre;
  const metres = SCALE_STEPS_M.reduce((best, m) =>
    Math.abs(m - target) < Math.abs(best - target) ? m : best,
  );
  return { metres, px: metres * pxPerMetre };
}

const scaleText = (metres: number) => (metres < 1000 ? `${metres}米` : `${metres / 1000}公里`);

const shortName = (name: string) =>
  [...name].length > NAME_CHARS ? `${[...name].slice(0, NAME_CHARS).join('')}…` : name;

function stopLines(stop: RouteStopView): string[] {
  return [
    `${stop.order}. ${shortName(stop.customerName)}`,
    `${stop.arrival} 到 · ${stayText(stop.minutesOnSite)}`,
    ...(stop.offSite && stop.distanceM !== null ? [`异地：距客户${formatDistance(stop.distanceM)}`] : []),
  ];
}

/** Segment from `a` to `b` shortened by the marker radius at both ends, so the arrow head shows. */
function between(a: Pixel, b: Pixel): Segment | null {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length <= STOP.radius * 2 + 4) return null;
  const ux = (b.x - a.x) / length;
  const uy = (b.y - a.y) / length;
  return [
    [a.x + ux * STOP.radius, a.y + uy * STOP.radius],
    [b.x - ux * (STOP.radius + 1), b.y - uy * (STOP.radius + 1)],
  ];
}

export function buildRouteMapChart(day: RouteDayView, title: string, width: number): ReportChart {
  // One stop needs no city-wide canvas: a short strip keeps it from floating in an empty frame.
  const height = day.stops.length === 1 ? 220 : Math.max(300, Math.round(width * 0.62));
  if (day.stops.length === 0) return { title, height: 160, option: emptyChartOption('这一天没有拜访记录') };
  const farCustomers = day.stops.filter((s) => s.offSite && s.customer !== null);
  const { project, pxPerMetre } = projector(
    [...day.stops.map((s) => s.checkIn), ...farCustomers.map((s) => s.customer as LatLng)],
    width,
    height,
  );
  const stops = spreadMarkers(day.stops.map((s) => project(s.checkIn)));
  const customers = farCustomers.map((s) => ({ stop: s, at: project(s.customer as LatLng) }));
  const labelled = [
    ...day.stops.map((s, i) => ({ ...(stops[i] as Pixel), lines: stopLines(s), far: s.offSite })),
    ...customers.map((c) => ({ ...c.at, lines: [`客户：${shortName(c.stop.customerName)}`], far: false })),
  ].map((l) => ({ ...l, size: labelSize(l.lines, FONT_SIZE) }));
  const routeSegments = stops.slice(1).flatMap((b, i) => {
    const segment = between(stops[i] as Pixel, b);
    return segment ? [{ coords: segment }] : [];
  });
  const xy = (p: Pixel): [number, number] => [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  const farLinks = customers.map((c) => ({
    coords: [xy(stops[day.stops.indexOf(c.stop)] as Pixel), xy(c.at)] as Segment,
  }));
  // Labels keep off the drawn lines too, so a line never runs through a label's text.
  const spots = placeLabels(
    labelled,
    { width, height: height - PAD.bottom + 20 },
    STOP.radius,
    LABEL_DISTANCE,
    [...routeSegments, ...farLinks].map((line) => line.coords),
  );
  const bar = scaleBar(pxPerMetre, width);
  const barY = height - 18;

  return {
    title,
    height,
    option: {
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: { type: 'value', min: 0, max: width, show: false },
      yAxis: { type: 'value', min: 0, max: height, inverse: true, show: false },
      backgroundColor: '#f7f9fc',
      series: [
        {
          type: 'lines',
          coordinateSystem: 'cartesian2d',
          data: routeSegments,
          symbol: ['none', 'arrow'],
          symbolSize: 9,
          lineStyle: { color: COLORS.primary, width: 2, opacity: 0.7 },
          z: 1,
        },
        {
          type: 'lines',
          coordinateSystem: 'cartesian2d',
          data: farLinks,
          lineStyle: { color: STOP.far, width: 1.5, type: 'dashed' },
          z: 1,
        },
        {
          type: 'scatter',
          data: customers.map((c) => xy(c.at)),
          symbol: 'rect',
          symbolSize: 10,
          itemStyle: { color: CUSTOMER_COLOR },
          z: 2,
        },
        {
          type: 'scatter',
          data: day.stops.map((s, i) => ({
            value: xy(stops[i] as Pixel),
            itemStyle: { color: s.offSite ? STOP.far : STOP.color },
            label: { formatter: String(s.order) },
          })),
          symbolSize: STOP.radius * 2,
          label: { show: true, position: 'inside', color: '#ffffff', fontSize: 12, fontWeight: 'bold' },
          z: 3,
        },
        {
          type: 'scatter',
          data: labelled.map((l, i) => {
            const spot = spots[i] as (typeof spots)[number];
            return {
              value: xy(l),
              label: {
                show: true,
                position: spot.position,
                distance: LABEL_DISTANCE,
                offset: spot.offset,
                formatter: l.lines.join('\n'),
                color: l.far ? STOP.far : '#1f2d3d',
              },
            };
          }),
          symbolSize: 0,
          label: {
            fontSize: FONT_SIZE,
            lineHeight: 16,
            backgroundColor: 'rgba(255,255,255,0.9)',
            borderColor: '#d5dbe5',
            borderWidth: 1,
            borderRadius: 3,
            padding: [1, 3],
          },
          z: 4,
        },
        {
          type: 'lines',
          coordinateSystem: 'cartesian2d',
          data: [
            {
              coords: [
                [16, barY],
                [16 + bar.px, barY],
              ],
            },
            {
              coords: [
                [16, barY - 5],
                [16, barY],
              ],
            },
            {
              coords: [
                [16 + bar.px, barY - 5],
                [16 + bar.px, barY],
              ],
            },
          ],
          lineStyle: { color: COLORS.line, width: 2 },
          z: 5,
        },
        {
          type: 'scatter',
          data: [
            {
              value: [16 + bar.px / 2, barY],
              label: {
                show: true,
                position: 'top',
                formatter: scaleText(bar.metres),
                color: COLORS.line,
              },
            },
            {
              value: [width - 18, 22],
              symbol: 'arrow',
              symbolSize: [10, 14],
              itemStyle: { color: COLORS.line },
              label: { show: true, position: 'bottom', formatter: '北', color: COLORS.line },
            },
          ],
          symbolSize: 0,
          z: 5,
        },
      ],
    },
  };
}
