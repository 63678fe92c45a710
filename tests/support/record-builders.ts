import type { NewVisit, Visit } from '../../domain/field/visit';
import type { Platform } from '../../domain/messages/inbound-event';
import type { Role } from '../../domain/org/user';
import type { PunchRow } from '../../storage/entities/punch.entity';
import type { VisitRow } from '../../storage/entities/visit.entities';
import type { Repositories } from '../../storage/repositories';

/**
 * Records a test stores beside a seed: through the repositories where the story is what the bot would have
 * done, as entity rows where a test needs history the bot could not make (another tenant, a past month).
 */

/** A person as the roster import stores them (another tenant's, say), in no department unless given; their id. */
export async function storePerson(
  repos: Repositories,
  identity: { tenantId: string; userId: string; platform?: Platform },
  {
    name,
    role,
    at,
    departmentId = null,
  }: { name: string; role: Role; at: Date; departmentId?: number | null },
): Promise<number> {
  const who = {
    tenantId: identity.tenantId,
    platform: identity.platform ?? 'wecom',
    platformUserId: identity.userId,
  };
  await repos.users.upsertFromImport(who, { name, role, departmentId }, at);
  const stored = await repos.users.findByIdentity(who);
  if (!stored) throw new Error(`${identity.userId} was not stored`);
  return stored.id;
}

/** A customer created at `at`, owned by a user id or, with `owner: null`, released to the pool; its id. */
export async function storeCustomer(
  repos: Repositories,
  tenantId: string,
  name: string,
  { owner, at, address = '深圳' }: { owner: number | null; at: Date; address?: string },
): Promise<number> {
  const record = await repos.customers.create(
    tenantId,
    { name, address, phone: null, ownerUserId: owner ?? 0 },
    at,
  );
  if (owner === null)
    await repos.customerPool.move(tenantId, {
      customerId: record.id,
      fromUserId: 0,
      toUserId: null,
      reason: 'release',
      actorUserId: null,
      at,
    });
  return record.id;
}

/** A visit opened by the rep's check-in (off site, 订货 at an existing customer), not yet closed. */
export async function openVisit(
  repos: Repositories,
  visit: Pick<NewVisit, 'tenantId' | 'userId' | 'customerId' | 'startedAt'> & Partial<NewVisit>,
): Promise<Visit> {
  const opened = await repos.visits.open({
    point: { lat: 22.6, lng: 114.1 },
    distanceM: 1200,
    offSite: true,
    purpose: '订货',
    customerType: '原有',
    trust: { source: 'im_sdk', precisionM: 20, flags: [] },
    ...visit,
  });
  if (!opened) throw new Error('visit did not open');
  return opened;
}

/** An open visit checked out `minutes` after it started, with the rep's closing note. */
export async function closeVisit(
  repos: Repositories,
  visit: Visit,
  minutes: number,
  note: string | null = null,
): Promise<void> {
  await repos.visits.close(
    visit.tenantId,
    visit.id,
    new Date(visit.startedAt.getTime() + minutes * 60_000),
    note,
    false,
  );
}

/** A punch row as the attendance handler stores it: on time, 外勤 by the IM's position unless overridden. */
export function punchRow(
  punch: Pick<PunchRow, 'tenantId' | 'userId' | 'kind' | 'workDate' | 'punchedAt'> &
    Partial<Omit<PunchRow, 'id'>>,
): Omit<PunchRow, 'id'> {
  return {
    lat: 22.6,
    lng: 114.1,
    precisionM: 10,
    source: 'im_sdk',
    placeName: null,
    insideGeofence: false,
    isField: true,
    distanceM: null,
    status: 'normal',
    lateMinutes: 0,
    earlyMinutes: 0,
    flags: '',
    locationShareId: null,
    approvalId: null,
    createdAt: punch.punchedAt,
    ...punch,
  };
}

/** A finished visit row: on site, no note, result or next date unless given. */
export function visitRow(
  visit: Pick<VisitRow, 'tenantId' | 'userId' | 'customerId' | 'startedAt' | 'endedAt'> &
    Partial<Omit<VisitRow, 'id'>>,
): Partial<VisitRow> {
  return {
    lat: 22.6,
    lng: 114.1,
    distanceM: 50,
    offSite: false,
    autoClosed: false,
    openKey: null,
    note: null,
    result: null,
    nextVisitDate: null,
    ...visit,
  };
}
