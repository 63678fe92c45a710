/** A box in chart pixels, y downwards. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelSpot {
  /** ECharts label position relative to the point. */
  position: 'right' | 'left' | 'top' | 'bottom';
  /** Extra pixels [x, y] from that position, to step clear of earlier labels. */
  offset: [number, number];
  box: Box;
}

const LINE_HEIGHT = 16;

/** Rough pixel size of a label: CJK characters a full em, the rest about half. */
export function labelSize(lines: readonly string[], fontSize: number): { width: number; height: number } {
  const widthOf = (line: string) =>
    [...line].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x100 ? fontSize * 0.58 : fontSize), 0);
  return {
    width: Math.ceil(Math.max(0, ...lines.map(widthOf))) + 4,
    height: lines.length * LINE_HEIGHT + 4,
  };
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the segment passes through the box (sampled every few pixels: labels are far bigger). */
function crosses([[x1, y1], [x2, y2]]: [[number, number], [number, number]], b: Box): boolean {
  const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 4));
  for (let i = 0; i <= steps; i++) {
    const x = x1 + ((x2 - x1) * i) / steps;
    const y = y1 + ((y2 - y1) * i) / steps;
    if (x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height) return true;
  }
  return false;
}

function boxAt(
  point: { x: number; y: number },
  size: { width: number; height: number },
  spot: LabelSpot['position'],
  offset: [number, number],
  gap: number,
): Box {
  const [dx, dy] = offset;
  const x =
    spot === 'right'
      ? point.x + gap
      : spot === 'left'
        ? point.x - gap - size.width
        : point.x - size.width / 2;
  const y =
    spot === 'top'
      ? point.y - gap - size.height
      : spot === 'bottom'
        ? point.y + gap
        : point.y - size.height / 2;
  return { x: x + dx, y: y + dy, width: size.width, height: size.height };
}

/**
 * Where each point's label goes so that no two labels, and no label and point, overlap (greedy, in the
 * points' order): right, left, top or bottom of the point, the first that is clear and inside the area;
 * when none is, the side stepped down (or up) in line-height steps until clear. Labels that still cannot
 * be placed keep the least-overlapping spot tried.
 */
export function placeLabels(
  points: ReadonlyArray<{ x: number; y: number; size: { width: number; height: number } }>,
  area: { width: number; height: number },
  markerRadius: number,
  /** From the point to the label's near edge (ECharts' label `distance`). */
  gap: number,
  /** Lines drawn on the chart (the route): a label over one counts as a clash. */
  segments: ReadonlyArray<[[number, number], [number, number]]> = [],
): LabelSpot[] {
  const markers: Box[] = points.map((p) => ({
    x: p.x - markerRadius,
    y: p.y - markerRadius,
    width: markerRadius * 2,
    height: markerRadius * 2,
  }));
  const placed: Box[] = [];
  const inside = (b: Box) =>
    b.x >= 0 && b.y >= 0 && b.x + b.width <= area.width && b.y + b.height <= area.height;
  const clashes = (b: Box) =>
    placed.filter((p) => overlaps(p, b)).length +
    markers.filter((m) => overlaps(m, b)).length +
    segments.filter((s) => crosses(s, b)).length +
    (inside(b) ? 0 : 1);
  return points.map((point) => {
    let best: LabelSpot | null = null;
    let bestClashes = Infinity;
    outer: for (let step = 0; step <= 12; step++) {
      const shifts: Array<[number, number]> =
        step === 0
          ? [[0, 0]]
          : [
              [0, step * LINE_HEIGHT],
              [0, -step * LINE_HEIGHT],
            ];
      for (const offset of shifts)
        for (const position of ['right', 'left', 'top', 'bottom'] as const) {
          const box = boxAt(point, point.size, position, offset, gap);
          const count = clashes(box);
          if (count < bestClashes) {
            best = { position, offset, box };
            bestClashes = count;
          }
          if (count === 0) break outer;
        }
    }
    const spot = best as LabelSpot;
    placed.push(spot.box);
    return spot;
  });
}
