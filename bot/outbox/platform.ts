import type { Platform } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';

/** What the outbox sender needs from a platform: deliver one reply to one user. */
export interface PlatformSender {
  readonly platform: Platform;
  send(recipient: string, reply: Reply, attempt?: DeliveryAttempt): Promise<SendResult>;
}

/** From the outbox: whether an earlier attempt at this message may already have reached the user. */
export interface DeliveryAttempt {
  possiblyDelivered: boolean;
  queuedAt: Date;
  /** The answered event's `replyHandle`, for platforms that bind a reply to its message (WeCom bot req_id). */
  replyHandle?: string;
}

export interface SendResult {
  /** The platform's id for the message, kept with the outbox row for support questions. */
  platformMsgId?: string;
}

/**
 * A platform API call that failed. `retryable` tells the outbox whether to back off and try again
 * (network errors, 5xx, rate limits) or to give up and dead-letter (invalid user, bad request).
 */
export class PlatformApiError extends Error {
  constructor(
    readonly platform: Platform,
    readonly endpoint: string,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(`${platform} ${endpoint} failed (${code}): ${message}`);
    this.name = 'PlatformApiError';
  }
}

/** Runs `call`; a platform answer with one of `codes` ("no such user/department") becomes null. */
export async function nullOnPlatformCodes<T>(
  codes: ReadonlySet<string>,
  call: () => Promise<T>,
): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PlatformApiError && codes.has(error.code)) return null;
    throw error;
  }
}
