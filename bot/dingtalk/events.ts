import { createHash } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { z } from 'zod';
import {
  inboundEventSchema,
  SYSTEM_SENDER,
  type ContactChange,
  type InboundEvent,
} from '../../domain/messages/inbound-event';

/**
 * DingTalk event subscription in HTTP mode (事件订阅, the legacy callback the address-book events use):
 * query `signature` (or `msg_signature`), `timestamp`, `nonce`; body `{"encrypt": …}`; the signature is
 * sha1 of the sorted token, timestamp, nonce and ciphertext, and the cipher is the one WeCom uses
 * (AES-256-CBC, key = base64(aes_key + "="), plaintext = 16 random bytes + length + message + the app's
 * key). So @wecom/crypto does the work. The answer is the encrypted word "success", signed the same way;
 * without it DingTalk retries and, after enough failures, stops pushing.
 */
const envelopeSchema = z.object({ encrypt: z.string().min(1) });

// Base64 only, so the match is linear in the body and cannot backtrack.
const ENCRYPT_FIELD = /"encrypt"\s*:\s*"([A-Za-z0-9+/=]+)"/;

/** The `encrypt` value, found without parsing the body: the signature is checked on it first. */
export function findEventEncrypt(body: string): string {
  const value = ENCRYPT_FIELD.exec(body)?.[1];
  if (!value) throw new DingtalkEventError('payload', 'no encrypt field');
  return value;
}

/** The signed body, parsed in full: its `encrypt` must be the value that was signed. */
export function parseEventEnvelope(body: string, signed: string): void {
  let parsed;
  try {
    parsed = envelopeSchema.safeParse(JSON.parse(body));
  } catch {
    throw new DingtalkEventError('payload', 'body is not JSON');
  }
  if (!parsed.success || parsed.data.encrypt !== signed)
    throw new DingtalkEventError('payload', 'encrypt is not the signed value');
}

const idList = z.array(z.union([z.string(), z.number()]).transform(String)).max(100);
export const dingtalkEventSchema = z.looseObject({
  EventType: z.string().min(1),
  CorpId: z.string().optional(),
  UserId: idList.optional(),
  DeptId: idList.optional(),
});

const CHANGES: Record<string, ContactChange> = {
  user_add_org: 'user_created',
  user_modify_org: 'user_updated',
  user_leave_org: 'user_deleted',
  org_dept_create: 'department_created',
  org_dept_modify: 'department_updated',
  org_dept_remove: 'department_deleted',
};

export class DingtalkEventError extends Error {
  constructor(
    readonly reason: 'signature' | 'decrypt' | 'corp_id' | 'payload',
    message: string,
  ) {
    super(message);
    this.name = 'DingtalkEventError';
  }
}

export interface DingtalkEventApp {
  corpId: string;
  appKey: string;
  eventToken: string;
  eventAesKey: string;
}

export function isValidDingtalkEventSignature(
  app: DingtalkEventApp,
  q: { signature: string; timestamp: string; nonce: string; encrypt: string },
): boolean {
  // Hex digests of equal length; a plain comparison leaks nothing an attacker can use without the token.
  return getSignature(app.eventToken, q.timestamp, q.nonce, q.encrypt) === q.signature.toLowerCase();
}

/**
 * The decrypted event, checked to be for this app (its AppKey; older apps put the CorpId), and the key it
 * carried: the answer is sealed with that same key, which is what DingTalk checks it against.
 */
export function decryptDingtalkEvent(
  app: DingtalkEventApp,
  encrypted: string,
): { message: string; receiveId: string } {
  let result: { message: string; id: string };
  try {
    result = decrypt(app.eventAesKey, encrypted);
  } catch (error) {
    throw new DingtalkEventError('decrypt', `AES decrypt failed: ${(error as Error).message}`);
  }
  if (result.id === '') throw new DingtalkEventError('decrypt', 'plaintext has no receive id');
  if (result.id !== app.appKey && result.id !== app.corpId)
    throw new DingtalkEventError('corp_id', 'receive id is neither the AppKey nor the CorpId');
  return { message: result.message, receiveId: result.id };
}

/** The signed, encrypted "success" DingTalk expects back, sealed with the key the event carried. */
export function dingtalkEventAnswer(
  app: DingtalkEventApp,
  receiveId: string,
  timestamp: string,
  nonce: string,
) {
  const encrypted = encrypt(app.eventAesKey, 'success', receiveId);
  return {
    msg_signature: getSignature(app.eventToken, timestamp, nonce, encrypted),
    timeStamp: timestamp,
    nonce,
    encrypt: encrypted,
  };
}

/** An address-book event → the neutral event; null for anything else (check_url, other subscriptions). */
export function parseDingtalkEvent(
  plaintext: string,
  tenantId: string,
  receivedAt: Date,
): InboundEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(plaintext);
  } catch {
    throw new DingtalkEventError('payload', 'event is not JSON');
  }
  const parsed = dingtalkEventSchema.safeParse(body);
  if (!parsed.success) throw new DingtalkEventError('payload', 'event without EventType');
  const change = CHANGES[parsed.data.EventType];
  if (!change) return null;
  if (parsed.data.CorpId !== undefined && parsed.data.CorpId !== tenantId)
    throw new DingtalkEventError('corp_id', 'event of another corp');
  const subjectIds = (change.startsWith('user_') ? parsed.data.UserId : parsed.data.DeptId) ?? [];
  const event = inboundEventSchema.safeParse({
    tenantId,
    platform: 'dingtalk',
    userId: SYSTEM_SENDER,
    // No event id in this format: the same content re-sent is the same event.
    msgId: `evt:${createHash('sha1').update(plaintext).digest('hex')}`,
    receivedAt,
    kind: 'contact_change',
    change,
    subjectIds,
  });
  if (!event.success)
    throw new DingtalkEventError('payload', `${parsed.data.EventType} names no user or department`);
  return event.data;
}
