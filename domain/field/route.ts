import { distanceMeters, type LatLng } from '../geo/distance';

/**
 * The day's route (拜访线路): the first stop stays first (where the rep starts), then always the nearest
 * stop not yet visited (nearest neighbour). Stops without a position keep their order at the end.
 */
export function orderRoute<T extends { lat: number | null; lng: number | null }>(stops: readonly T[]): T[] {
  const located = stops.filter((s): s is T & LatLng => s.lat !== null && s.lng !== null);
  const unlocated = stops.filter((s) => s.lat === null || s.lng === null);
  const [first, ...rest] = located;
  if (!first) return [...unlocated];
  const route: Array<T & LatLng> = [first];
  const left = [...rest];
  while (left.length > 0) {
    const here = route[route.length - 1] as LatLng;
    let best = 0;
    for (let i = 1; i < left.length; i++) {
      if (distanceMeters(here, left[i] as LatLng) < distanceMeters(here, left[best] as LatLng)) best = i;
    }
    route.push(...left.splice(best, 1));
  }
  return [...route, ...unlocated];
}

/** Total length of the route between located stops, in metres. */
export function routeLengthM(stops: ReadonlyArray<{ lat: number | null; lng: number | null }>): number {
  const located = stops.filter((s): s is LatLng => s.lat !== null && s.lng !== null);
  let total = 0;
  for (let i = 1; i < located.length; i++)
    total += distanceMeters(located[i - 1] as LatLng, located[i] as LatLng);
  return total;
}
