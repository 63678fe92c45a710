import type { Reply } from '../domain/messages/reply';
import type { UserProfile } from '../domain/org/user';
import type { NewOutboxMessage } from '../domain/messages/outbox';

/** An outbox row for one person, under a key that makes a rerun queue it once. */
export function messageTo(
  person: Pick<UserProfile, 'tenantId' | 'platform' | 'platformUserId'>,
  idempotencyKey: string,
  reply: Reply,
): NewOutboxMessage {
  return {
    tenantId: person.tenantId,
    platform: person.platform,
    recipient: person.platformUserId,
    idempotencyKey,
    payload: JSON.stringify(reply),
  };
}
