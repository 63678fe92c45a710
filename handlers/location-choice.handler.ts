import {
  buildLocationDecidedCard,
  locationActionSchema,
  type LocationAction,
} from '../cards/location-next-step.card';
import { DomainError } from '../domain/errors';
import type { FieldCustomer } from '../domain/field/customer-pool';
import { isShareExpired, LOCATION_CHOICE_LABELS, type LocationShare } from '../domain/field/location-share';
import { distanceMeters } from '../domain/geo/distance';
import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import { punchFromShare } from './attendance/punch-from-share';
import { replaceTappedCard } from './card-reply';
import type { HandlerContext } from './context';
import { checkInVisit } from './visit/check-in';
import { fieldScopeOf } from './visit/field-scope';

/**
 * A tap on the location card records the rep's choice once. A second tap (double tap, or the platform
 * re-delivering the event) changes nothing and says what was recorded.
 */
export async function locationChoiceHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply | Reply[]> {
  const parsed = locationActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const action = parsed.data;
  const { tenantId, id: userId } = ctx.user;

  const share = await ctx.stores.locationShares.findOwn(tenantId, userId, action.shareId);
  if (!share) throw new DomainError('location.share_not_found');
  if (share.choice)
    throw new DomainError('location.already_chosen', { choice: LOCATION_CHOICE_LABELS[share.choice.action] });
  if (isShareExpired(share, ctx.now)) throw new DomainError('location.share_expired');

  if (action.choice !== 'visit') {
    const result = await punchFromShare(ctx, share, action.choice);
    const replaced = replaceTappedCard(event, ctx, result);
    // Where an update only greys the buttons to 「已上班签到」 (WeCom), the result itself (迟到, 外勤, anti-cheat
    // flags) follows as a message, so the rep sees it.
    return !ctx.capabilities.updatedCardsShowDetail && replaced.kind === 'card_update'
      ? [replaced, { kind: 'card', card: result }]
      : replaced;
  }

  const customer =
    action.customerId === null ? null : await findNearbyCustomer(ctx, share, action.customerId);
  // The visit is checked in first: a refusal (a visit still open, 异地 not allowed) leaves the card usable.
  const checkedIn = customer
    ? await checkInVisit(ctx, customer, share, { purpose: null, customerType: null }, event)
    : null;
  const recorded = await ctx.stores.locationShares.recordChoice(
    tenantId,
    share.id,
    action.choice,
    action.customerId,
    ctx.now,
  );
  if (!recorded)
    throw new DomainError('location.already_chosen', { choice: LOCATION_CHOICE_LABELS[action.choice] });

  ctx.log.info(
    { shareId: share.id, choice: action.choice, customerId: action.customerId },
    'location choice recorded',
  );
  const decided = decidedCardReply(event, ctx, share, action, customer);
  return checkedIn ? [decided, checkedIn] : [decided];
}

/** The tapped customer, if the tapper may visit it and it is within the radius the card was built with. */
async function findNearbyCustomer(
  ctx: HandlerContext,
  share: LocationShare,
  customerId: number,
): Promise<FieldCustomer> {
  const { tenantId } = ctx.user;
  const customer = await ctx.stores.customerPool.findInScope(tenantId, customerId, await fieldScopeOf(ctx));
  const { radiusM } = await ctx.stores.visitSettings.read(tenantId);
  if (
    !customer ||
    customer.lat === null ||
    customer.lng === null ||
    distanceMeters(share, { lat: customer.lat, lng: customer.lng }) > radiusM
  ) {
    throw new DomainError('location.customer_not_nearby', { customer: customer?.name ?? String(customerId) });
  }
  return customer;
}

function decidedCardReply(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  share: LocationShare,
  action: LocationAction,
  customer: FieldCustomer | null,
): Reply {
  return replaceTappedCard(
    event,
    ctx,
    buildLocationDecidedCard({ share, action, customer, decidedAt: ctx.now, timeZone: ctx.timeZone }),
  );
}
