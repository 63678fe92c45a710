import { z } from 'zod';
import { LOCATION_SOURCES, readLocationSource } from '../geo/location-source';

/**
 * One typed event for both platforms. Adapters in bot/ build it; nothing past bot/ sees a platform field.
 * `msgId` is the de-duplication key: unique per tenant, stable across the platform's retries.
 */
export const PLATFORMS = ['wecom', 'dingtalk'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** What the user already said the location is for (typed 签到 / 签退 before opening the H5 page). */
export const LOCATION_INTENTS = ['checkin_in', 'checkin_out'] as const;
export type LocationIntent = (typeof LOCATION_INTENTS)[number];

/**
 * An address-book change the platform announces (WeCom change_contact, DingTalk user_add_org …): the
 * people or departments named are synced at once instead of at night. Sent by the platform, not a person:
 * `userId` is the platform's system sender (`sys`).
 */
export const CONTACT_CHANGES = [
  'user_created',
  'user_updated',
  'user_deleted',
  'department_created',
  'department_updated',
  'department_deleted',
] as const;
export type ContactChange = (typeof CONTACT_CHANGES)[number];
/** The sender of contact-change events, on both platforms. */
export const SYSTEM_SENDER = 'sys';

const base = {
  tenantId: z.string().min(1).max(64),
  platform: platformSchema,
  userId: z.string().min(1).max(64),
  msgId: z.string().min(1).max(191),
  receivedAt: z.coerce.date(),
  /** Opaque: what a reply to this event must carry to be bound to it (the WeCom intelligent bot's req_id). */
  replyHandle: z.string().min(1).max(191).optional(),
};

export const inboundEventSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('text'), text: z.string().max(4096) }),
  z.object({
    ...base,
    kind: z.literal('location'),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    label: z.string().max(512).optional(),
    /** Accuracy radius in metres when the device reported one. */
    precision: z.number().nonnegative().optional(),
    /** How the position was obtained (an event queued before sources were told apart says device/picked). */
    source: z.preprocess(readLocationSource, z.enum(LOCATION_SOURCES)),
    /** Reported by the device on its own (WeCom LOCATION event), not sent by the user: no reply expected. */
    passive: z.boolean().default(false),
    intent: z.enum(LOCATION_INTENTS).optional(),
    /** The H5 page's id for the phone it ran on; absent for positions sent in the chat. */
    deviceId: z.string().max(64).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('image'),
    /** Platform handle to download the bytes: WeCom MediaId or DingTalk downloadCode. */
    mediaId: z.string().min(1).max(512),
    url: z.string().max(2048).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('card_action'),
    cardId: z.string().min(1).max(128),
    actionKey: z.string().min(1).max(1024),
    selected: z.record(z.string(), z.array(z.string())).default({}),
    /** Opaque, single-use permission to update the card in place (WeCom gives one per tap). */
    updateToken: z.string().max(512).optional(),
  }),
  z.object({ ...base, kind: z.literal('enter') }),
  z.object({ ...base, kind: z.literal('unsupported'), originalType: z.string().max(64) }),
  z.object({
    ...base,
    kind: z.literal('contact_change'),
    change: z.enum(CONTACT_CHANGES),
    /** Platform user ids or department ids, as the platform names them. */
    subjectIds: z.array(z.string().min(1).max(64)).min(1).max(100),
  }),
]);

export type InboundEvent = z.infer<typeof inboundEventSchema>;
export type InboundEventKind = InboundEvent['kind'];
export type InboundEventOf<K extends InboundEventKind> = Extract<InboundEvent, { kind: K }>;
