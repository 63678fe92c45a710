import { buildLocationNextStepCard } from '../cards/location-next-step.card';
import { VISIT_RADIUS_M } from '../domain/field/location-share';
import { nearestWithin } from '../domain/geo/distance';
import { punchFromShare } from './attendance/punch-from-share';
import type { Handler } from './context';

/**
 * A shared location is kept, then answered with a card of next steps, nearest customers included — or,
 * when the rep already said what it is for (签到 / 签退 via the H5 link), recorded for that at once.
 */
export const locationHandler: Handler<'location'> = async (event, ctx) => {
  const { tenantId } = ctx.user;
  const share = await ctx.stores.locationShares.create({
    tenantId,
    userId: ctx.user.id,
    lat: event.lat,
    lng: event.lng,
    label: event.label ?? null,
    precisionM: event.precision ?? null,
    source: event.source,
    sharedAt: event.receivedAt,
  });
  // Passive device reports (WeCom LOCATION event on opening the app) are kept as evidence, never answered.
  if (event.passive) return;
  if (event.intent) return { kind: 'card', card: await punchFromShare(ctx, share, event.intent) };
  const candidates = await ctx.stores.customers.findNear(tenantId, share, VISIT_RADIUS_M);
  const nearby = nearestWithin(share, candidates, VISIT_RADIUS_M, 3);
  return { kind: 'card', card: buildLocationNextStepCard({ share, nearby, timeZone: ctx.timeZone }) };
};
