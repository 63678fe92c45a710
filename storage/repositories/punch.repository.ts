import { readLocationSource } from '../../domain/geo/location-source';
import { Between, In, type EntityManager } from 'typeorm';
import { ANTI_CHEAT_CODES, type AntiCheatCode, type TimedPoint } from '../../domain/attendance/anti-cheat';
import type { NewPunch, PunchStore, StoredPunch } from '../../domain/attendance/ports';
import { PunchEntity, type PunchRow } from '../entities/punch.entity';

export class PunchRepository implements PunchStore {
  constructor(private readonly manager: EntityManager) {}

  async add(punch: NewPunch): Promise<StoredPunch> {
    const { evaluation: e } = punch;
    const row: Omit<PunchRow, 'id'> = {
      tenantId: punch.tenantId,
      userId: punch.userId,
      kind: e.kind,
      workDate: e.workDate,
      punchedAt: e.at,
      lat: punch.point.lat,
      lng: punch.point.lng,
      precisionM: punch.precisionM,
      source: punch.source,
      placeName: e.place?.name ?? null,
      insideGeofence: e.place?.inside ?? false,
      isField: e.isField,
      distanceM: e.place?.distanceM ?? null,
      status: e.status,
      lateMinutes: e.lateMinutes,
      earlyMinutes: e.earlyMinutes,
      flags: e.flags.map((f) => f.code).join(','),
      locationShareId: punch.locationShareId,
      createdAt: punch.now,
    };
    const result = await this.manager.insert(PunchEntity, row);
    return toStored({ ...row, id: Number(result.identifiers[0]?.id) });
  }

  async findForUser(
    tenantId: string,
    userId: number,
    fromDate: string,
    toDate: string,
  ): Promise<StoredPunch[]> {
    return this.findForUsers(tenantId, [userId], fromDate, toDate);
  }

  async findForUsers(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<StoredPunch[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager.find(PunchEntity, {
      where: { tenantId, userId: In([...userIds]), workDate: Between(fromDate, toDate) },
      order: { punchedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toStored);
  }

  async findLatest(tenantId: string, userId: number): Promise<StoredPunch | null> {
    const row = await this.manager.findOne(PunchEntity, {
      where: { tenantId, userId },
      order: { punchedAt: 'DESC', id: 'DESC' },
    });
    return row ? toStored(row) : null;
  }

  async findLatestPoint(tenantId: string, userId: number): Promise<TimedPoint | null> {
    const punch = await this.findLatest(tenantId, userId);
    return punch ? { lat: punch.lat, lng: punch.lng, at: punch.at } : null;
  }
}

function toStored(row: PunchRow): StoredPunch {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind === 'out' ? 'out' : 'in',
    workDate: row.workDate,
    at: row.punchedAt,
    isField: row.isField,
    lat: row.lat,
    lng: row.lng,
    source: readLocationSource(row.source),
    status: row.status as StoredPunch['status'],
    lateMinutes: row.lateMinutes,
    earlyMinutes: row.earlyMinutes,
    placeName: row.placeName,
    insidePlace: row.insideGeofence,
    flags: row.flags
      .split(',')
      .filter((c): c is AntiCheatCode => (ANTI_CHEAT_CODES as readonly string[]).includes(c)),
  };
}
