import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { inboundEventSchema, type InboundEvent } from '../../domain/messages/inbound-event';
import {
  cardCallbackSchema,
  audioMessageSchema,
  cardValueSchema,
  pictureMessageSchema,
  richTextMessageSchema,
  robotMessageSchema,
  textMessageSchema,
  type RichTextPart,
} from './schemas';

export type DingtalkPayloadReason = 'payload' | 'corp_id';

/** A callback body we refuse; `reason` becomes the rejection reason, `message` never quotes user content. */
export class DingtalkPayloadError extends Error {
  constructor(
    readonly reason: DingtalkPayloadReason,
    message: string,
  ) {
    super(message);
    this.name = 'DingtalkPayloadError';
  }
}

export interface DingtalkParseContext {
  /** The configured DingTalk corp id; every event of this adapter belongs to it. */
  tenantId: string;
  receivedAt: Date;
}

type EventBase = Pick<InboundEvent, 'tenantId' | 'platform' | 'userId' | 'receivedAt'>;

/** Turns one DingTalk HTTP-mode callback body (robot message or card callback) into InboundEvents. */
export function parseDingtalkCallback(body: unknown, ctx: DingtalkParseContext): InboundEvent[] {
  const events = isCardCallback(body) ? [parseCardCallback(body, ctx)] : parseRobotMessage(body, ctx);
  return events.map(validateEvent);
}

/**
 * A robot message from someone outside the corp (an external contact in a group, a user of another
 * company) carries no `senderStaffId`: there is no member to act for, and the API cannot message them.
 */
export function isFromOutsider(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('msgtype' in body)) return false;
  const staffId = (body as { senderStaffId?: unknown }).senderStaffId;
  return typeof staffId !== 'string' || staffId === '';
}

/** Card callbacks carry outTrackId and no msgtype; robot messages always carry msgtype. */
function isCardCallback(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'outTrackId' in body && !('msgtype' in body);
}

function parseRobotMessage(body: unknown, ctx: DingtalkParseContext): InboundEvent[] {
  const message = parseWith(robotMessageSchema, body, 'robot message');
  assertSameCorp(message.senderCorpId, ctx.tenantId);
  const base = createBase(message.senderStaffId, ctx);
  const { msgId } = message;
  switch (message.msgtype) {
    case 'text': {
      const { text } = parseWith(textMessageSchema, body, 'text message');
      return [{ ...base, kind: 'text', msgId, text: text.content.trim() }];
    }
    case 'picture': {
      const { content } = parseWith(pictureMessageSchema, body, 'picture message');
      return [{ ...base, kind: 'image', msgId, mediaId: content.downloadCode }];
    }
    case 'audio': {
      // Recognised speech is read as typed text; without it the bot asks for text instead.
      const { content } = parseWith(audioMessageSchema, body, 'audio message');
      const spoken = content.recognition?.trim() ?? '';
      return spoken
        ? [{ ...base, kind: 'text', msgId, text: spoken }]
        : [{ ...base, kind: 'unsupported', msgId, originalType: 'audio' }];
    }
    case 'richText': {
      const { content } = parseWith(richTextMessageSchema, body, 'richText message');
      return buildRichTextEvents(content.richText, base, msgId);
    }
    default:
      // A robot also gets audio, video, file … (DingTalk 消息类型); handlers answer these with a hint.
      return [{ ...base, kind: 'unsupported', msgId, originalType: message.msgtype.slice(0, 64) }];
  }
}

/**
 * One text event for all text parts, then one image per picture. Each gets its own msgId (`id`, `id#1`,
 * `id#2` …) so the inbox's unique (tenant, msgId) key keeps them apart and still de-duplicates a retry.
 */
function buildRichTextEvents(parts: RichTextPart[], base: EventBase, msgId: string): InboundEvent[] {
  const text = parts
    .filter((part) => part.type !== 'picture' && part.text !== undefined)
    .map((part) => (part.text ?? '').trim())
    .filter((line) => line !== '')
    .join('\n');
  const downloadCodes = parts
    .filter((part) => part.type === 'picture' && part.downloadCode)
    .map((part) => part.downloadCode ?? '');
  const events: InboundEvent[] = [];
  if (text !== '') events.push({ ...base, kind: 'text', msgId, text });
  for (const mediaId of downloadCodes) {
    events.push({ ...base, kind: 'image', msgId: indexMsgId(msgId, events.length), mediaId });
  }
  if (events.length === 0) return [{ ...base, kind: 'unsupported', msgId, originalType: 'richText' }];
  return events;
}

function indexMsgId(msgId: string, index: number): string {
  return index === 0 ? msgId : `${msgId}#${index}`;
}

function parseCardCallback(body: unknown, ctx: DingtalkParseContext): InboundEvent {
  const callback = parseWith(cardCallbackSchema, body, 'card callback');
  assertSameCorp(callback.corpId, ctx.tenantId);
  const value = parseWith(cardValueSchema, parseJson(callback.value), 'card callback value');
  const { actionIds, params } = value.cardPrivateData;
  const actionKey = actionIds[0] ?? '';
  const selected = toSelected(params);
  return {
    ...createBase(callback.userId, ctx),
    kind: 'card_action',
    msgId: deriveCardMsgId(callback.outTrackId, callback.userId, actionKey, selected),
    cardId: callback.outTrackId,
    actionKey,
    selected,
  };
}

/**
 * A card callback has no message id of its own. DingTalk re-sends an unacknowledged callback with the
 * same content, so a hash of what was decided (card, user, action, params) makes the retry a duplicate.
 */
function deriveCardMsgId(
  cardId: string,
  userId: string,
  actionKey: string,
  selected: Record<string, string[]>,
): string {
  const params = Object.keys(selected)
    .sort()
    .map((key) => [key, selected[key]]);
  const digest = createHash('sha1')
    .update(JSON.stringify([cardId, userId, actionKey, params]))
    .digest('hex');
  return `card:${digest}`;
}

/** The neutral event carries every selected value as a list of strings. */
function toSelected(params: Record<string, unknown>): Record<string, string[]> {
  const selected: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) selected[key] = [];
    else if (Array.isArray(value)) selected[key] = value.map(stringifyParam);
    else selected[key] = [stringifyParam(value)];
  }
  return selected;
}

function stringifyParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function createBase(userId: string, ctx: DingtalkParseContext): EventBase {
  return { tenantId: ctx.tenantId, platform: 'dingtalk', userId, receivedAt: ctx.receivedAt };
}

/** The app is internal to one corp; an event from another corp is misrouted or forged. */
function assertSameCorp(corpId: string | undefined, tenantId: string): void {
  if (corpId !== undefined && corpId !== tenantId) {
    throw new DingtalkPayloadError('corp_id', 'corp id does not match the configured DingTalk corp');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DingtalkPayloadError('payload', 'card callback value is not JSON');
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DingtalkPayloadError('payload', describeIssues(what, result.error));
  return result.data;
}

function validateEvent(event: InboundEvent): InboundEvent {
  return parseWith(inboundEventSchema, event, 'inbound event');
}

/** Paths and messages only: zod issue messages never include the input values. */
function describeIssues(what: string, error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `invalid ${what}: ${issues.join('; ')}`;
}
