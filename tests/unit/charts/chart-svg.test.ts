import * as echarts from 'echarts';
import { renderChartSvg } from '../../../cards/render/chart-svg';
import { sampleDigestPage, sampleWeeklyPage } from '../../../bench/sample-report-pages';

/** ECharts numbers its instances and style classes process-wide (`zr12-cls-3`); the drawing is what must match. */
const drawing = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, 'zr-cls').replace(/zr\d+-/g, 'zr-');

describe('chart SVG with the memoized component travel', () => {
  const charts = [...sampleDigestPage(12).charts, ...sampleWeeklyPage(12).charts];

  it('draws exactly what ECharts draws without it', () => {
    const memoized = charts.map((c) => renderChartSvg(c.option, { width: 700, height: c.height }, 'F'));
    type Travel = { memo?: true; original?: Travel };
    const model = (echarts as unknown as { ComponentModel: { topologicalTravel: Travel } }).ComponentModel;
    const memo = model.topologicalTravel;
    expect(memo.memo).toBe(true);
    model.topologicalTravel = memo.original as Travel; // ECharts' own walk, for comparison
    let plain: string[];
    try {
      plain = charts.map((c) => renderChartSvg(c.option, { width: 700, height: c.height }, 'F'));
    } finally {
      model.topologicalTravel = memo;
    }
    expect(memoized.map(drawing)).toEqual(plain.map(drawing));
  });
});
