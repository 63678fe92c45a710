import { z } from 'zod';
import { PlatformApiError } from '../outbox/platform';

/**
 * The WeCom HTTP API answers fieldbot reads, and what their error codes mean for a retry. Every answer
 * carries `errcode` (0 = success) and `errmsg` (WeCom global error codes,
 * developer.work.weixin.qq.com/document/path/96213). Unknown fields are dropped: we validate only what
 * we use.
 */
export const wecomAnswerSchema = z.object({
  errcode: z.number().int(),
  errmsg: z.string().default(''),
});

/** GET /cgi-bin/gettoken: `expires_in` is 7200 s; the token must be cached, not fetched per call. */
export const gettokenAnswerSchema = wecomAnswerSchema.extend({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/**
 * POST /cgi-bin/message/send. Recipients that are invalid or unlicensed come back as "a|b" while the
 * rest are delivered; when all are invalid the call fails with 81013. `response_code` comes with
 * template cards and allows one update_template_card call.
 */
export const messageSendAnswerSchema = wecomAnswerSchema.extend({
  msgid: z.string().optional(),
  invaliduser: z.string().optional(),
  unlicenseduser: z.string().optional(),
  response_code: z.string().optional(),
});

/** POST /cgi-bin/media/upload: `media_id` is valid for 3 days. */
export const mediaUploadAnswerSchema = wecomAnswerSchema.extend({
  media_id: z.string().min(1),
});

/** GET /cgi-bin/get_jsapi_ticket: valid 7200 s and rate-limited, so it is cached like the token. */
export const jsApiTicketAnswerSchema = wecomAnswerSchema.extend({
  ticket: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** WeCom global error codes (document/path/96213) that change what we do. */
export const WECOM_ERRCODE = {
  systemBusy: -1,
  invalidCredential: 40001,
  invalidCorpId: 40013,
  invalidAccessToken: 40014,
  accessTokenExpired: 42001,
  apiFrequencyLimit: 45009,
  apiConcurrencyLimit: 45033,
  ipNotTrusted: 60020,
  allRecipientsInvalid: 81013,
} as const;

/** The token was revoked or expired early (e.g. another instance refreshed it): refresh and retry once. */
const STALE_TOKEN_CODES: ReadonlySet<number> = new Set([
  WECOM_ERRCODE.invalidAccessToken,
  WECOM_ERRCODE.accessTokenExpired,
]);
/** Transient by WeCom's own description: busy, rate or concurrency limited, stale token. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  WECOM_ERRCODE.systemBusy,
  WECOM_ERRCODE.apiFrequencyLimit,
  WECOM_ERRCODE.apiConcurrencyLimit,
  ...STALE_TOKEN_CODES,
]);
/** Configuration mistakes get a message that says how to fix them (docs/architecture.md (Conventions)). */
const SETUP_HINTS: ReadonlyMap<number, string> = new Map([
  [
    WECOM_ERRCODE.ipNotTrusted,
    "this server's IP is not allowed to call the app: add the server's public IP to the app's trusted IP list (企业可信IP) in the WeCom admin console (应用管理 → the app → 企业可信IP)",
  ],
  [
    WECOM_ERRCODE.invalidCredential,
    "the secret was rejected: set WECOM_SECRET to the app's Secret (应用管理 → the app → Secret)",
  ],
  [
    WECOM_ERRCODE.invalidCorpId,
    'the corp id was rejected: set WECOM_CORP_ID to the CorpID shown under 我的企业 → 企业信息',
  ],
]);

/** 40014/42001: the token we sent is no longer valid; a fresh one will do. */
export function isStaleTokenError(errcode: number): boolean {
  return STALE_TOKEN_CODES.has(errcode);
}

/** Whether trying the same call again later can succeed; everything not listed is a permanent refusal. */
export function isRetryableWecomError(errcode: number): boolean {
  return RETRYABLE_CODES.has(errcode);
}

/** WeCom's errmsg, prefixed with how to fix it when the code means a setup mistake. */
export function describeWecomError(errcode: number, errmsg: string): string {
  const hint = SETUP_HINTS.get(errcode);
  if (hint) return `${hint} (${errmsg || 'no errmsg'})`;
  return errmsg || 'no errmsg';
}

/** A failed WeCom call; `retryable` tells the outbox to back off and retry or to dead-letter. */
export function createWecomApiError(
  path: string,
  code: string,
  message: string,
  retryable: boolean,
): PlatformApiError {
  return new PlatformApiError('wecom', path, code, message, retryable);
}

/** errcode ≠ 0 becomes a PlatformApiError; a success that does not match `schema` is a bad response. */
export function parseWecomAnswer<S extends z.ZodType>(path: string, text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A cut-off or proxy-mangled body: the next try usually gets a whole one.
    throw createWecomApiError(path, 'bad_response', 'answer is not JSON', true);
  }
  const envelope = wecomAnswerSchema.safeParse(json);
  if (!envelope.success) throw createWecomApiError(path, 'bad_response', 'answer has no errcode', false);
  const { errcode, errmsg } = envelope.data;
  if (errcode !== 0) {
    throw createWecomApiError(
      path,
      String(errcode),
      describeWecomError(errcode, errmsg),
      isRetryableWecomError(errcode),
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw createWecomApiError(path, 'bad_response', `unexpected answer shape (${fields})`, false);
  }
  return parsed.data;
}

export type MessageSendAnswer = z.infer<typeof messageSendAnswerSchema>;
