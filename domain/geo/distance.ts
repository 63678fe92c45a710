export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8; // IUGG mean radius

/** Great-circle distance in metres (haversine); accurate to well under 0.5 % at field-visit distances. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lat/lng box that contains every point within `radiusM` of `center`: a cheap index prefilter. */
export function boundingBox(
  center: LatLng,
  radiusM: number,
): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const cosLat = Math.max(Math.cos((center.lat * Math.PI) / 180), 1e-6);
  const dLng = dLat / cosLat;
  return {
    minLat: center.lat - dLat,
    maxLat: center.lat + dLat,
    minLng: center.lng - dLng,
    maxLng: center.lng + dLng,
  };
}

export interface Ranked<T> {
  item: T;
  distanceM: number;
}

/** The items within `radiusM` of `origin`, nearest first, at most `limit`. */
export function nearestWithin<T extends LatLng>(
  origin: LatLng,
  items: readonly T[],
  radiusM: number,
  limit: number,
): Ranked<T>[] {
  return items
    .map((item) => ({ item, distanceM: distanceMeters(origin, item) }))
    .filter((r) => r.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, limit);
}

/** 「120米」 / 「1.3公里」 — how distances read in the chat. */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)}米` : `${(meters / 1000).toFixed(1)}公里`;
}
