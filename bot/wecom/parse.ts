import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { z } from 'zod';
import {
  inboundEventSchema,
  type ContactChange,
  type InboundEvent,
} from '../../domain/messages/inbound-event';
import {
  wecomEnvelopeSchema,
  wecomEventSchema,
  wecomImageSchema,
  wecomLocationSchema,
  wecomOtherSchema,
  wecomTextSchema,
  wecomVoiceSchema,
  type WecomEvent,
} from './schemas';

export class WecomPayloadError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'WecomPayloadError';
  }
}

// Values stay strings: MsgId is a 19-digit number that a float would corrupt. Character references
// outside CDATA are decoded (`&amp;` is `&`), CDATA stays literal; a DOCTYPE (entity declarations, the
// one way to make entities expensive) is refused before parsing: WeCom never sends one.
const PARSER_OPTIONS = {
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  isArray: (name: string) => name === 'SelectedItem' || name === 'OptionId',
};
const entityParser = new XMLParser({ ...PARSER_OPTIONS, processEntities: true, htmlEntities: true });
// Every entity and character reference starts with `&`: a document without one parses the same without the
// entity pass, which tries each HTML entity on every value (~70 µs of a callback's two parses' ~85 µs each).
const plainParser = new XMLParser({ ...PARSER_OPTIONS, processEntities: false, htmlEntities: false });

/**
 * `validate` runs fast-xml-parser's well-formedness check, a second pass as long as the parse: needed on the
 * envelope, whose bytes outside the signed value anyone could have written; the message inside was
 * encrypted by WeCom with the app's key, and its fields are checked by the schemas anyway.
 */
function parseXml(xml: string, validate: boolean): unknown {
  if (/<!DOCTYPE/i.test(xml)) throw new WecomPayloadError('malformed XML (-40002): DOCTYPE is not allowed');
  try {
    return (xml.includes('&') ? entityParser : plainParser).parse(xml, validate);
  } catch (error) {
    throw new WecomPayloadError(`malformed XML (-40002): ${(error as Error).message}`);
  }
}

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new WecomPayloadError(
      `${what}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return result.data;
}

// Base64 only, so the match is linear in the body and cannot backtrack.
const ENCRYPT_ELEMENT = /<Encrypt>(?:<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>|([A-Za-z0-9+/=]+))<\/Encrypt>/;

/**
 * The `Encrypt` value of a POST body, found without parsing the XML: the signature covers it, so a
 * request is proved genuine (or refused) before any parser runs on what it sent.
 */
export function findEncrypt(body: string): string {
  const match = ENCRYPT_ELEMENT.exec(body);
  const value = match?.[1] ?? match?.[2];
  if (!value) throw new WecomPayloadError('envelope: no Encrypt element');
  return value;
}

/** The signed envelope, parsed in full: its one `Encrypt` must be the value that was signed. */
export function parseEnvelope(body: string, signed: string): string {
  const encrypted = check(wecomEnvelopeSchema, parseXml(body, true), 'envelope').xml.Encrypt;
  if (encrypted !== signed) throw new WecomPayloadError('envelope: Encrypt is not the signed value');
  return encrypted;
}

/** Decrypted callback XML → the neutral event. Throws WecomPayloadError on anything malformed. */
export function parseWecomMessage(xml: string, tenantId: string, receivedAt: Date): InboundEvent {
  const doc = parseXml(xml, false) as { xml?: Record<string, unknown> };
  const fields = doc?.xml;
  if (!fields || typeof fields !== 'object') throw new WecomPayloadError('missing <xml> root');
  const base = (userId: string, msgId: string) => ({
    tenantId,
    platform: 'wecom' as const,
    userId,
    msgId,
    receivedAt,
  });

  let event: unknown;
  switch (fields.MsgType) {
    case 'text': {
      const m = check(wecomTextSchema, fields, 'text');
      event = { ...base(m.FromUserName, `msg:${m.MsgId}`), kind: 'text', text: m.Content };
      break;
    }
    case 'image': {
      const m = check(wecomImageSchema, fields, 'image');
      event = { ...base(m.FromUserName, `msg:${m.MsgId}`), kind: 'image', mediaId: m.MediaId, url: m.PicUrl };
      break;
    }
    case 'voice': {
      // Recognised speech is read as typed text; without recognition the bot asks for text instead.
      const m = check(wecomVoiceSchema, fields, 'voice');
      const spoken = m.Recognition?.trim() ?? '';
      event = spoken
        ? { ...base(m.FromUserName, `msg:${m.MsgId}`), kind: 'text', text: spoken }
        : { ...base(m.FromUserName, `msg:${m.MsgId}`), kind: 'unsupported', originalType: 'voice' };
      break;
    }
    case 'location': {
      const m = check(wecomLocationSchema, fields, 'location');
      // A location message is a point the user picked on a map: it can be anywhere (docs/product.md).
      event = {
        ...base(m.FromUserName, `msg:${m.MsgId}`),
        kind: 'location',
        lat: m.Location_X,
        lng: m.Location_Y,
        label: m.Label || undefined,
        source: 'map',
      };
      break;
    }
    case 'event':
      event = mapEvent(check(wecomEventSchema, fields, 'event'), base);
      break;
    default: {
      const m = check(wecomOtherSchema, fields, 'message');
      event = {
        ...base(
          m.FromUserName,
          `msg:${m.MsgId ?? eventDedupKey([m.FromUserName, String(m.CreateTime), m.MsgType])}`,
        ),
        kind: 'unsupported',
        originalType: m.MsgType.slice(0, 64),
      };
    }
  }
  return check(inboundEventSchema, event, 'event');
}

function mapEvent(m: WecomEvent, base: (userId: string, msgId: string) => object): unknown {
  // Events carry no MsgId; WeCom's rule is to de-duplicate on sender + CreateTime + the event's own
  // keys (LOCATION events of one user can share a second, so include everything that distinguishes them).
  const msgId = eventDedupKey([
    m.FromUserName,
    String(m.CreateTime),
    m.Event,
    m.EventKey,
    m.TaskId,
    m.ResponseCode,
    m.Latitude,
    m.Longitude,
    m.ChangeType,
    m.UserID,
    m.NewUserID,
    m.Id,
  ]);
  const head = base(m.FromUserName, msgId);
  switch (m.Event) {
    case 'enter_agent':
      return { ...head, kind: 'enter' };
    case 'LOCATION':
      if (m.Latitude === undefined || m.Longitude === undefined)
        throw new WecomPayloadError('LOCATION event without coordinates');
      // Reported by the device when the user opens the app (if allowed), possibly every few seconds.
      return {
        ...head,
        kind: 'location',
        lat: m.Latitude,
        lng: m.Longitude,
        precision: m.Precision,
        source: 'im_event',
        passive: true,
      };
    case 'template_card_event':
      if (!m.TaskId || !m.EventKey)
        throw new WecomPayloadError('template_card_event without TaskId or EventKey');
      return {
        ...head,
        kind: 'card_action',
        cardId: m.TaskId,
        actionKey: m.EventKey,
        selected: selectedOptions(m),
        updateToken: m.ResponseCode,
      };
    case 'click':
      // A menu click is a command: admins set menu keys to command words (帮助, 签到 …).
      return m.EventKey
        ? { ...head, kind: 'text', text: m.EventKey }
        : { ...head, kind: 'unsupported', originalType: 'event:click' };
    case 'change_contact':
      return contactChangeOf(m, head);
    default:
      return { ...head, kind: 'unsupported', originalType: `event:${m.Event}`.slice(0, 64) };
  }
}

/** WeCom change_contact ChangeType → the neutral change; tag changes and unknown kinds are not ours. */
const WECOM_CONTACT_CHANGES: Record<string, ContactChange> = {
  create_user: 'user_created',
  update_user: 'user_updated',
  delete_user: 'user_deleted',
  create_party: 'department_created',
  update_party: 'department_updated',
  delete_party: 'department_deleted',
};

function contactChangeOf(m: WecomEvent, head: object): unknown {
  const change = WECOM_CONTACT_CHANGES[m.ChangeType ?? ''];
  if (!change)
    return {
      ...head,
      kind: 'unsupported',
      originalType: `event:change_contact:${m.ChangeType ?? ''}`.slice(0, 64),
    };
  // update_user may rename the member (NewUserID): the old id is gone, the new one is to be read.
  const subjectIds = change.startsWith('user_')
    ? [m.UserID, m.NewUserID].filter((id): id is string => id !== undefined)
    : m.Id === undefined || m.Id === ''
      ? []
      : [m.Id];
  if (subjectIds.length === 0)
    throw new WecomPayloadError(`change_contact ${m.ChangeType} without UserID or Id`);
  return { ...head, kind: 'contact_change', change, subjectIds };
}

function selectedOptions(m: WecomEvent): Record<string, string[]> {
  const items = typeof m.SelectedItems === 'object' ? m.SelectedItems.SelectedItem : [];
  return Object.fromEntries(items.map((item) => [item.QuestionKey, item.OptionIds?.OptionId ?? []]));
}

function eventDedupKey(parts: Array<string | number | undefined>): string {
  return `evt:${createHash('sha1')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')}`;
}
