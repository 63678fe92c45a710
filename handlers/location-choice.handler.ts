import {
  buildLocationDecidedCard,
  locationActionSchema,
  type LocationAction,
} from '../cards/location-next-step.card';
import { DomainError } from '../domain/errors';
import {
  isShareExpired,
  LOCATION_CHOICE_LABELS,
  VISIT_RADIUS_M,
  type LocationShare,
} from '../domain/field/location-share';
import type { CustomerSummary } from '../domain/field/customer';
import { distanceMeters } from '../domain/geo/distance';
import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import { punchFromShare } from './attendance/punch-from-share';
import { replaceTappedCard } from './card-reply';
import type { HandlerContext } from './context';

/**
 * A tap on the location card records the rep's choice once. A second tap (double tap, or the platform
 * re-delivering the event) changes nothing and says what was recorded.
 */
export async function locationChoiceHandler(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
): Promise<Reply> {
  const parsed = locationActionSchema.safeParse(event.actionKey);
  if (!parsed.success) throw new DomainError('card.unknown_action');
  const action = parsed.data;
  const { tenantId, id: userId } = ctx.user;

  const share = await ctx.stores.locationShares.findOwn(tenantId, userId, action.shareId);
  if (!share) throw new DomainError('location.share_not_found');
  if (share.choice)
    throw new DomainError('location.already_chosen', { choice: LOCATION_CHOICE_LABELS[share.choice.action] });
  if (isShareExpired(share, ctx.now)) throw new DomainError('location.share_expired');

  if (action.choice !== 'visit')
    return replaceTappedCard(event, ctx, await punchFromShare(ctx, share, action.choice));

  const customer =
    action.customerId === null ? null : await findNearbyCustomer(ctx, share, action.customerId);
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
  return decidedCardReply(event, ctx, share, action, customer);
}

async function findNearbyCustomer(
  ctx: HandlerContext,
  share: LocationShare,
  customerId: number,
): Promise<CustomerSummary> {
  const customer = await ctx.stores.customers.findById(ctx.user.tenantId, customerId);
  if (!customer || distanceMeters(share, customer) > VISIT_RADIUS_M) {
    throw new DomainError('location.customer_not_nearby', { customer: customer?.name ?? String(customerId) });
  }
  return customer;
}

function decidedCardReply(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  share: LocationShare,
  action: LocationAction,
  customer: CustomerSummary | null,
): Reply {
  return replaceTappedCard(
    event,
    ctx,
    buildLocationDecidedCard({ share, action, customer, decidedAt: ctx.now, timeZone: ctx.timeZone }),
  );
}
