import { createHash } from 'node:crypto';
import type { InboundEvent } from '../domain/messages/inbound-event';

/**
 * A card id derived from the event that produced it: stable when the handling is retried, unique per
 * tenant, and within WeCom's task_id alphabet ([0-9A-Za-z_@-], ≤128 bytes).
 */
export function cardIdFor(prefix: string, event: Pick<InboundEvent, 'tenantId' | 'msgId'>): string {
  const digest = createHash('sha1')
    .update(`${event.tenantId}\u0000${event.msgId}`)
    .digest('hex')
    .slice(0, 24);
  return `${prefix}-${digest}`;
}
