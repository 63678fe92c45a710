import type { Context } from 'koa';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Platform } from '../../domain/messages/inbound-event';

export interface Rejection {
  platform: Platform;
  /** Stable machine-readable reason, e.g. `signature`, `decrypt`, `corp_id`, `payload`, `too_large`. */
  reason: string;
  status: 400 | 401 | 403 | 404 | 413 | 415;
  detail?: string;
}

/**
 * The one exit for a callback we refuse: a counter, one structured log line, a 4xx, nothing stored.
 * The detail never includes the body: it may be an attacker's or carry user content.
 */
export function rejectCallback(ctx: Context, log: Logger, metrics: Metrics, rejection: Rejection): void {
  metrics.increment('callback_rejected_total', { platform: rejection.platform, reason: rejection.reason });
  log.warn(
    {
      platform: rejection.platform,
      reason: rejection.reason,
      status: rejection.status,
      detail: rejection.detail,
    },
    'callback rejected',
  );
  ctx.status = rejection.status;
  ctx.body = rejection.reason;
}
