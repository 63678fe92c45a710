import { buildVisitLocationRequestCard, distanceLabel } from '../../cards/visit.card';
import type { FieldCustomer } from '../../domain/field/customer-pool';
import { decideCheckIn } from '../../domain/field/visit';
import { DomainError } from '../../domain/errors';
import { distanceMeters, formatDistance, type LatLng } from '../../domain/geo/distance';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { cardIdFor } from '../card-ids';
import type { HandlerContext } from '../context';

/** A position shared this recently counts as where the rep is now for 拜访 <客户>. */
export const FRESH_POSITION_MS = 10 * 60_000;
/** A 拜访 <客户> waits this long for the position it asked for. */
export const VISIT_REQUEST_TTL_MS = 30 * 60_000;

/**
 * Checks the rep in at the customer from `point`: the distance is recorded; beyond the tenant's radius it
 * is an 异地拜访 (recorded, or refused when the tenant says so); one open visit per rep.
 */
export async function checkInVisit(
  ctx: HandlerContext,
  customer: FieldCustomer,
  point: LatLng,
): Promise<Reply> {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  const distanceM =
    customer.lat === null || customer.lng === null
      ? null
      : distanceMeters(point, { lat: customer.lat, lng: customer.lng });
  const decision = decideCheckIn({ open, distanceM, settings });
  const visit = await ctx.stores.visits.open({
    tenantId,
    userId,
    customerId: customer.id,
    startedAt: ctx.now,
    point: { lat: point.lat, lng: point.lng },
    ...decision,
  });
  if (!visit) throw new DomainError('visit.already_open', { customer: customer.name });
  ctx.log.info(
    { visitId: visit.id, customerId: customer.id, distanceM, offSite: decision.offSite },
    'visit checked in',
  );
  const where = decision.offSite
    ? `，记为异地拜访：距客户${formatDistance(distanceM ?? 0)}（拜访范围${settings.radiusM}米）`
    : `（${distanceLabel(visit)}）`;
  return {
    kind: 'text',
    text: `已签到拜访「${customer.name}」${where}。\n现在发送的照片和文字会记入这次拜访；结束时发送「结束拜访 <备注>」。`,
  };
}

/**
 * 拜访 <客户> (or its choose card): checks in at once from a position shared in the last 10 minutes;
 * otherwise asks for the position, and the next one shared within 30 minutes checks in.
 */
export async function startVisit(
  ctx: HandlerContext,
  customer: FieldCustomer,
  event: Pick<InboundEvent, 'tenantId' | 'msgId'>,
): Promise<Reply> {
  const { tenantId, id: userId } = ctx.user;
  const open = await ctx.stores.visits.findOpen(tenantId, userId);
  if (open) throw new DomainError('visit.already_open', { customer: open.customerName });
  const position = await ctx.stores.visitRequests.latestPositionSince(
    tenantId,
    userId,
    new Date(ctx.now.getTime() - FRESH_POSITION_MS),
  );
  if (position) return checkInVisit(ctx, customer, position);
  await ctx.stores.visitRequests.save(tenantId, userId, customer.id, ctx.now);
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
