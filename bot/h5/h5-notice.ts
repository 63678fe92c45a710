import type { Context } from 'koa';
import type { LinkPayloadOf, LinkPurpose, LinkSigner } from './link-signer';

/** A one-line page for a link that cannot be honoured (invalid, expired, not the reader's to see). */
export function h5Notice(message: string): string {
  return `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><p>${message}</p>`;
}

/**
 * The payload of the page's signed link (`?t=`) for `purpose`, or null with the answer already given: 410
 * and `messages.expired` for an expired link, 400 and `messages.invalid` for any other.
 */
export function verifiedLink<P extends LinkPurpose>(
  ctx: Context,
  signer: LinkSigner,
  purpose: P,
  at: Date,
  messages: { invalid: string; expired: string },
): LinkPayloadOf<P> | null {
  const check = signer.verify(String(ctx.query.t ?? ''), at.getTime(), purpose);
  if (check.ok) return check.payload;
  ctx.status = check.reason === 'expired' ? 410 : 400;
  ctx.type = 'html';
  ctx.body = h5Notice(check.reason === 'expired' ? messages.expired : messages.invalid);
  return null;
}
