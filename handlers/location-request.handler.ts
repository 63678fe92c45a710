import { buildLocationRequestCard } from '../cards/location-request.card';
import { cardIdFor } from './card-ids';
import type { Handler } from './context';

/** 签到 / 签退 / 定位 typed as text: a punch needs a location first, so ask for one. */
export const locationRequestHandler: Handler<'text'> = async (event, ctx) => {
  const command = event.text.trim().split(/\s+/)[0] ?? '定位';
  return {
    kind: 'card',
    card: buildLocationRequestCard({ cardId: cardIdFor('locreq', event), command, locationPageUrl: ctx.links.locationPage() }),
  };
};
