import { readLocationSource } from '../../domain/geo/location-source';
import { Between, In, Not, type EntityManager } from 'typeorm';
import { ANTI_CHEAT_CODES, type AntiCheatCode, type TimedPoint } from '../../domain/attendance/anti-cheat';
import type { NewMakeUpPunch, NewPunch, PunchStore, StoredPunch } from '../../domain/attendance/ports';
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
      approvalId: null,
      createdAt: punch.now,
    };
    const result = await this.manager.insert(PunchEntity, row);
    return toStored({ ...row, id: Number(result.identifiers[0]?.id) });
  }

  async addMakeUp(punch: NewMakeUpPunch): Promise<void> {
    const { tenantId, requestId } = punch;
    if (await this.manager.exists(PunchEntity, { where: { tenantId, approvalId: requestId } })) return;
    await this.manager.insert(PunchEntity, {
      tenantId,
      userId: punch.userId,
      kind: punch.kind,
      workDate: punch.workDate,
      punchedAt: punch.at,
      lat: 0,
      lng: 0,
      precisionM: null,
      source: 'makeup',
      placeName: null,
      insideGeofence: false,
      isField: false,
      distanceM: null,
      status: punch.status,
      lateMinutes: punch.lateMinutes,
      earlyMinutes: punch.earlyMinutes,
      flags: '',
      locationShareId: null,
      approvalId: requestId,
      createdAt: punch.now,
    });
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
      where: { tenantId, userId, source: Not('makeup') },
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
    source: row.source === 'makeup' ? 'makeup' : readLocationSource(row.source),
    makeUp: row.source === 'makeup',
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
