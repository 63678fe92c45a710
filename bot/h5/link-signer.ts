import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_LINK_TTL_MINUTES, exportMonthSchema } from '../../domain/attendance/export';
import { datasetKeySchema } from '../../domain/exports/datasets';
import { TABLE_IMPORT_KINDS } from '../../domain/imports/table-import';
import { LOCATION_INTENTS, platformSchema } from '../../domain/messages/inbound-event';

/**
 * Signed links to the bot's H5 pages: `<payload>.<hmac>` in base64url. The payload names the tenant, the
 * user and what the link is for. A location link's nonce becomes the event's msgId, so the inbox makes it
 * one-time; an export link may be used again until it expires (a failed download is simply retried).
 */
const identity = {
  t: z.string().min(1), // tenant
  p: platformSchema,
  u: z.string().min(1), // platform user id
  n: z.string().min(8), // nonce
  exp: z.number().int(), // unix ms
};
const linkPayloadSchema = z.discriminatedUnion('purpose', [
  z.object({
    ...identity,
    purpose: z.literal('location'),
    i: z.enum(LOCATION_INTENTS).optional() /* intent */,
  }),
  z.object({ ...identity, purpose: z.literal('export'), m: exportMonthSchema, f: z.enum(EXPORT_FORMATS) }),
  /** A table upload of kind `k` (customers when absent), for admins: one-time by its nonce (customer_imports). */
  z.object({ ...identity, purpose: z.literal('import'), k: z.enum(TABLE_IMPORT_KINDS).optional() }),
  /** The error report of import `r`, of kind `k` (customers when absent). */
  z.object({
    ...identity,
    purpose: z.literal('import_report'),
    r: z.number().int().positive(),
    k: z.enum(TABLE_IMPORT_KINDS).optional(),
  }),
  /** 对账单 of customer `c` over `a`–`b` (business dates) as a file; the reader's reach is checked again. */
  z.object({
    ...identity,
    purpose: z.literal('statement'),
    c: z.number().int().positive(),
    a: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    b: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    f: z.enum(EXPORT_FORMATS),
  }),
  /** A finance dataset `d` of month `m` (导出 订单 本月), for admins. */
  z.object({
    ...identity,
    purpose: z.literal('data'),
    d: datasetKeySchema,
    m: exportMonthSchema,
    f: z.enum(EXPORT_FORMATS),
  }),
  // The audit log of a month as CSV (审计 导出), for admins.
  z.object({ ...identity, purpose: z.literal('audit'), m: exportMonthSchema }),
  /** 日报 `r`'s page for the manager it was sent to: reusable; opening it is the 已读 receipt. */
  z.object({ ...identity, purpose: z.literal('report'), r: z.number().int().positive() }),
  /** The manager's live digest page: what it shows is gathered when it is opened. */
  z.object({ ...identity, purpose: z.literal('digest') }),
  /** The manager's 周报 or 月报 of the period starting on `f`, recomputed at each opening. */
  z.object({
    ...identity,
    purpose: z.literal('periodic'),
    k: z.enum(['weekly', 'monthly']),
    f: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  /** Not a link: the H5 sign-in cookie, set once WeCom OAuth2 or DingTalk 免登 named the reader. */
  z.object({ ...identity, purpose: z.literal('session') }),
]);
export type LinkPayload = z.infer<typeof linkPayloadSchema>;
export type LinkPurpose = LinkPayload['purpose'];
export type LinkPayloadOf<P extends LinkPurpose> = Extract<LinkPayload, { purpose: P }>;
/** What the caller names; the signer adds the nonce and the expiry. */
export type LinkRequest = { [P in LinkPurpose]: Omit<LinkPayloadOf<P>, 'n' | 'exp'> }[LinkPurpose];

/** Long enough to walk out to the car, short enough that a forwarded link goes stale. */
export const LINK_TTL_MS = 15 * 60 * 1000;

/** How long each kind of link lives. */
export const LINK_TTLS_MS: Record<LinkPurpose, number> = {
  location: LINK_TTL_MS,
  export: EXPORT_LINK_TTL_MINUTES * 60_000,
  import: LINK_TTL_MS,
  import_report: 7 * 24 * 60 * 60 * 1000,
  audit: EXPORT_LINK_TTL_MINUTES * 60_000,
  statement: EXPORT_LINK_TTL_MINUTES * 60_000,
  data: EXPORT_LINK_TTL_MINUTES * 60_000,
  // A manager may read a report days later; the reader's right is checked again on every opening.
  report: 30 * 24 * 60 * 60 * 1000,
  // The page is live, so an old link still shows today's figures; whether the reader still leads a team
  // is checked on every opening.
  digest: 30 * 24 * 60 * 60 * 1000,
  // A week's or a month's report is looked back at for longer.
  periodic: 90 * 24 * 60 * 60 * 1000,
  // A working day: the IM signs the reader in again silently after that.
  session: 12 * 60 * 60 * 1000,
};

/** When a link was issued: its expiry less its kind's lifetime. */
export function issuedAtOf(payload: LinkPayload): number {
  return payload.exp - LINK_TTLS_MS[payload.purpose];
}

export type LinkCheck<T extends LinkPayload = LinkPayload> =
  { ok: true; payload: T } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export class LinkSigner {
  private readonly accepted: readonly string[];

  /** Signs with `secret`; links signed with one of `previous` still verify (a key rotation in progress). */
  constructor(
    private readonly secret: string,
    previous: readonly string[] = [],
  ) {
    this.accepted = [secret, ...previous];
  }

  issue(input: LinkRequest, now: number): string {
    const payload = {
      ...input,
      n: randomBytes(12).toString('base64url'),
      exp: now + LINK_TTLS_MS[input.purpose],
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Checks a link for one purpose (location when none is named): a link issued for something else reads as
   * malformed, so a download link can never post a position and a location link never downloads data.
   */
  verify(token: string, now: number): LinkCheck<LinkPayloadOf<'location'>>;
  verify<P extends LinkPurpose>(token: string, now: number, purpose: P): LinkCheck<LinkPayloadOf<P>>;
  verify(token: string, now: number, purpose: LinkPurpose = 'location'): LinkCheck {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature);
    const signedByOneOfOurs = this.accepted.some((key) => {
      const expected = Buffer.from(hmac(key, body));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signedByOneOfOurs) return { ok: false, reason: 'signature' };
    let parsed;
    try {
      parsed = linkPayloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!parsed.success || parsed.data.purpose !== purpose) return { ok: false, reason: 'malformed' };
    if (parsed.data.exp < now) return { ok: false, reason: 'expired' };
    return { ok: true, payload: parsed.data };
  }

  private sign(body: string): string {
    return hmac(this.secret, body);
  }
}

function hmac(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
