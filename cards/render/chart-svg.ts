import * as echarts from 'echarts';

type Travel = (
  this: unknown,
  targets: string[],
  full: string[],
  callback: (this: unknown, type: string, dependencies: string[]) => void,
  context: unknown,
) => void;
type MemoTravel = Travel & { memo?: true; original?: Travel };

/**
 * Every `setOption` walks ECharts' component types in dependency order, rebuilding the dependency graph of
 * every registered type (some 60 in the full build) each time: about a quarter of a digest chart's SSR time.
 * The order depends only on the types asked for and the types registered (both in the key), so it is
 * computed once per pair and replayed. The SVG is the same either way (tests/unit/charts/chart-svg.test.ts).
 */
export function memoizeComponentTravel(): void {
  const model = (echarts as unknown as { ComponentModel: { topologicalTravel: MemoTravel } }).ComponentModel;
  if (model.topologicalTravel.memo) return;
  const travel = model.topologicalTravel;
  const orders = new Map<string, Array<[string, string[]]>>();
  const memoized: MemoTravel = function (targets, full, callback, context) {
    const key = `${targets.join(',')}|${full.join(',')}`;
    let order = orders.get(key);
    if (!order) {
      const visited: Array<[string, string[]]> = [];
      travel.call(this, targets, full, (type, dependencies) => visited.push([type, dependencies]), undefined);
      orders.set(key, (order = visited));
    }
    for (const [type, dependencies] of order) callback.call(context, type, dependencies.slice());
  };
  memoized.memo = true;
  memoized.original = travel;
  model.topologicalTravel = memoized;
}
memoizeComponentTravel();

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
