/** At most `max` within any `windowMs`. */
export interface RateWindow {
  max: number;
  windowMs: number;
}

/** A platform's documented send limits, which the outbox paces itself to (across instances, in the database). */
export interface SendLimits {
  /** Messages one member may receive from the app. */
  perMember: readonly RateWindow[];
  /** Message calls one company's app may make. */
  perCompany: readonly RateWindow[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * WeCom: message/send takes 30 messages a minute and 1,000 an hour per member and drops the rest silently;
 * one API takes 10,000 calls a minute and 150,000 an hour per company (10 % of those are left for the other
 * calls the bot makes: tokens, uploads, card updates, address book). DingTalk documents no per-member cap
 * for robot messages; a standard organisation's app may call a server API 20 times a second.
 */
export const SEND_LIMITS: Readonly<Record<string, SendLimits>> = {
  wecom: {
    perMember: [
      { max: 30, windowMs: MINUTE },
      { max: 1000, windowMs: HOUR },
    ],
    perCompany: [
      { max: 9000, windowMs: MINUTE },
      { max: 135_000, windowMs: HOUR },
    ],
  },
  dingtalk: { perMember: [], perCompany: [{ max: 20, windowMs: 1000 }] },
};

/** Which limits the outbox paces itself to (OUTBOX_PACING). */
export type PacingMode = 'all' | 'member' | 'off';

export function sendLimitsFor(platform: string, mode: PacingMode): SendLimits | undefined {
  const limits = SEND_LIMITS[platform];
  if (!limits || mode === 'off') return undefined;
  return mode === 'member' ? { ...limits, perCompany: [] } : limits;
}

/** The longest text message, in UTF-8 bytes (WeCom's text.content; DingTalk's is longer): merged texts stay within it. */
const MAX_TEXT_BYTES = 2048;
const TEXT_SEPARATOR = '\n\n';
const utf8 = new TextEncoder();
const bytesOf = (text: string): number => utf8.encode(text).length;

/**
 * A member's queued messages packed into at most `sends` messages, for a member at a send limit: consecutive
 * texts (a `string`; `undefined` for anything else, which goes alone) are joined, blank line between, as long
 * as the result fits in one text message. Returns the groups of indexes to send now, in order; the rest wait.
 */
export function packForSends(texts: ReadonlyArray<string | undefined>, sends: number): number[][] {
  const groups: number[][] = [];
  let bytes = 0;
  texts.forEach((text, i) => {
    const last = groups[groups.length - 1];
    const lastText = last && texts[last[0] as number];
    if (
      text !== undefined &&
      last &&
      lastText !== undefined &&
      bytes + TEXT_SEPARATOR.length + bytesOf(text) <= MAX_TEXT_BYTES
    ) {
      last.push(i);
      bytes += TEXT_SEPARATOR.length + bytesOf(text);
      return;
    }
    groups.push([i]);
    bytes = text === undefined ? 0 : bytesOf(text);
  });
  // Unmerged when there is room for every message: merging is only for a member at the limit.
  if (texts.length <= sends) return texts.map((_, i) => [i]);
  return groups.slice(0, Math.max(0, sends));
}

/** The texts of a packed group as one message. */
export function joinTexts(texts: readonly string[]): string {
  return texts.join(TEXT_SEPARATOR);
}
