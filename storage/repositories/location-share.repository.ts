import { readLocationSource } from '../../domain/geo/location-source';
import { IsNull, LessThan, Not, type EntityManager } from 'typeorm';

/** The devices of this many latest page positions are the person's usual ones. */
const USUAL_DEVICE_WINDOW = 30;
import {
  isLocationChoice,
  type LocationChoice,
  type LocationShare,
  type LocationShareStore,
} from '../../domain/field/location-share';
import { LocationShareEntity, type LocationShareRow } from '../entities/location-share.entity';

export type NewLocationShare = Omit<LocationShare, 'id' | 'choice'>;

export class LocationShareRepository implements LocationShareStore {
  constructor(private readonly manager: EntityManager) {}

  async create(share: NewLocationShare): Promise<LocationShare> {
    const result = await this.manager.insert(LocationShareEntity, {
      ...share,
      chosenAction: null,
      chosenCustomerId: null,
      chosenAt: null,
    });
    const id = Number(result.identifiers[0]?.id);
    return { ...share, id, choice: null };
  }

  /** Scoped to the tenant and the user: nobody acts on another rep's location. */
  async findOwn(tenantId: string, userId: number, id: number): Promise<LocationShare | null> {
    const row = await this.manager.findOneBy(LocationShareEntity, { tenantId, userId, id });
    return row ? toShare(row) : null;
  }

  async usualDevices(tenantId: string, userId: number, before: Date): Promise<string[]> {
    const rows = await this.manager.find(LocationShareEntity, {
      where: { tenantId, userId, deviceId: Not(IsNull()), sharedAt: LessThan(before) },
      order: { sharedAt: 'DESC', id: 'DESC' },
      select: { deviceId: true },
      take: USUAL_DEVICE_WINDOW,
    });
    return [...new Set(rows.flatMap((r) => (r.deviceId ? [r.deviceId] : [])))];
  }

  /** Records the first choice only; false when one was already recorded (a double tap). */
  async recordChoice(
    tenantId: string,
    id: number,
    action: LocationChoice,
    customerId: number | null,
    at: Date,
  ): Promise<boolean> {
    const result = await this.manager.update(
      LocationShareEntity,
      { tenantId, id, chosenAction: IsNull() },
      { chosenAction: action, chosenCustomerId: customerId, chosenAt: at },
    );
    return result.affected === 1;
  }
}

function toShare(row: LocationShareRow): LocationShare {
  const action = row.chosenAction;
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    lat: row.lat,
    lng: row.lng,
    label: row.label,
    precisionM: row.precisionM,
    source: readLocationSource(row.source),
    deviceId: row.deviceId,
    sharedAt: row.sharedAt,
    choice:
      action && isLocationChoice(action) && row.chosenAt
        ? { action, customerId: row.chosenCustomerId, at: row.chosenAt }
        : null,
  };
}
