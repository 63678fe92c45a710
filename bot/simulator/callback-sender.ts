import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import type { WecomConfig } from '../config';
import { buildCallbackXml, buildEnvelopeXml, type CallbackMessage } from './callback-xml';

export interface SealedCallback {
  body: string;
  query: { msg_signature: string; timestamp: string; nonce: string };
}

/**
 * Encrypts and signs one payload the way WeCom does: AES with the EncodingAESKey and the CorpID as
 * receive id, then sha1 over the sorted (token, timestamp, nonce, ciphertext).
 */
export function sealCallback(
  innerXml: string,
  wecom: Pick<WecomConfig, 'corpId' | 'agentId' | 'token' | 'aesKey'>,
  options: { timestamp: string; nonce: string },
): SealedCallback {
  const encrypted = encrypt(wecom.aesKey, innerXml, wecom.corpId);
  const signature = getSignature(wecom.token, options.timestamp, options.nonce, encrypted);
  return {
    body: buildEnvelopeXml(wecom.corpId, encrypted, wecom.agentId),
    query: { msg_signature: signature, timestamp: options.timestamp, nonce: options.nonce },
  };
}

export interface DeliveryResult {
  /** The bot's HTTP status; 0 when it could not be reached or did not answer in time. */
  status: number;
  /** Start of the bot's answer body, or why the request failed. Shown to the developer, never logged. */
  detail?: string;
  msgId: string;
}

export interface CallbackSenderOptions {
  wecom: WecomConfig;
  url: string;
  now?: () => number;
  /** WeCom gives up on a callback after 5 s (and retries); the simulator reports it instead of retrying. */
  timeoutMs?: number;
}

/** Delivers simulated user actions to the bot's real callback route. */
export class CallbackSender {
  private lastMsgId = 0n;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly options: CallbackSenderOptions) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /**
   * 19-digit ids like WeCom's, increasing and derived from the clock so a restarted simulator never
   * repeats one the bot's inbox already holds (it would be dropped as a duplicate).
   */
  nextMsgId(): string {
    const fromClock = 7_000_000_000_000_000_000n + BigInt(this.now()) * 1000n;
    this.lastMsgId = fromClock > this.lastMsgId ? fromClock : this.lastMsgId + 1n;
    return this.lastMsgId.toString();
  }

  async deliver(fromUser: string, message: CallbackMessage): Promise<DeliveryResult> {
    const { wecom, url } = this.options;
    const msgId = this.nextMsgId();
    const createTime = Math.floor(this.now() / 1000);
    const inner = buildCallbackXml(
      { corpId: wecom.corpId, agentId: wecom.agentId, fromUser, createTime, msgId },
      message,
    );
    const sealed = sealCallback(inner, wecom, {
      timestamp: String(createTime),
      nonce: randomBytes(8).toString('hex'),
    });
    const target = new URL(url);
    for (const [key, value] of Object.entries(sealed.query)) target.searchParams.set(key, value);
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: sealed.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, detail: text.slice(0, 200) || undefined, msgId };
    } catch (error) {
      return { status: 0, detail: error instanceof Error ? error.message : String(error), msgId };
    }
  }
}
