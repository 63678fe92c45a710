import { boundingBox, distanceMeters, formatDistance, nearestWithin } from '../../../domain/geo/distance';

const office = { lat: 22.5431, lng: 114.0579 };

describe('distanceMeters', () => {
  it('is zero for the same point', () => {
    expect(distanceMeters(office, office)).toBe(0);
  });

  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceMeters({ lat: 22, lng: 114 }, { lat: 23, lng: 114 })).toBeCloseTo(111_195, -2);
  });

  it('measures Shenzhen office to Guangzhou as about 104 km', () => {
    expect(distanceMeters(office, { lat: 23.1291, lng: 113.2644 }) / 1000).toBeCloseTo(104, 0);
  });

  it('is symmetric', () => {
    const other = { lat: 22.6543, lng: 114.0612 };
    expect(distanceMeters(office, other)).toBeCloseTo(distanceMeters(other, office), 6);
  });
});

describe('boundingBox', () => {
  it('contains every point at the radius in each direction', () => {
    const box = boundingBox(office, 500);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      const p = {
        lat: office.lat + (499 / 111_195) * Math.cos(rad),
        lng: office.lng + ((499 / 111_195) * Math.sin(rad)) / Math.cos((office.lat * Math.PI) / 180),
      };
      expect(distanceMeters(office, p)).toBeLessThanOrEqual(500);
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
  });
});

describe('nearestWithin', () => {
  const places = [
    { name: 'far', lat: 22.56, lng: 114.0579 },
    { name: 'near', lat: 22.5435, lng: 114.0579 },
    { name: 'middle', lat: 22.545, lng: 114.0579 },
  ];

  it('keeps only points inside the radius, nearest first, up to the limit', () => {
    const ranked = nearestWithin(office, places, 500, 5);
    expect(ranked.map((r) => r.item.name)).toEqual(['near', 'middle']);
    expect(ranked[0]?.distanceM).toBeCloseTo(44.5, 0);
    expect(nearestWithin(office, places, 5000, 1).map((r) => r.item.name)).toEqual(['near']);
  });
});

describe('formatDistance', () => {
  it('reads metres under a kilometre and kilometres with one decimal above', () => {
    expect(formatDistance(120.4)).toBe('120米');
    expect(formatDistance(1340)).toBe('1.3公里');
  });
});
