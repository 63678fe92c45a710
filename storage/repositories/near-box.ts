import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { boundingBox, type LatLng } from '../../domain/geo/distance';
import { gridCellRanges } from '../../domain/geo/grid-cell';

/**
 * Narrows a customers query to the box around `center`: first by grid cells (domain/geo/grid-cell.ts; one
 * range per row on the `(tenant_id, geo_cell, lat, lng)` index), then by the exact lat/lng box, so the rows
 * are the same as the box alone gives, read through an index that narrows on both axes.
 */
export function whereNear<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  center: LatLng,
  radiusM: number,
): SelectQueryBuilder<T> {
  const box = boundingBox(center, radiusM);
  const ranges = gridCellRanges(box);
  if (ranges)
    qb.andWhere(
      new Brackets((q) =>
        ranges.forEach(([from, to], i) =>
          q.orWhere(`${alias}.geoCell BETWEEN :cellFrom${i} AND :cellTo${i}`, {
            [`cellFrom${i}`]: from,
            [`cellTo${i}`]: to,
          }),
        ),
      ),
    );
  return qb
    .andWhere(`${alias}.lat BETWEEN :minLat AND :maxLat`, box)
    .andWhere(`${alias}.lng BETWEEN :minLng AND :maxLng`, box);
}
