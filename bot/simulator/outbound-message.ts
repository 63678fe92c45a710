import { z } from 'zod';
import type { ChatContent } from './chat-store';
import type { MediaStore } from './media-store';
import { templateCardSchema, toCardView } from './template-card';
import { WECOM_ERRORS, errorBody } from './wecom-errors';

/** WeCom limits text and markdown content to 2048 bytes (UTF-8). */
const MAX_CONTENT_BYTES = 2048;

const agentId = z.union([z.number(), z.string()]).transform(String);

export const sendMessageSchema = z.object({
  touser: z.string().optional(),
  toparty: z.string().optional(),
  totag: z.string().optional(),
  msgtype: z.string(),
  agentid: agentId,
  text: z.object({ content: z.string() }).optional(),
  markdown: z.object({ content: z.string() }).optional(),
  image: z.object({ media_id: z.string() }).optional(),
  template_card: z.unknown().optional(),
});

export const updateCardSchema = z.object({
  userids: z.array(z.string()).optional(),
  atall: z.number().optional(),
  agentid: agentId,
  response_code: z.string().min(1),
  button: z.object({ replace_name: z.string().min(1) }).optional(),
  template_card: z.unknown().optional(),
});

export type SendMessage = z.infer<typeof sendMessageSchema>;

export type ContentResult =
  | { ok: true; content: ChatContent; taskId?: string; interactive: boolean }
  | { ok: false; error: { errcode: number; errmsg: string } };

/** Turns the body of message/send into what the chat shows, refusing what WeCom would refuse. */
export function toChatContent(message: SendMessage, media: MediaStore): ContentResult {
  switch (message.msgtype) {
    case 'text':
    case 'markdown': {
      const content = message.msgtype === 'text' ? message.text?.content : message.markdown?.content;
      if (!content) return { ok: false, error: errorBody(WECOM_ERRORS.emptyContent) };
      const bytes = Buffer.byteLength(content, 'utf8');
      if (bytes > MAX_CONTENT_BYTES) {
        return {
          ok: false,
          error: errorBody(WECOM_ERRORS.contentTooLong, `${bytes} bytes > ${MAX_CONTENT_BYTES}`),
        };
      }
      return { ok: true, content: { kind: message.msgtype, text: content }, interactive: false };
    }
    case 'image': {
      const mediaId = message.image?.media_id ?? '';
      if (!media.get(mediaId)) return { ok: false, error: errorBody(WECOM_ERRORS.invalidMediaId) };
      return { ok: true, content: { kind: 'image', mediaId, url: mediaUrl(mediaId) }, interactive: false };
    }
    case 'template_card': {
      const card = parseTemplateCard(message.template_card);
      if (!card.ok) return card;
      const view = card.view;
      return {
        ok: true,
        content: { kind: 'card', card: view },
        taskId: view.taskId,
        interactive: view.cardType !== 'text_notice' && view.cardType !== 'news_notice',
      };
    }
    default:
      return { ok: false, error: errorBody(WECOM_ERRORS.invalidMessageType, message.msgtype) };
  }
}

export function parseTemplateCard(
  raw: unknown,
):
  | { ok: true; view: ReturnType<typeof toCardView> }
  | { ok: false; error: { errcode: number; errmsg: string } } {
  const parsed = templateCardSchema.safeParse(raw);
  if (!parsed.success) {
    const hint = parsed.error.issues.map((i) => `template_card.${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, error: errorBody(WECOM_ERRORS.invalidParameter, hint) };
  }
  return { ok: true, view: toCardView(parsed.data) };
}

/** Where the page loads a media file from (relative: the page and the simulator share an origin). */
export function mediaUrl(mediaId: string): string {
  return `/sim/media/${encodeURIComponent(mediaId)}`;
}
