import {
  buildCommandOfferCard,
  closedCommandOfferCard,
  MAX_OFFER_CHARS,
  offeredCommandText,
} from '../cards/command-offer.card';
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
      const options = understood.options.map((o) => o.text).filter((t) => [...t].length <= MAX_OFFER_CHARS);
      if (options.length === 0) return unknownTextHandler(event, ctx);
      const card = buildCommandOfferCard({
        cardId: cardIdFor('offer', event),
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

/** A tap on an offer card: 是 runs the command it carries as if typed; 不是 closes the card. */
export function commandOfferCardHandler(
  rerun: (event: InboundEventOf<'text'>, ctx: HandlerContext) => Promise<HandlerResult>,
): Handler<'card_action'> {
  return async (event, ctx) => {
    const text = offeredCommandText(event.actionKey);
    if (text === null)
      return [
        replaceTappedCard(event, ctx, closedCommandOfferCard(event.cardId, '已取消', '不是')),
        { kind: 'text', text: '好的，没有执行。请按正确的说法重新发送，或发送「帮助」查看可用命令。' },
      ];
    const { tenantId, platform, userId, msgId, receivedAt } = event;
    const closed = replaceTappedCard(event, ctx, closedCommandOfferCard(event.cardId, text, '已确认'));
    const result = await rerun({ tenantId, platform, userId, msgId, receivedAt, kind: 'text', text }, ctx);
    return [closed, ...(result === undefined ? [] : Array.isArray(result) ? result : [result])];
  };
}
