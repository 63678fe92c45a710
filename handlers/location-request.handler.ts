import { buildLocationRequestCard } from '../cards/location-request.card';
import type { LocationIntent } from '../domain/messages/inbound-event';
import { cardIdFor } from './card-ids';
import type { Handler } from './context';

/**
 * 签到 / 签退 / 定位 typed as text: a punch needs a location first, so ask for one. The link carries what
 * the rep asked for, so the position coming back is recorded for it without another tap.
 */
export function locationRequestHandler(intent?: LocationIntent): Handler<'text'> {
  return async (event, ctx) => ({
    kind: 'card',
    card: buildLocationRequestCard({
      cardId: cardIdFor('locreq', event),
      intent,
      sharesLocationInChat: ctx.capabilities.sharesLocationInChat,
      locationPageUrl: ctx.links.locationPage(intent),
    }),
  });
}
