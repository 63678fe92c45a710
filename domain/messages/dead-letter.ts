import type { Reply } from './reply';

/** A reply the outbox gave up on: kept with its reason so an admin can see who missed what. */
export interface DeadLetter {
  id: number;
  /** The platform's user id of the person who did not get it. */
  recipient: string;
  kind: Reply['kind'] | 'unreadable';
  /** The first words of the message (text, markdown, or a card's title). */
  preview: string;
  /** What the platform (or the sender) said the last time. */
  reason: string;
  attempts: number;
  queuedAt: Date;
}

/** Read side of the outbox's dead letters, newest first, scoped to one tenant. */
export interface DeadLetterLog {
  listDeadLetters(tenantId: string, limit: number): Promise<{ total: number; latest: DeadLetter[] }>;
}

const PREVIEW_CHARS = 24;

/** What a stored reply says, in a few characters, for a list read on a phone. */
export function previewOf(reply: Reply): string {
  const text =
    reply.kind === 'text' || reply.kind === 'markdown'
      ? reply.text
      : reply.kind === 'card' || reply.kind === 'card_update'
        ? reply.card.title
        : reply.fileName;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}
