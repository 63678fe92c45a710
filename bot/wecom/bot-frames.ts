import { inboundEventSchema, type InboundEvent } from '../../domain/messages/inbound-event';

/**
 * Frames of the WeCom intelligent bot's long connection (智能机器人 长连接), as @wecom/aibot-node-sdk hands
 * them over: `{cmd, headers: {req_id}, body}` with `cmd` `aibot_msg_callback` (text, image, mixed, voice,
 * file, video) or `aibot_event_callback` (enter_chat, template_card_event, feedback_event). A reply is
 * bound to the frame's req_id; the kind of reply it allows rides along in the event's `replyHandle`.
 */
export interface BotFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: BotFrameBody;
}

interface BotFrameBody {
  msgid?: string;
  msgtype?: string;
  from?: { userid?: string };
  text?: { content?: string };
  voice?: { content?: string };
  image?: { url?: string; aeskey?: string };
  mixed?: {
    msg_item?: Array<{
      msgtype?: string;
      text?: { content?: string };
      image?: { url?: string; aeskey?: string };
    }>;
  };
  event?: { eventtype?: string; event_key?: string; task_id?: string };
}

/**
 * How a reply to the frame goes back: a message reply (`msg`), a welcome (enter_chat, within 5 s), or
 * a push (`event`: a card event takes only its card's update).
 */
export type BotReplyKind = 'msg' | 'welcome' | 'event';

export function replyHandleOf(kind: BotReplyKind, reqId: string): string {
  return `${kind}:${reqId}`;
}

export function parseReplyHandle(
  handle: string | undefined,
): { kind: BotReplyKind; reqId: string } | undefined {
  const match = handle ? /^(msg|welcome|event):(.+)$/.exec(handle) : null;
  return match ? { kind: match[1] as BotReplyKind, reqId: match[2] as string } : undefined;
}

/** Image events keep the decryption key in `mediaId` behind this mark; the URL (valid 5 min) in `url`. */
export const BOT_MEDIA_PREFIX = 'aibot:';

/** A frame → the neutral event; null for frames nobody handles (feedback, disconnect notices). */
export function parseBotFrame(frame: BotFrame, tenantId: string, receivedAt: Date): InboundEvent | null {
  const body = frame.body;
  const userId = body?.from?.userid;
  if (!body?.msgid || !userId) return null;
  const base = {
    tenantId,
    platform: 'wecom' as const,
    userId,
    msgId: body.msgid,
    receivedAt,
    replyHandle: replyHandleOf('msg', frame.headers.req_id),
  };
  const event = toEvent(body, base, frame.headers.req_id);
  if (!event) return null;
  const parsed = inboundEventSchema.safeParse(event);
  return parsed.success ? parsed.data : { ...base, kind: 'unsupported', originalType: 'invalid' };
}

function toEvent(
  body: BotFrameBody,
  base: Record<string, unknown>,
  reqId: string,
): Record<string, unknown> | null {
  switch (body.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: (body.text?.content ?? '').trim() };
    case 'voice':
      // The platform transcribes voice; the words are what the user meant to type.
      return { ...base, kind: 'text', text: (body.voice?.content ?? '').trim() };
    case 'image':
      return imageEvent(base, body.image);
    case 'mixed': {
      const items = body.mixed?.msg_item ?? [];
      const words = items.flatMap((i) => (i.msgtype === 'text' && i.text?.content ? [i.text.content] : []));
      if (words.length > 0) return { ...base, kind: 'text', text: words.join('\n').trim() };
      return imageEvent(base, items.find((i) => i.msgtype === 'image')?.image);
    }
    case 'event':
      return eventOf(body, base, reqId);
    default:
      return { ...base, kind: 'unsupported', originalType: String(body.msgtype ?? 'unknown').slice(0, 64) };
  }
}

function imageEvent(base: Record<string, unknown>, image: { url?: string; aeskey?: string } | undefined) {
  if (!image?.url) return { ...base, kind: 'unsupported', originalType: 'image' };
  return { ...base, kind: 'image', mediaId: `${BOT_MEDIA_PREFIX}${image.aeskey ?? ''}`, url: image.url };
}

function eventOf(body: BotFrameBody, base: Record<string, unknown>, reqId: string) {
  switch (body.event?.eventtype) {
    case 'enter_chat':
      return { ...base, kind: 'enter', replyHandle: replyHandleOf('welcome', reqId) };
    case 'template_card_event':
      // The card is updated in place with the event's req_id (within 5 s); other replies are pushed.
      return {
        ...base,
        kind: 'card_action',
        cardId: body.event.task_id ?? '',
        actionKey: body.event.event_key ?? '',
        updateToken: reqId,
        replyHandle: replyHandleOf('event', reqId),
      };
    default:
      return null;
  }
}
