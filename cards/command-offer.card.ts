import type { Card } from '../domain/messages/reply';

/**
 * 「是要：请假 明天 事假？」: the command the bot read from what was typed or said, offered back before it
 * runs. A button's key carries the command text itself (`offer:<text>`), so the tap runs exactly what the
 * card showed; `offer-no` declines.
 */
const OFFER_PREFIX = 'offer:';
const DECLINE_KEY = 'offer-no';
/** WeCom's button key holds 1,024 bytes: 300 characters of Chinese fit with room to spare. */
export const MAX_OFFER_CHARS = 300;

export function isCommandOfferActionKey(key: string): boolean {
  return key.startsWith(OFFER_PREFIX) || key === DECLINE_KEY;
}

/** The command text a tapped button carries; null for 不是. */
export function offeredCommandText(key: string): string | null {
  return key.startsWith(OFFER_PREFIX) ? key.slice(OFFER_PREFIX.length) : null;
}

const shorten = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;

export function buildCommandOfferCard(input: {
  cardId: string;
  /** One or two command texts, best first. */
  options: readonly string[];
  /** Read from a sentence (nothing is recorded until 是), rather than a command typed a little off. */
  fromSentence: boolean;
}): Card {
  const [only] = input.options;
  const single = input.options.length === 1 && only !== undefined;
  return {
    id: input.cardId,
    title: single ? shorten(`是要：${only}？`, 128) : '是要下面哪一个？',
    description: input.fromSentence
      ? '从你的话里读到的，点「是」才会记录；不对请点「不是」，或按正确的说法重新发送。'
      : '没完全看懂，你是要发这条命令吗？点一下就执行。',
    fields: [],
    buttons: single
      ? [
          { type: 'action', label: '是', key: `${OFFER_PREFIX}${only}`, style: 'primary' },
          { type: 'action', label: '不是', key: DECLINE_KEY, style: 'default' },
        ]
      : [
          ...input.options.map((text) => ({
            type: 'action' as const,
            label: shorten(text, 16),
            key: `${OFFER_PREFIX}${text}`,
            style: 'default' as const,
          })),
          { type: 'action', label: '都不是', key: DECLINE_KEY, style: 'default' },
        ],
  };
}

/** The card once tapped: what was chosen, no buttons left. */
export function closedCommandOfferCard(cardId: string, title: string, status: string): Card {
  return { id: cardId, title: shorten(title, 128), fields: [], buttons: [], status };
}
