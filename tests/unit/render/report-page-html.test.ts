import { renderChartSvg } from '../../../cards/render/chart-svg';
import { buildFontFaceCss, REPORT_FONT_FAMILY } from '../../../cards/render/report-font';
import { buildReportBody, chartWidth, DEFAULT_LAYOUT } from '../../../cards/render/report-html';

describe('report page HTML', () => {
  it('escapes user text and lays charts out full or half width', () => {
    const html = buildReportBody(
      {
        title: '<b>华南</b> & 日报',
        subtitle: '11月22日',
        charts: [
          { title: '排行', option: {}, height: 100 },
          { title: '拜访', option: {}, height: 100, half: true },
        ],
        footnotes: ['迟到 "3" 人'],
      },
      ['<svg id="a"></svg>', '<svg id="b"></svg>'],
    );
    expect(html).toContain('<h1>&lt;b&gt;华南&lt;/b&gt; &amp; 日报</h1>');
    expect(html).toContain('<section class="card full"><h2>排行</h2><svg id="a"></svg></section>');
    expect(html).toContain('<section class="card half"><h2>拜访</h2><svg id="b"></svg></section>');
    expect(html).toContain('<li>迟到 &quot;3&quot; 人</li>');
    // 800 − 2×24 page padding − 2×12 card padding; half: (752 − 16) / 2 − 24.
    expect(chartWidth(DEFAULT_LAYOUT, false)).toBe(728);
    expect(chartWidth(DEFAULT_LAYOUT, true)).toBe(344);
  });

  it('points every font subset at the renderer under a family no system font has', () => {
    const css = buildFontFaceCss('https://fonts.test/');
    const faces = css.match(/@font-face/g) ?? [];
    const sources = css.match(/src: url\(https:\/\/fonts\.test\/noto-sans-sc-[a-z0-9-]+\.woff2\)/g) ?? [];
    expect(faces.length).toBeGreaterThan(150); // ~100 subsets for each of two weights
    expect(sources).toHaveLength(faces.length);
    expect(css).not.toContain("'Noto Sans SC'");
    expect(css).not.toContain('.woff)');
    expect(css.match(new RegExp(`font-family: '${REPORT_FONT_FAMILY}'`, 'g'))).toHaveLength(faces.length);
  });

  it('renders a chart to SVG with the report font unless the option names its own', () => {
    const option = {
      xAxis: { type: 'category', data: ['张伟'] },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: [3] }],
    };
    const svg = renderChartSvg(option, { width: 300, height: 200 }, 'ReportFont, sans-serif');
    expect(svg).toMatch(/^<svg[^>]*width="300"[^>]*height="200"/);
    expect(svg).toContain('张伟');
    expect(svg).toContain('ReportFont');
    const own = renderChartSvg(
      { ...option, textStyle: { fontFamily: 'OwnFont' } },
      { width: 300, height: 200 },
      'ReportFont',
    );
    expect(own).toContain('OwnFont');
    expect(own).not.toContain('ReportFont');
  });

  it('escapes names inside chart SVG, so a customer called <script> stays text', () => {
    const svg = renderChartSvg(
      {
        xAxis: { type: 'category', data: ['<b>王&伟</b>', '<script>x</script>'] },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: [1, 2] }],
      },
      { width: 300, height: 200 },
      'ReportFont',
    );
    expect(svg).toContain('&lt;b&gt;王&amp;伟&lt;/b&gt;');
    expect(svg).not.toContain('<script');
  });
});
