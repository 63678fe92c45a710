import { buildPunchResultCard } from '../../cards/punch-result.card';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { evaluatePunch } from '../../domain/attendance/punch-evaluation';
import { rosterOn } from '../../domain/attendance/shift';
import type { LocationShare } from '../../domain/field/location-share';
import type { LocationIntent } from '../../domain/messages/inbound-event';
import type { Card } from '../../domain/messages/reply';
import type { HandlerContext } from '../context';
import { deviceOf } from '../location-device';

/**
 * Turns a shared location into a 上班/下班 punch: evaluate it against the tenant's rules, store it and mark
 * the share as used, or throw the rule's DomainError (then nothing is written and the rep can try again).
 */
export async function punchFromShare(
  ctx: HandlerContext,
  share: LocationShare,
  intent: LocationIntent,
): Promise<Card> {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  // A cross-midnight shift's punches belong to the previous work date, so read one day either side.
  const recent = await ctx.stores.punches.findForUser(
    tenantId,
    userId,
    addDays(today, -1),
    addDays(today, 1),
  );
  const roster = await ctx.stores.roster.rosterFor(tenantId, [userId], addDays(today, -2), addDays(today, 1));
  const point = { lat: share.lat, lng: share.lng, at: share.sharedAt };
  const evaluation = evaluatePunch({
    kind: intent === 'checkin_in' ? 'in' : 'out',
    at: ctx.now,
    point,
    source: share.source,
    precisionM: share.precisionM,
    settings,
    previousPoint: await ctx.stores.punches.findLatestPoint(tenantId, userId),
    device: await deviceOf(ctx, share),
    existingPunchesOfDay: recent,
    rosterOf: (workDate) => rosterOn(roster, settings.shifts, userId, workDate),
  });
  if (evaluation.decision === 'reject') throw evaluation.error;

  const punch = await ctx.stores.punches.add({
    tenantId,
    userId,
    evaluation,
    point,
    precisionM: share.precisionM,
    source: share.source,
    locationShareId: share.id,
    now: ctx.now,
  });
  await ctx.stores.locationShares.recordChoice(tenantId, share.id, intent, null, ctx.now);
  ctx.log.info(
    { punchId: punch.id, kind: punch.kind, status: punch.status, field: punch.isField, flags: punch.flags },
    'punch recorded',
  );
  return buildPunchResultCard({
    share,
    punch,
    distanceToPlaceM: evaluation.place?.distanceM ?? null,
    timeZone: settings.timeZone,
  });
}
