import { distanceMeters, type LatLng } from '../geo/distance';
import type { AttendanceLocation } from './settings';

export interface GeofenceMatch {
  location: AttendanceLocation;
  distanceM: number;
  /** Within the location's radius (the edge counts as inside). */
  inside: boolean;
}

/**
 * The attendance location (考勤地点) for a point: the nearest one whose radius contains it, or, outside every
 * radius, the nearest one (to tell the person how far they are). A nearer small site never hides a larger
 * site the point is inside. null when the tenant has no locations.
 */
export function matchAttendanceLocation(
  point: LatLng,
  locations: readonly AttendanceLocation[],
): GeofenceMatch | null {
  const ranked = locations
    .map((location) => {
      const distanceM = distanceMeters(point, location);
      return { location, distanceM, inside: distanceM <= location.radiusM };
    })
    .sort((a, b) => a.distanceM - b.distanceM);
  return ranked.find((m) => m.inside) ?? ranked[0] ?? null;
}
