/**
 * How a position was obtained, which decides how far it is trusted. Only the IM's own report arrives
 * through a signed callback; everything an H5 page posts is the page's claim:
 * - `im_event`: the IM client reported it itself (WeCom LOCATION event, in the signed callback);
 * - `im_sdk`: the IM's JS-SDK on our page (wx.getLocation, dd.device.geolocation.get), posted from the
 *   link's own IM webview; neither IM signs the coordinates, so this is the page's word;
 * - `browser`: the browser's geolocation, which any browser lets its user set;
 * - `map`: a point picked on a map (a WeCom location message);
 * - `typed`: coordinates typed on the page.
 */
export const LOCATION_SOURCES = ['im_event', 'im_sdk', 'browser', 'map', 'typed'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/** What the rep's card and the manager's export call each source. None of them says GPS. */
export const LOCATION_SOURCE_LABELS: Record<LocationSource, string> = {
  im_event: '企业微信上报定位',
  im_sdk: '企业微信/钉钉定位',
  browser: '浏览器定位',
  map: '地图选点',
  typed: '手动输入坐标',
};

/** A point the person chose rather than a fix of where the phone is: it can be anywhere. */
export function isChosenPoint(source: LocationSource): boolean {
  return source === 'map' || source === 'typed';
}

/**
 * A source as stored or queued. Rows and pending events written before sources were told apart say
 * `device` (an IM report, the JS-SDK or a browser, indistinguishable now: read as the least trusted) or
 * `picked` (a map point).
 */
export function readLocationSource(value: unknown): LocationSource {
  if (value === 'device') return 'browser';
  if (value === 'picked') return 'map';
  return (LOCATION_SOURCES as readonly unknown[]).includes(value) ? (value as LocationSource) : 'browser';
}
