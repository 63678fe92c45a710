import { buildDigestPage } from '../../../cards/reports/digest-page';
import { chartFigures, PHONE_CHART_WIDTH } from '../../../cards/render/chart-figures';
import type { DigestView } from '../../../domain/reports/digest';
import { funnelConversion, rankByCompletion } from '../../../domain/reports/metrics';

/** A digest with every chart, and a funnel whose first stage is empty. */
const view: DigestView = {
  title: '李四的团队简报',
  dayLabel: '今日',
  figures: [],
  exceptions: [],
  gauge: { completion: 0.08, elapsed: 5 / 31, achievedFen: 1_639_200, targetFen: 20_000_000 },
  ranking: {
    measure: '订单完成率',
    money: true,
    rows: rankByCompletion([
      { userId: 1, name: '张三', actual: 1_639_200, target: 20_000_000 },
      { userId: 2, name: '赵六', actual: 0, target: 20_383_562 },
    ]),
  },
  perRep: [
    { name: '张三', visits: 3, newCustomers: 1 },
    { name: '赵六', visits: 1, newCustomers: 0 },
  ],
  funnel: funnelConversion([
    { key: 'a', label: '初步接洽', probability: 20, count: 0, amountFen: 0 },
    { key: 'b', label: '需求确认', probability: 40, count: 3, amountFen: 80_000_000 },
    { key: 'c', label: '方案报价', probability: 60, count: 2, amountFen: 50_000_000 },
  ]),
};

describe('the digest page on a 390-px phone', () => {
  const figures = chartFigures(buildDigestPage(view));

  it('draws every chart at the width it is shown at (390 px less the page and card padding)', () => {
    expect(PHONE_CHART_WIDTH).toBe(390 - 2 * 16 - 2 * 14);
    expect(figures.map((f) => f.width)).toEqual(figures.map(() => PHONE_CHART_WIDTH));
    for (const f of figures) expect(f.svg).toContain(`width="${PHONE_CHART_WIDTH}"`);
  });

  it('keeps every label at 12 CSS px or more', () => {
    for (const f of figures) {
      const sizes = [...f.svg.matchAll(/font-size:\s*(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    }
  });

  it('leaves the empty first stage out of the funnel and gives it no conversion', () => {
    const funnel = figures.find((f) => f.title === '商机漏斗');
    expect(funnel?.svg).toContain('需求确认');
    expect(funnel?.svg).not.toContain('初步接洽');
    expect(view.funnel?.map((s) => s.conversionToNext)).toEqual([null, 2 / 5, null]);
  });
});
