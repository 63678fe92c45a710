import { routeDayOf, stayText, type RouteVisit } from '../../../domain/field/route-map';
import { buildRouteMapChart } from '../../../cards/charts/route-map.chart';
import { labelSize, placeLabels } from '../../../cards/charts/label-placement';

const at = (hm: string) => new Date(`2026-12-04T${hm}:00+08:00`);
const HUAWEI = { lat: 22.6543, lng: 114.0612 };

function visit(id: number, start: string, end: string | null, over: Partial<RouteVisit> = {}): RouteVisit {
  return {
    visitId: id,
    customerName: `客户${id}`,
    customer: HUAWEI,
    checkIn: HUAWEI,
    startedAt: at(start),
    endedAt: end ? at(end) : null,
    distanceM: 0,
    offSite: false,
    ...over,
  };
}

describe('a day’s route', () => {
  it('orders stops by check-in with arrival and minutes on site; an open visit has none', () => {
    const day = routeDayOf(
      [visit(2, '13:10', null, { checkIn: { lat: 22.5428, lng: 113.9553 } }), visit(1, '09:05', '10:25')],
      'Asia/Shanghai',
    );
    expect(day.stops.map((s) => [s.order, s.customerName, s.arrival, s.minutesOnSite])).toEqual([
      [1, '客户1', '09:05', 80],
      [2, '客户2', '13:10', null],
    ]);
    expect(day.minutesOnSite).toBe(80);
    expect(Math.round(day.travelM / 1000)).toBe(16);
    expect(day.stops.map((s) => stayText(s.minutesOnSite))).toEqual(['停留1小时20分', '尚未结束拜访']);
  });
});

describe('the route map chart', () => {
  it('says so instead of drawing an empty canvas', () => {
    const chart = buildRouteMapChart(routeDayOf([], 'Asia/Shanghai'), '轨迹', 728);
    expect(JSON.stringify(chart.option)).toContain('这一天没有拜访记录');
  });

  it('sets markers drawn on the same spot apart, and marks the far customer with a dashed link', () => {
    const day = routeDayOf(
      [
        visit(1, '09:00', '09:30'),
        visit(2, '11:00', '11:20'),
        visit(3, '14:00', '14:30', { offSite: true, distanceM: 2900, customer: { lat: 22.5, lng: 113.9 } }),
      ],
      'Asia/Shanghai',
    );
    const { option } = buildRouteMapChart(day, '轨迹', 728);
    const series = option.series as Array<{ type: string; data: Array<{ value?: number[] } | number[]> }>;
    const markers = (series[3]?.data as Array<{ value: number[] }>).map((d) => d.value);
    const [a, b] = markers as [number[], number[]];
    expect(Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0))).toBeGreaterThanOrEqual(21);
    expect(series[1]?.data).toHaveLength(1); // the dashed link to the far customer
    expect(JSON.stringify(option)).toContain('异地：距客户2.9公里');
  });
});

describe('label placement', () => {
  it('puts crowded labels where none overlaps another, a marker or a drawn line', () => {
    const size = labelSize(['1. 华为坂田基地', '09:05 到 · 停留40分钟'], 12);
    const points = [0, 1, 2, 3].map((i) => ({ x: 300 + i * 6, y: 200, size }));
    const spots = placeLabels(points, { width: 728, height: 450 }, 11, 15, [
      [
        [0, 230],
        [728, 230],
      ],
    ]);
    const boxes = spots.map((s) => s.box);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i], boxes[j]] as [(typeof boxes)[number], (typeof boxes)[number]];
        expect(
          p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height,
        ).toBe(false);
      }
    expect(boxes.every((b) => b.y + b.height <= 230 || b.y >= 230)).toBe(true);
  });
});
