import type { Card } from '../domain/messages/reply';

/**
 * 「是要：请假 明天 事假？」: the command the bot read from what was typed or said, offered back before it
 * runs. The commands are held as an offer (domain/messages/command-offer.ts); a button's key carries the
 * offer's id and the option's place (`offer:<id>:<n>`), `offer-no:<id>` declines.
 */
const TAP_PATTERN = /^offer(?::(\d{1,12}):(\d)|-no:(\d{1,12}))$/;
/** WeCom's button key holds 1,024 bytes (UTF-8); the card's title quotes the command, so keep it sane. */
const MAX_OFFER_BYTES = 1024;

export function fitsOfferCard(text: string): boolean {
  return new TextEncoder().encode(text).length <= MAX_OFFER_BYTES;
}

export function isCommandOfferActionKey(key: string): boolean {
  return key.startsWith('offer:') || key.startsWith('offer-no');
}

/** What a tap on the card names: the offer, and which option (null for 不是); null for a key of another form. */
export function offerTapOf(key: string): { offerId: number; option: number | null } | null {
  const m = TAP_PATTERN.exec(key);
  if (!m) return null;
  return m[3] !== undefined
    ? { offerId: Number(m[3]), option: null }
    : { offerId: Number(m[1]), option: Number(m[2]) };
}

const shorten = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;

export function buildCommandOfferCard(input: {
  cardId: string;
  offerId: number;
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
          { type: 'action', label: '是', key: `offer:${input.offerId}:0`, style: 'primary' },
          { type: 'action', label: '不是', key: `offer-no:${input.offerId}`, style: 'default' },
        ]
      : [
          ...input.options.map((text, n) => ({
            type: 'action' as const,
            label: shorten(text, 16),
            key: `offer:${input.offerId}:${n}`,
            style: 'default' as const,
          })),
          { type: 'action', label: '都不是', key: `offer-no:${input.offerId}`, style: 'default' },
        ],
  };
}

/** The card once tapped: what was chosen, no buttons left. */
export function closedCommandOfferCard(cardId: string, title: string, status: string): Card {
  return { id: cardId, title: shorten(title, 128), fields: [], buttons: [], status };
}
