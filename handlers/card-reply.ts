import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Card, Reply } from '../domain/messages/reply';
import type { HandlerContext } from './context';

/**
 * The answer to a tap: the tapped card replaced in place. WeCom allows that only with the tap's single-use
 * update token; without one, the new state goes out as a new card (with a new task_id, as WeCom requires
 * them unique per app).
 */
export function replaceTappedCard(
  event: InboundEventOf<'card_action'>,
  ctx: HandlerContext,
  card: Card,
): Reply {
  if (ctx.user.platform === 'wecom' && !event.updateToken)
    return { kind: 'card', card: { ...card, id: `${card.id}-done` } };
  return { kind: 'card_update', card, updateToken: event.updateToken };
}
