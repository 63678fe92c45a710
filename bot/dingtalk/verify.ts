import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk HTTP-mode callbacks: reject a timestamp more than one hour away from now (either side). One
 * hour is DingTalk's documented rule (接收消息: 「timestamp 与系统当前时间戳如果相差1小时以上，则认为是非法的请求」);
 * narrower would refuse genuine deliveries from a corp whose clock or queue lags. A captured pair cannot
 * carry another body within it (bot/dingtalk/routes.ts).
 */
export const DINGTALK_TIMESTAMP_WINDOW_MS = 60 * 60 * 1000;

export type DingtalkVerifyResult =
  { ok: true } | { ok: false; reason: 'signature' | 'stale_timestamp' | 'missing_headers' };

export interface DingtalkVerifyInput {
  /** The `timestamp` header: milliseconds since the epoch, as a decimal string. */
  timestamp: string | undefined;
  /** The `sign` header. */
  sign: string | undefined;
  appSecret: string;
  nowMs: number;
}

/** sign = base64(HMAC-SHA256(key = appSecret, data = timestamp + "\n" + appSecret)), per DingTalk's robot callback rule. */
export function signDingtalk(timestampMs: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestampMs}\n${appSecret}`, 'utf8').digest('base64');
}

/** Checks a callback's `timestamp`/`sign` headers; pure, with the clock passed in. */
export function verifyDingtalkSignature(input: DingtalkVerifyInput): DingtalkVerifyResult {
  const { timestamp, sign, appSecret, nowMs } = input;
  if (!timestamp || !sign) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  if (Math.abs(nowMs - Number(timestamp)) > DINGTALK_TIMESTAMP_WINDOW_MS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const expected = Buffer.from(signDingtalk(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  // timingSafeEqual throws on different lengths; a length mismatch is a wrong signature anyway.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature' };
  }
  return { ok: true };
}
