import { distanceLabel } from '../../cards/visit.card';
import { buildVisitLocationRequestCard } from '../../cards/visit-step.card';
import type { FieldCustomer } from '../../domain/field/customer-pool';
import { decideCheckIn, type VisitFix } from '../../domain/field/visit';
import type { VisitKind } from '../../domain/field/visit-purpose';
import { DomainError } from '../../domain/errors';
import { distanceMeters, formatDistance } from '../../domain/geo/distance';
import { isChosenPoint } from '../../domain/geo/location-source';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { cardIdFor } from '../card-ids';
import type { HandlerContext } from '../context';
import { trustOf, visitCardReply } from './check-out';

/** A position shared this recently counts as where the rep is now for 拜访 <客户>. */
export const FRESH_POSITION_MS = 10 * 60_000;
/** A 拜访 <客户> waits this long for the position it asked for. */
export const VISIT_REQUEST_TTL_MS = 30 * 60_000;

type CardSeed = Pick<InboundEvent, 'tenantId' | 'msgId'>;

/**
 * Checks the rep in at the customer from `fix`: the distance is recorded; beyond the tenant's radius it
 * is an 异地拜访 (recorded, or refused when the tenant says so); one open visit per rep. Where the position
 * came from and its anti-cheat flags are kept with the visit. The answer is the visit card, asking for
 * the purpose and customer type when the command did not name them.
 */
export async function checkInVisit(
  ctx: HandlerContext,
  customer: FieldCustomer,
  fix: VisitFix,
  kind: VisitKind,
  seed: CardSeed,
): Promise<Reply> {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  const distanceM =
    customer.lat === null || customer.lng === null
      ? null
      : distanceMeters(fix, { lat: customer.lat, lng: customer.lng });
  const decision = decideCheckIn({
    open,
    distanceM,
    source: fix.source,
    customerName: customer.name,
    settings,
  });
  const trust = await trustOf(ctx, fix);
  const visit = await ctx.stores.visits.open({
    tenantId,
    userId,
    customerId: customer.id,
    startedAt: ctx.now,
    point: { lat: fix.lat, lng: fix.lng },
    ...decision,
    ...kind,
    trust,
  });
  if (!visit) throw new DomainError('visit.already_open', { customer: customer.name });
  ctx.log.info(
    { visitId: visit.id, customerId: customer.id, distanceM, offSite: decision.offSite, flags: trust.flags },
    'visit checked in',
  );
  const where = decision.offSite
    ? `异地拜访：距客户${formatDistance(distanceM ?? 0)}（拜访范围${settings.radiusM}米）`
    : distanceLabel(visit);
  return visitCardReply(ctx, visit, seed, `已签到拜访「${customer.name}」`, where);
}

/**
 * 拜访 <客户> [目的] [类别] (or its choose card): checks in at once from a position shared in the last
 * 10 minutes; otherwise asks for the position, and the next one shared within 30 minutes checks in.
 */
export async function startVisit(
  ctx: HandlerContext,
  customer: FieldCustomer,
  kind: VisitKind,
  event: CardSeed,
): Promise<Reply> {
  const { tenantId, id: userId } = ctx.user;
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  if (open) throw new DomainError('visit.already_open', { customer: open.customerName });
  const position = await ctx.stores.visitRequests.latestPositionSince(
    tenantId,
    userId,
    new Date(ctx.now.getTime() - FRESH_POSITION_MS),
  );
  // A picked point the tenant does not accept is passed over: the request card offers the device fix.
  const { allowPickedPoint } = await ctx.stores.visitSettings.read(tenantId);
  if (position && (allowPickedPoint || !isChosenPoint(position.source)))
    return checkInVisit(ctx, customer, position, kind, event);
  await ctx.stores.visitRequests.save(tenantId, userId, customer.id, ctx.now, kind);
  return {
    kind: 'card',
    card: buildVisitLocationRequestCard({
      cardId: cardIdFor('visitreq', event),
      customerName: customer.name,
      sharesLocationInChat: ctx.capabilities.sharesLocationInChat,
      locationPageUrl: ctx.links.locationPage(),
    }),
  };
}
