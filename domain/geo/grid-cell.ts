import type { LatLng } from './distance';

/**
 * A coarse integer grid over the globe, so a nearby lookup narrows on both axes through one index: a
 * composite (tenant, lat, lng) index only narrows on lat, then reads every longitude of that band. A cell
 * is 0.01° × 0.01° (about 1.1 km × 1.0 km in southern China); its number is row × 100,000 + column, which
 * keeps the cells of one row contiguous, so a box is one integer range per row, and fits a signed 32-bit
 * column (at most 1,800,036,000).
 */
const CELLS_PER_DEGREE = 100;
const ROW_STRIDE = 100_000;
const MAX_ROW = 180 * CELLS_PER_DEGREE;
const MAX_COLUMN = 360 * CELLS_PER_DEGREE;
/** Boxes spanning more rows than this (radius ≳ 100 km) are not worth a list of ranges. */
const MAX_ROWS = 200;

const clamp = (n: number, max: number): number => Math.min(max, Math.max(0, n));
const rowOf = (lat: number): number => clamp(Math.floor((lat + 90) * CELLS_PER_DEGREE), MAX_ROW);
const columnOf = (lng: number): number => clamp(Math.floor((lng + 180) * CELLS_PER_DEGREE), MAX_COLUMN);

/** The cell a point lies in; written with the point, never edited alone. */
export function gridCellOf(point: LatLng): number {
  return rowOf(point.lat) * ROW_STRIDE + columnOf(point.lng);
}

/** The cell of a point that may be missing (customers without coordinates have no cell). */
export function gridCellOrNull(
  lat: number | null | undefined,
  lng: number | null | undefined,
): number | null {
  return lat === null || lat === undefined || lng === null || lng === undefined
    ? null
    : gridCellOf({ lat, lng });
}

/**
 * Inclusive cell ranges, one per grid row, covering every cell the box touches; null when the box is too
 * large for ranges to help (the caller then filters on the box alone). A box crossing the antimeridian is
 * clamped, as the lat/lng box it complements is.
 */
export function gridCellRanges(box: {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}): Array<[number, number]> | null {
  const firstRow = rowOf(box.minLat);
  const lastRow = rowOf(box.maxLat);
  if (lastRow - firstRow + 1 > MAX_ROWS) return null;
  const fromColumn = columnOf(box.minLng);
  const toColumn = columnOf(box.maxLng);
  const ranges: Array<[number, number]> = [];
  for (let row = firstRow; row <= lastRow; row++)
    ranges.push([row * ROW_STRIDE + fromColumn, row * ROW_STRIDE + toColumn]);
  return ranges;
}
