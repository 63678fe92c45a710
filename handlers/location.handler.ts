import { buildLocationNextStepCard } from '../cards/location-next-step.card';
import type { CustomerSummary } from '../domain/field/customer';
import { nearestWithin } from '../domain/geo/distance';
import { punchFromShare } from './attendance/punch-from-share';
import type { Handler } from './context';
import { checkInVisit, VISIT_REQUEST_TTL_MS } from './visit/check-in';
import { continueCheckOut } from './visit/check-out';
import { fieldScopeOf } from './visit/field-scope';

/**
 * A shared location is kept, then answered with a card of next steps, nearest customers included — or,
 * when the rep already said what it is for (签到 / 签退 via the H5 link, 结束拜访 or 拜访 <客户> in the
 * last 30 minutes), recorded for that at once.
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
    deviceId: event.deviceId ?? null,
    sharedAt: event.receivedAt,
  });
  // Passive device reports (WeCom LOCATION event on opening the app) are kept as evidence, never answered.
  if (event.passive) return;
  if (event.intent) return { kind: 'card', card: await punchFromShare(ctx, share, event.intent) };
  const open = await ctx.stores.visits.findOpen(tenantId, ctx.user.id);
  if (open?.endRequestedAt && ctx.now.getTime() - open.endRequestedAt.getTime() <= VISIT_REQUEST_TTL_MS)
    return continueCheckOut(ctx, open, event, share);
  const scope = await fieldScopeOf(ctx);
  const requested = await ctx.stores.visitRequests.takeLatest(
    tenantId,
    ctx.user.id,
    new Date(ctx.now.getTime() - VISIT_REQUEST_TTL_MS),
    ctx.now,
  );
  const customer =
    requested === null
      ? null
      : await ctx.stores.customerPool.findInScope(tenantId, requested.customerId, scope);
  if (requested && customer) {
    const { purpose, customerType } = requested;
    const reply = await checkInVisit(ctx, customer, share, { purpose, customerType }, event);
    await ctx.stores.locationShares.recordChoice(tenantId, share.id, 'visit', customer.id, ctx.now);
    return reply;
  }
  const { radiusM } = await ctx.stores.visitSettings.read(tenantId);
  const candidates = (await ctx.stores.customerPool.findNear(tenantId, share, radiusM, scope)).flatMap(
    (c): CustomerSummary[] =>
      c.lat === null || c.lng === null
        ? []
        : [{ id: c.id, name: c.name, address: c.address, lat: c.lat, lng: c.lng }],
  );
  const nearby = nearestWithin(share, candidates, radiusM, 3);
  return {
    kind: 'card',
    card: buildLocationNextStepCard({ share, nearby, timeZone: ctx.timeZone, radiusM }),
  };
};
