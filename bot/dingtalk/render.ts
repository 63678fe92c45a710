import { escapeMarkdown } from '../../domain/text/markdown';
import { imageTypeOf, withExtension } from '../../domain/messages/image-type';
import type { Card, Reply } from '../../domain/messages/reply';

/**
 * Reply → DingTalk request bodies. Pure: the client decides when to call, this file decides what to send.
 */

/** A robot message template ("消息模板"): `msgKey` names it, `msgParam` fills it (strings only). */
export interface RobotMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

export interface BatchSendBody {
  robotCode: string;
  userIds: string[];
  msgKey: string;
  msgParam: string;
}

export interface CreateAndDeliverCardBody {
  cardTemplateId: string;
  outTrackId: string;
  callbackType: 'HTTP';
  cardData: { cardParamMap: Record<string, string> };
  openSpaceId: string;
  imRobotOpenSpaceModel: { supportForward: boolean };
  imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT'; robotCode: string };
}

export interface UpdateCardBody {
  outTrackId: string;
  cardData: { cardParamMap: Record<string, string> };
}

export interface DingtalkSendTarget {
  recipient: string;
  robotCode: string;
  cardTemplateId?: string;
}

/** What the client has to do for one reply. Images need an upload first, so they carry the bytes. */
export type DingtalkSendPlan =
  | { kind: 'robot_message'; message: RobotMessage }
  | { kind: 'upload_image'; png: Buffer; fileName: string; contentType: string }
  | { kind: 'create_card'; body: CreateAndDeliverCardBody }
  | { kind: 'update_card'; body: UpdateCardBody };

export function planDingtalkSend(reply: Reply, target: DingtalkSendTarget): DingtalkSendPlan {
  switch (reply.kind) {
    case 'text':
      return { kind: 'robot_message', message: renderTextMessage(reply.text) };
    case 'markdown':
      return { kind: 'robot_message', message: renderMarkdownMessage(reply.title, reply.text) };
    case 'image': {
      // The type and extension DingTalk gets are those of the bytes.
      const png = Buffer.from(reply.dataBase64, 'base64');
      const type = imageTypeOf(png);
      return type
        ? {
            kind: 'upload_image',
            png,
            fileName: withExtension(reply.fileName, type),
            contentType: type.contentType,
          }
        : { kind: 'upload_image', png, fileName: reply.fileName, contentType: reply.contentType };
    }
    case 'card':
      if (!target.cardTemplateId) return { kind: 'robot_message', message: renderCardFallback(reply.card) };
      return {
        kind: 'create_card',
        body: buildCreateAndDeliverBody(reply.card, target, target.cardTemplateId),
      };
    case 'card_update':
      // Without a card template the card went out as a plain robot message, which DingTalk cannot edit;
      // the decision is then sent as a new message instead.
      if (!target.cardTemplateId) return { kind: 'robot_message', message: renderCardFallback(reply.card) };
      return { kind: 'update_card', body: buildUpdateCardBody(reply.card) };
  }
}

export function renderTextMessage(content: string): RobotMessage {
  return { msgKey: 'sampleText', msgParam: { content } };
}

export function renderMarkdownMessage(title: string, text: string): RobotMessage {
  return { msgKey: 'sampleMarkdown', msgParam: { title, text } };
}

/** `photoURL` accepts the media_id returned by the legacy media upload as well as a URL. */
export function renderImageMessage(mediaId: string): RobotMessage {
  return { msgKey: 'sampleImageMsg', msgParam: { photoURL: mediaId } };
}

/** `POST /v1.0/robot/oToMessages/batchSend`: msgParam is a JSON string, not an object. */
export function buildBatchSendBody(
  robotCode: string,
  recipient: string,
  message: RobotMessage,
): BatchSendBody {
  return {
    robotCode,
    userIds: [recipient],
    msgKey: message.msgKey,
    msgParam: JSON.stringify(message.msgParam),
  };
}

/**
 * Card template variables must all be strings (DingTalk cardParamMap). Lists travel as JSON strings
 * (`fields`, `buttons`) for templates with loops, plus `fieldsMarkdown` for templates with one text block.
 */
export function renderCardParamMap(card: Card): Record<string, string> {
  return {
    title: card.title,
    description: card.description ?? '',
    status: card.status ?? '',
    fields: JSON.stringify(card.fields),
    fieldsMarkdown: card.fields.map((field) => `**${field.label}**：${field.value}`).join('\n'),
    buttons: JSON.stringify(card.buttons),
  };
}

export function buildCreateAndDeliverBody(
  card: Card,
  target: DingtalkSendTarget,
  cardTemplateId: string,
): CreateAndDeliverCardBody {
  return {
    cardTemplateId,
    outTrackId: card.id,
    // HTTP callbacks go to the corp's registered card callback URL (no callbackRouteKey: the default route).
    callbackType: 'HTTP',
    cardData: { cardParamMap: renderCardParamMap(card) },
    // One-to-one robot chat space: "dtv1.card//IM_ROBOT.<userId>" (DingTalk 卡片投放 openSpaceId rule).
    openSpaceId: `dtv1.card//IM_ROBOT.${target.recipient}`,
    imRobotOpenSpaceModel: { supportForward: false },
    imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: target.robotCode },
  };
}

export function buildUpdateCardBody(card: Card): UpdateCardBody {
  return { outTrackId: card.id, cardData: { cardParamMap: renderCardParamMap(card) } };
}

/**
 * Without a card template (DINGTALK_CARD_TEMPLATE_ID unset) the robot can only send its built-in
 * templates, whose buttons open URLs and never call back (sampleActionCard). So the card becomes
 * markdown listing its fields; the first link button becomes the sampleActionCard button and further
 * links are markdown links. Action buttons cannot be offered this way and are left out.
 */
export function renderCardFallback(card: Card): RobotMessage {
  const links = card.buttons.filter((button) => button.type === 'link');
  const [first, ...others] = links;
  // The card's text is plain (names, what users wrote): escaped where it becomes markdown.
  const md = escapeMarkdown;
  const lines = [
    `### ${md(card.title)}`,
    ...(card.description ? [md(card.description)] : []),
    ...card.fields.map((field) => `**${md(field.label)}**：${md(field.value)}`),
    ...(card.status ? [`**状态**：${md(card.status)}`] : []),
    ...others.map((link) => `[${md(link.label)}](${link.url})`),
  ];
  // DingTalk markdown needs a blank line to break a paragraph.
  const text = lines.join('\n\n');
  if (!first) return renderMarkdownMessage(card.title, text);
  return {
    msgKey: 'sampleActionCard',
    msgParam: { title: card.title, text, singleTitle: first.label, singleURL: first.url },
  };
}

export function hasActionButtons(card: Card): boolean {
  return card.buttons.some((button) => button.type === 'action');
}
