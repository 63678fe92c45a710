import { matchAttendanceLocation } from '../../../domain/attendance/geofence';
import { distanceMeters } from '../../../domain/geo/distance';
import { OFFICE, northOf } from './helpers';

describe('matchAttendanceLocation', () => {
  it('is inside 100 m from the office and names it', () => {
    const match = matchAttendanceLocation(northOf(OFFICE, 100), [OFFICE]);
    expect(match?.location.name).toBe('深圳总部');
    expect(match?.inside).toBe(true);
    expect(match?.distanceM).toBeCloseTo(100, 0);
  });

  it('counts the radius edge as inside and one metre past it as outside', () => {
    const point = northOf(OFFICE, 250);
    const exact = { ...OFFICE, radiusM: distanceMeters(point, OFFICE) };
    expect(matchAttendanceLocation(point, [exact])?.inside).toBe(true);
    expect(matchAttendanceLocation(northOf(OFFICE, 301), [OFFICE])?.inside).toBe(false);
  });

  it('gives the nearest location and its distance when outside every radius', () => {
    const far = { name: '广州分部', lat: 23.1291, lng: 113.2644, radiusM: 300 };
    const match = matchAttendanceLocation(northOf(OFFICE, 1200), [far, OFFICE]);
    expect(match).toMatchObject({ inside: false, location: { name: '深圳总部' } });
    expect(match?.distanceM).toBeCloseTo(1200, -1);
  });

  it('prefers a larger site the point is inside over a nearer small one it is not', () => {
    const kiosk = { name: '门店', ...northOf(OFFICE, 600), radiusM: 50 };
    const campus = { ...OFFICE, name: '园区', radiusM: 1000 };
    const match = matchAttendanceLocation(northOf(OFFICE, 500), [kiosk, campus]);
    expect(match).toMatchObject({ inside: true, location: { name: '园区' } });
  });

  it('picks the nearest of two sites that both contain the point', () => {
    const a = { ...OFFICE, name: 'A', radiusM: 1000 };
    const b = { name: 'B', ...northOf(OFFICE, 400), radiusM: 1000 };
    expect(matchAttendanceLocation(northOf(OFFICE, 300), [a, b])?.location.name).toBe('B');
  });

  it('is null when the tenant has no location', () => {
    expect(matchAttendanceLocation(OFFICE, [])).toBeNull();
  });
});
