// A local map of the seed area drawn as SVG: no tiles or CDN (the simulator must work offline). The
// projection is equirectangular with longitude scaled by cos(latitude), good enough over a city.

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 300;
const PAD = 40;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function bounds(points) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  let minLat = Math.min(...lats),
    maxLat = Math.max(...lats);
  let minLng = Math.min(...lngs),
    maxLng = Math.max(...lngs);
  // One point (or none) still needs an area around it: about 2 km.
  if (!Number.isFinite(minLat)) [minLat, maxLat, minLng, maxLng] = [22.5, 22.7, 113.9, 114.3];
  const padLat = Math.max((maxLat - minLat) * 0.12, 0.01);
  const padLng = Math.max((maxLng - minLng) * 0.08, 0.01);
  return {
    minLat: minLat - padLat,
    maxLat: maxLat + padLat,
    minLng: minLng - padLng,
    maxLng: maxLng + padLng,
  };
}

/** Customers (labelled with their address) and places, the things worth a marker. */
export function seedPoints(seed) {
  return [
    ...seed.customers.map((c) => ({ ...c, kind: 'customer', label: c.address || c.name })),
    ...seed.places.map((p) => ({ ...p, kind: 'place', label: p.name })),
  ];
}

/** WeCom always sends an address with a location; a free click borrows the nearest known one (≤ 500 m). */
export function nearbyLabel(points, lat, lng) {
  let best;
  for (const p of points) {
    const dy = (p.lat - lat) * 111.32;
    const dx = (p.lng - lng) * 111.32 * Math.cos((lat * Math.PI) / 180);
    const km = Math.hypot(dx, dy);
    if (km <= 0.5 && (!best || km < best.km)) best = { km, label: p.label };
  }
  // Within ~30 m it is that place; further out it is only near it.
  if (!best) return '地图选点';
  return best.km <= 0.03 ? best.label : `${best.label}附近`;
}

/** Draws the map into `container`; `onPick({lat, lng, label})` fires on a click or a marker tap. */
export function createMap(container, seed, onPick) {
  const points = seedPoints(seed);
  // Drawn at the container's own width so the map fills the panel instead of leaving empty bands.
  const WIDTH = Math.max(container.clientWidth, 480);
  const b = bounds(points);
  const kx = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (WIDTH - 2 * PAD) / ((b.maxLng - b.minLng) * kx),
    (HEIGHT - 2 * PAD) / (b.maxLat - b.minLat),
  );
  const cx = WIDTH / 2,
    cy = HEIGHT / 2;
  const midLng = (b.minLng + b.maxLng) / 2,
    midLat = (b.minLat + b.maxLat) / 2;
  const project = (lat, lng) => ({ x: cx + (lng - midLng) * kx * scale, y: cy - (lat - midLat) * scale });
  const unproject = (x, y) => ({ lat: midLat - (y - cy) / scale, lng: midLng + (x - cx) / (kx * scale) });

  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'map-svg',
    height: HEIGHT,
    role: 'img',
    'aria-label': '地图',
  });
  root.append(svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'map-bg' }));

  // Grid every 0.05° with labels, so typed coordinates can be matched by eye.
  const step = 0.05;
  const topLeft = unproject(0, 0),
    bottomRight = unproject(WIDTH, HEIGHT);
  for (let lng = Math.ceil(topLeft.lng / step) * step; lng < bottomRight.lng; lng += step) {
    const { x } = project(midLat, lng);
    root.append(svg('line', { x1: x, y1: 0, x2: x, y2: HEIGHT, class: 'map-grid' }));
    root.append(svg('text', { x: x + 3, y: HEIGHT - 6, class: 'map-tick' }, `${lng.toFixed(2)}°E`));
  }
  for (let lat = Math.ceil(bottomRight.lat / step) * step; lat < topLeft.lat; lat += step) {
    const { y } = project(lat, midLng);
    root.append(svg('line', { x1: 0, y1: y, x2: WIDTH, y2: y, class: 'map-grid' }));
    root.append(svg('text', { x: 4, y: y - 3, class: 'map-tick' }, `${lat.toFixed(2)}°N`));
  }

  // Scale bar: 5 km (1° of latitude ≈ 111.32 km).
  const barPx = (5 / 111.32) * scale;
  root.append(svg('line', { x1: WIDTH - 20 - barPx, y1: 18, x2: WIDTH - 20, y2: 18, class: 'map-scale' }));
  root.append(
    svg('text', { x: WIDTH - 20 - barPx / 2, y: 32, class: 'map-tick', 'text-anchor': 'middle' }, '5 km'),
  );

  const pin = svg('g', { class: 'map-pin', visibility: 'hidden' });
  pin.append(svg('circle', { r: 14, class: 'map-pin-ring' }), svg('circle', { r: 4, class: 'map-pin-dot' }));

  for (const point of points) {
    const { x, y } = project(point.lat, point.lng);
    const marker = svg('g', {
      class: `map-marker ${point.kind}`,
      transform: `translate(${x} ${y})`,
      tabindex: 0,
    });
    marker.append(svg('title', {}, `${point.name}\n${point.lat}, ${point.lng}`));
    marker.append(
      point.kind === 'place' ? svg('rect', { x: -6, y: -6, width: 12, height: 12 }) : svg('circle', { r: 6 }),
    );
    marker.append(svg('text', { x: 9, y: 4 }, point.name));
    const pick = (event) => {
      event.stopPropagation();
      onPick({ lat: point.lat, lng: point.lng, label: point.label });
    };
    marker.addEventListener('click', pick);
    marker.addEventListener('keydown', (event) => event.key === 'Enter' && pick(event));
    root.append(marker);
  }
  root.append(pin);

  root.addEventListener('click', (event) => {
    const matrix = root.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const { lat, lng } = unproject(at.x, at.y);
    onPick({
      lat: Number(lat.toFixed(6)),
      lng: Number(lng.toFixed(6)),
      label: nearbyLabel(points, lat, lng),
    });
  });

  container.replaceChildren(root);
  return {
    /** Moves the pin; called for clicks and for typed coordinates alike. */
    showPoint(lat, lng) {
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) {
        pin.setAttribute('visibility', 'hidden');
        return;
      }
      const { x, y } = project(lat, lng);
      pin.setAttribute('transform', `translate(${x} ${y})`);
      pin.setAttribute('visibility', 'visible');
    },
  };
}
