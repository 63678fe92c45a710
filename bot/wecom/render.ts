import { escapeMarkdown } from '../../domain/text/markdown';
import type { Card, CardButton, Reply } from '../../domain/messages/reply';

/**
 * Pure rendering of our neutral `Reply` into WeCom request bodies (without `access_token`, which goes
 * in the query). Limits follow WeCom's 发送应用消息 (document/path/90236), 模板卡片 and
 * 更新模版卡片消息 (document/path/94888) pages.
 */

/** text.content and markdown.content: at most 2048 bytes of UTF-8. */
export const WECOM_CONTENT_MAX_BYTES = 2048;
/** template_card.task_id: unique per app, ≤128 bytes of digits, letters and `_-@`. */
export const WECOM_TASK_ID_MAX_BYTES = 128;
export const WECOM_TASK_ID_PATTERN = /^[0-9A-Za-z_@-]+$/;
/** button_list: at most 6 buttons; each key ≤1024 bytes and unique within the card. */
export const WECOM_MAX_BUTTONS = 6;
export const WECOM_BUTTON_KEY_MAX_BYTES = 1024;
/** horizontal_content_list: at most 6 rows. */
export const WECOM_MAX_HORIZONTAL_CONTENT = 6;
/** text_notice jump_list: at most 3 links. */
export const WECOM_MAX_JUMP_LIST = 3;
/**
 * Button `style` takes 1..4 (wrong or missing = 1). WeCom's style chart for app messages names them
 * B1 强调 (emphasis), B2 次强调 (secondary), B3 中性 (neutral), B4 负向 (negative).
 */
export const WECOM_BUTTON_STYLE = { primary: 1, default: 3, danger: 4 } as const;

const ELLIPSIS = '…';

export const WECOM_RENDER_ERROR_CODES = [
  'wecom.render.missing_update_token',
  'wecom.render.missing_media_id',
  'wecom.render.invalid_task_id',
  'wecom.render.too_many_buttons',
  'wecom.render.too_many_fields',
  'wecom.render.invalid_button_key',
  'wecom.render.closed_card_without_status',
] as const;
export type WecomRenderErrorCode = (typeof WECOM_RENDER_ERROR_CODES)[number];

/** A reply that WeCom cannot show as asked; retrying will not help. */
export class WecomRenderError extends Error {
  constructor(
    readonly code: WecomRenderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WecomRenderError';
  }
}

export interface WecomRenderTarget {
  /** WeCom UserID of the one recipient. */
  recipient: string;
  agentId: number;
  /** From media/upload; required for image replies. */
  mediaId?: string;
  /** The deployment's mark, appended to every task_id (see `taskIdOf`). */
  taskIdTag?: string;
}

/**
 * WeCom refuses a task_id it has seen from the app before, and card ids come from row ids (`loc-12`): after
 * a database reset, or with two deployments on one app, they repeat. The deployment's mark (drawn once
 * per database) makes them unique; `cardIdOf` takes it off again when the card's event comes back.
 */
export function taskIdOf(cardId: string, tag: string | undefined): string {
  return tag ? `${cardId}@${tag}` : cardId;
}

/** The card id inside a task_id this deployment sent (other task_ids are left as they are). */
export function cardIdOf(taskId: string, tag: string | undefined): string {
  return tag && taskId.endsWith(`@${tag}`) ? taskId.slice(0, -(tag.length + 1)) : taskId;
}

export type WecomButtonStyle = (typeof WECOM_BUTTON_STYLE)[keyof typeof WECOM_BUTTON_STYLE];
/** `type` 0 (omitted) = callback with `key` as EventKey; 1 = open `url`. */
export type WecomButton =
  | { text: string; style: WecomButtonStyle; key: string }
  | { type: 1; text: string; style: WecomButtonStyle; url: string };

interface WecomCardCommon {
  task_id: string;
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
}
export interface WecomButtonCard extends WecomCardCommon {
  card_type: 'button_interaction';
  button_list: WecomButton[];
}
export interface WecomTextNoticeCard extends WecomCardCommon {
  card_type: 'text_notice';
  card_action: { type: 1; url: string };
  jump_list: Array<{ type: 1; title: string; url: string }>;
}
export type WecomTemplateCard = WecomButtonCard | WecomTextNoticeCard;

interface WecomSendTarget {
  touser: string;
  agentid: number;
}
export type WecomSendBody = WecomSendTarget &
  (
    | { msgtype: 'text'; text: { content: string } }
    | { msgtype: 'markdown'; markdown: { content: string } }
    | { msgtype: 'image'; image: { media_id: string } }
    | { msgtype: 'template_card'; template_card: WecomTemplateCard }
  );

export type WecomUpdateCardBody = { userids: string[]; agentid: number; response_code: string } & (
  { button: { replace_name: string } } | { template_card: WecomTemplateCard }
);

export type SendableReply = Exclude<Reply, { kind: 'card_update' }>;
export type CardUpdateReply = Extract<Reply, { kind: 'card_update' }>;

/** The `message/send` body for every reply kind except `card_update`. */
export function renderMessageBody(reply: SendableReply, target: WecomRenderTarget): WecomSendBody {
  const to = { touser: target.recipient, agentid: target.agentId };
  switch (reply.kind) {
    case 'text':
      return { ...to, msgtype: 'text', text: { content: truncateUtf8(reply.text, WECOM_CONTENT_MAX_BYTES) } };
    case 'markdown':
      // WeCom markdown has no title field; like DingTalk's, our title is only a preview, so the text carries it all.
      return {
        ...to,
        msgtype: 'markdown',
        markdown: { content: truncateUtf8(reply.text, WECOM_CONTENT_MAX_BYTES) },
      };
    case 'image':
      if (!target.mediaId) {
        throw new WecomRenderError(
          'wecom.render.missing_media_id',
          'an image reply needs the media_id from media/upload',
        );
      }
      return { ...to, msgtype: 'image', image: { media_id: target.mediaId } };
    case 'card':
      // A template card needs buttons (button_interaction) or a link (text_notice's required card_action);
      // a card with neither is plain information and reads fine as markdown.
      if (reply.card.buttons.length === 0) {
        return { ...to, msgtype: 'markdown', markdown: { content: renderCardAsMarkdown(reply.card) } };
      }
      return {
        ...to,
        msgtype: 'template_card',
        template_card: renderTemplateCard(reply.card, target.taskIdTag),
      };
  }
}

/**
 * The `message/update_template_card` body. A closed card (a status and no buttons) uses WeCom's
 * `button.replace_name`, which greys the buttons out with the outcome as their label; anything else
 * replaces the whole card. `response_code` is single use and valid 72 h.
 */
export function renderUpdateCardBody(reply: CardUpdateReply, target: WecomRenderTarget): WecomUpdateCardBody {
  if (!reply.updateToken) {
    throw new WecomRenderError(
      'wecom.render.missing_update_token',
      `card ${reply.card.id}: update_template_card needs the ResponseCode from the card event (updateToken)`,
    );
  }
  const to = { userids: [target.recipient], agentid: target.agentId, response_code: reply.updateToken };
  const { card } = reply;
  if (card.buttons.length === 0) {
    if (card.status === undefined) {
      throw new WecomRenderError(
        'wecom.render.closed_card_without_status',
        `card ${card.id}: a card update without buttons needs a status to show on the greyed-out buttons`,
      );
    }
    return { ...to, button: { replace_name: card.status } };
  }
  return { ...to, template_card: renderTemplateCard(card, target.taskIdTag) };
}

/**
 * A card with callback buttons becomes `button_interaction` (links ride along as `type: 1` buttons); a
 * card with only links becomes `text_notice`, whose whole-card action and jump_list open them.
 */
export function renderTemplateCard(card: Card, taskIdTag?: string): WecomTemplateCard {
  const taskId = taskIdOf(card.id, taskIdTag);
  assertTaskId(taskId);
  if (card.fields.length > WECOM_MAX_HORIZONTAL_CONTENT) {
    throw new WecomRenderError(
      'wecom.render.too_many_fields',
      `card ${card.id}: ${card.fields.length} fields, WeCom shows at most ${WECOM_MAX_HORIZONTAL_CONTENT}`,
    );
  }
  if (card.buttons.length > WECOM_MAX_BUTTONS) {
    throw new WecomRenderError(
      'wecom.render.too_many_buttons',
      `card ${card.id}: ${card.buttons.length} buttons, WeCom allows at most ${WECOM_MAX_BUTTONS}`,
    );
  }
  const common: WecomCardCommon = {
    task_id: taskId,
    main_title: card.status === undefined ? { title: card.title } : { title: card.title, desc: card.status },
    ...(card.description ? { sub_title_text: card.description } : {}),
    ...(card.fields.length > 0
      ? { horizontal_content_list: card.fields.map((f) => ({ keyname: f.label, value: f.value })) }
      : {}),
  };
  const links = card.buttons.filter((b) => b.type === 'link');
  const [firstLink] = links;
  if (firstLink && links.length === card.buttons.length && links.length <= WECOM_MAX_JUMP_LIST) {
    return {
      card_type: 'text_notice',
      ...common,
      card_action: { type: 1, url: firstLink.url },
      jump_list: links.map((l) => ({ type: 1, title: l.label, url: l.url })),
    };
  }
  assertButtonKeys(card);
  return { card_type: 'button_interaction', ...common, button_list: card.buttons.map(renderButton) };
}

export function renderButton(button: CardButton): WecomButton {
  if (button.type === 'link') {
    return { type: 1, text: button.label, style: WECOM_BUTTON_STYLE.default, url: button.url };
  }
  return { text: button.label, style: WECOM_BUTTON_STYLE[button.style], key: button.key };
}

/** Cuts `text` to at most `maxBytes` of UTF-8, on a grapheme boundary, ending with '…' when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS, 'utf8');
  let used = 0;
  let kept = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (used + size > budget) break;
    used += size;
    kept += segment;
  }
  return kept + ELLIPSIS;
}

/** A card's text is plain (names, what users wrote): escaped where it becomes markdown. */
export function renderCardAsMarkdown(card: Card): string {
  const lines = [`**${escapeMarkdown(card.title)}**`];
  if (card.status !== undefined) lines.push(`<font color="info">${escapeMarkdown(card.status)}</font>`);
  if (card.description) lines.push(escapeMarkdown(card.description));
  for (const field of card.fields)
    lines.push(`${escapeMarkdown(field.label)}：${escapeMarkdown(field.value)}`);
  return truncateUtf8(lines.join('\n'), WECOM_CONTENT_MAX_BYTES);
}

function assertTaskId(id: string): void {
  if (!WECOM_TASK_ID_PATTERN.test(id) || Buffer.byteLength(id, 'utf8') > WECOM_TASK_ID_MAX_BYTES) {
    throw new WecomRenderError(
      'wecom.render.invalid_task_id',
      `card id "${id}" is not a valid WeCom task_id (≤${WECOM_TASK_ID_MAX_BYTES} bytes of [0-9A-Za-z_@-])`,
    );
  }
}

function assertButtonKeys(card: Card): void {
  const seen = new Set<string>();
  for (const button of card.buttons) {
    if (button.type !== 'action') continue;
    if (Buffer.byteLength(button.key, 'utf8') > WECOM_BUTTON_KEY_MAX_BYTES || seen.has(button.key)) {
      throw new WecomRenderError(
        'wecom.render.invalid_button_key',
        `card ${card.id}: button keys must be unique and ≤${WECOM_BUTTON_KEY_MAX_BYTES} bytes ("${button.label}")`,
      );
    }
    seen.add(button.key);
  }
}
