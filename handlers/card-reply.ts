import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Card, Reply } from '../domain/messages/reply';
import type { HandlerContext } from './context';

/**
 * The answer to a tap: the tapped card replaced in place. Where cards are edited only with the tap's
 * single-use update token (WeCom) and there is none, the new state goes out as a new card, with a new id
 * (WeCom requires task_ids unique per app).
 */
export function replaceTappedCard(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  card: Card,
): Reply {
  if (!ctx.capabilities.editsOthersCards && !event.updateToken)
    return { kind: 'card', card: { ...card, id: `${card.id}-done` } };
  return { kind: 'card_update', card, updateToken: event.updateToken };
}
