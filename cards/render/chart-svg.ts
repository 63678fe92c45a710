import * as echarts from 'echarts';

/**
 * One ECharts option to an SVG string, server-side (no DOM, no browser): ~ms per chart. Animation is
 * forced off (a still image must show the final state) and the report font becomes the default for all
 * text unless the option sets its own.
 */
export function renderChartSvg(
  option: Record<string, unknown>,
  size: { width: number; height: number },
  fontStack: string,
): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    const textStyle = isRecord(option.textStyle) ? option.textStyle : {};
    chart.setOption({
      ...option,
      animation: false,
      textStyle: { fontFamily: fontStack, ...textStyle },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
