import { z } from 'zod';

/**
 * The neutral outbound form. Replies are stored in the outbox as JSON, so they are validated on the way
 * back out (a row written by an older version must still parse).
 */
export const CARD_ID_PATTERN = /^[0-9A-Za-z_@-]{1,128}$/; // WeCom task_id rule; DingTalk outTrackId accepts it too

export const cardButtonSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('action'),
    label: z.string().min(1).max(32),
    /** Comes back as `card_action.actionKey` when tapped. */
    key: z.string().min(1).max(1024),
    style: z.enum(['primary', 'default', 'danger']).default('default'),
  }),
  z.object({ type: z.literal('link'), label: z.string().min(1).max(32), url: z.string().url() }),
]);

export const cardSchema = z.object({
  id: z.string().regex(CARD_ID_PATTERN),
  title: z.string().min(1).max(128),
  description: z.string().max(512).optional(),
  fields: z
    .array(z.object({ label: z.string().max(32), value: z.string().max(256) }))
    .max(6)
    .default([]),
  buttons: z.array(cardButtonSchema).max(6).default([]),
  /** Shown once the card is decided; a card with a status and no buttons is closed. */
  status: z.string().max(32).optional(),
});

export const replySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(2048) }),
  z.object({ kind: z.literal('markdown'), title: z.string().max(64), text: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal('image'),
    dataBase64: z.string().min(1),
    fileName: z.string().max(64),
    contentType: z.enum(['image/png', 'image/jpeg']).default('image/png'),
  }),
  z.object({ kind: z.literal('card'), card: cardSchema }),
  z.object({ kind: z.literal('card_update'), card: cardSchema, updateToken: z.string().optional() }),
]);

export type Card = z.infer<typeof cardSchema>;
/** @internal For tests that build one from plain input. */
export type CardInput = z.input<typeof cardSchema>;
export type CardButton = z.infer<typeof cardButtonSchema>;
export type CardField = Card['fields'][number];
export type Reply = z.infer<typeof replySchema>;
