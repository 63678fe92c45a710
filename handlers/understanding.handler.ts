import {
  buildCommandOfferCard,
  fitsOfferCard,
  closedCommandOfferCard,
  offerTapOf,
} from '../cards/command-offer.card';
import { DomainError } from '../domain/errors';
import { COMMAND_OFFER_TTL_MS } from '../domain/messages/command-offer';
import { localDateOf, localTimeOf } from '../domain/attendance/calendar';
import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import { cardIdFor } from './card-ids';
import { replaceTappedCard } from './card-reply';
import { commandByKey } from './command-registry';
import type { Handler, HandlerContext, HandlerResult } from './context';
import { unknownTextHandler } from './fallback.handler';
import { readSentence, type Moment } from './understand';

export function momentOf(ctx: HandlerContext): Moment {
  return {
    today: localDateOf(ctx.now, ctx.timeZone),
    hour: Number(localTimeOf(ctx.now, ctx.timeZone).slice(0, 2)),
    role: ctx.user.role,
  };
}

/** The commands a newcomer needs first, for a greeting. */
const FIRST_COMMANDS = ['checkIn', 'checkOut', 'visit', 'leave', 'dailyReport', 'myPerformance'];

function greeting(): Reply {
  const usages = FIRST_COMMANDS.map((key) => commandByKey(key)?.usage).filter((u) => u !== undefined);
  return {
    kind: 'text',
    text: `你好！我是外勤助手，常用的有：${usages.join(' · ')}。也可以直接说「明天上午去华为拜访」，我会先让你确认。发送「帮助」查看全部命令。`,
  };
}

/**
 * A sentence that is no command: a greeting gets the first commands; a sentence the rules read, a
 * command run together with its arguments, or a near-miss word gets a card to confirm; nothing is
 * recorded before the user taps 是.
 */
export const sentenceHandler: Handler<'text'> = async (event, ctx) => {
  const understood = readSentence(event.text, momentOf(ctx));
  switch (understood.kind) {
    case 'greeting':
      return greeting();
    case 'reason':
      return { kind: 'text', text: understood.text };
    case 'offer': {
      const options = understood.options.map((o) => o.text).filter(fitsOfferCard);
      if (options.length === 0) return unknownTextHandler(event, ctx);
      const offerId = await ctx.stores.commandOffers.save(ctx.user.tenantId, ctx.user.id, {
        options,
        createdAt: ctx.now,
      });
      const card = buildCommandOfferCard({
        cardId: cardIdFor('offer', event),
        offerId,
        options,
        fromSentence: understood.fromSentence,
      });
      return { kind: 'card', card };
    }
    case 'none':
    case 'command':
      return unknownTextHandler(event, ctx);
  }
};

/**
 * A tap on an offer card takes the offer once (a double tap, or 是 then 不是, runs nothing twice): 是 runs the
 * command it holds as if typed; 不是 closes the card.
 */
export function commandOfferCardHandler(
  rerun: (event: InboundEventOf<'text'>, ctx: HandlerContext) => Promise<HandlerResult>,
): Handler<'card_action'> {
  return async (event, ctx) => {
    const tap = offerTapOf(event.actionKey);
    if (!tap) throw new DomainError('offer.expired');
    const offer = await ctx.stores.commandOffers.take(ctx.user.tenantId, ctx.user.id, tap.offerId, ctx.now);
    if (!offer) throw new DomainError('offer.used');
    if (ctx.now.getTime() - offer.createdAt.getTime() > COMMAND_OFFER_TTL_MS)
      throw new DomainError('offer.expired');
    if (tap.option === null)
      return [
        replaceTappedCard(event, ctx, closedCommandOfferCard(event.cardId, '已取消', '不是')),
        { kind: 'text', text: '好的，没有执行。请按正确的说法重新发送，或发送「帮助」查看可用命令。' },
      ];
    const text = offer.options[tap.option];
    if (text === undefined) throw new DomainError('card.unknown_action');
    const { tenantId, platform, userId, msgId, receivedAt } = event;
    const closed = replaceTappedCard(event, ctx, closedCommandOfferCard(event.cardId, text, '已确认'));
    const result = await rerun({ tenantId, platform, userId, msgId, receivedAt, kind: 'text', text }, ctx);
    return [closed, ...(result === undefined ? [] : Array.isArray(result) ? result : [result])];
  };
}
