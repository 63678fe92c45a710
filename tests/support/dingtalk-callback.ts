import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type DingtalkFixtureName = 'text' | 'picture' | 'richtext' | 'card-callback' | 'audio';

/**
 * A recorded callback body from tests/fixtures/dingtalk, with top-level fields replaced by `overrides`
 * (an override names an existing field, so a typo cannot silently add a new one).
 */
export function dingtalkFixture(
  name: DingtalkFixtureName,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const path = join(__dirname, '..', 'fixtures', 'dingtalk', `${name}.json`);
  const body = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  for (const field of Object.keys(overrides)) {
    if (!(field in body)) throw new Error(`fixture ${name} has no field ${field}`);
  }
  return { ...body, ...overrides };
}

/** A text message fixture whose `text.content` is `content`, under its own msgId. */
export function dingtalkText(content: string, msgId: string): Record<string, unknown> {
  return dingtalkFixture('text', { msgId, text: { content } });
}

export interface SignedCallback {
  headers: { timestamp: string; sign: string };
  body: string;
}

/**
 * Signs `body` exactly as DingTalk does in HTTP mode: header `timestamp` in ms and header
 * `sign` = base64(HMAC-SHA256(key = appSecret, data = timestamp + "\n" + appSecret)). Written from the
 * platform's rule, not imported from bot/, so a mistake in the bot's check cannot cancel out here.
 */
export function signDingtalkCallback(
  appSecret: string,
  body: string | object,
  options: { timestampMs?: number } = {},
): SignedCallback {
  const timestamp = String(options.timestampMs ?? Date.now());
  const sign = createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
  return { headers: { timestamp, sign }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export function postDingtalkCallback(
  baseUrl: string,
  callback: SignedCallback,
  path = '/dingtalk/callback',
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...callback.headers },
    body: callback.body,
  });
}
