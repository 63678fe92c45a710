import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { LOCATION_INTENTS, platformSchema } from '../../domain/messages/inbound-event';

/**
 * Signed links to the bot's H5 pages: `<payload>.<hmac>` in base64url. The payload names the tenant, the
 * user and what the link is for; its nonce becomes the event's msgId, so the inbox makes it one-time.
 */
const linkPayloadSchema = z.object({
  t: z.string().min(1), // tenant
  p: platformSchema,
  u: z.string().min(1), // platform user id
  purpose: z.literal('location'),
  i: z.enum(LOCATION_INTENTS).optional(), // intent
  n: z.string().min(8), // nonce
  exp: z.number().int(), // unix ms
});
export type LinkPayload = z.infer<typeof linkPayloadSchema>;

/** Long enough to walk out to the car, short enough that a forwarded link goes stale. */
export const LINK_TTL_MS = 15 * 60 * 1000;

export type LinkCheck = { ok: true; payload: LinkPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export class LinkSigner {
  constructor(private readonly secret: string) {}

  issue(input: Omit<LinkPayload, 'n' | 'exp'>, now: number): string {
    const payload: LinkPayload = { ...input, n: randomBytes(12).toString('base64url'), exp: now + LINK_TTL_MS };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  verify(token: string, now: number): LinkCheck {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
    let parsed;
    try {
      parsed = linkPayloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (parsed.data.exp < now) return { ok: false, reason: 'expired' };
    return { ok: true, payload: parsed.data };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
