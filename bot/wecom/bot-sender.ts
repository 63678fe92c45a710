import { randomUUID } from 'node:crypto';
import type { WSClient } from '@wecom/aibot-node-sdk';
import type { Card, Reply } from '../../domain/messages/reply';
import {
  PlatformApiError,
  type DeliveryAttempt,
  type PlatformSender,
  type SendResult,
} from '../outbox/platform';
import { escapeMarkdown } from '../../domain/text/markdown';
import { parseReplyHandle } from './bot-frames';
import { renderCardAsMarkdown, renderTemplateCard, truncateUtf8, WecomRenderError } from './render';

/** The bot's markdown and stream content limit (bytes). */
const BOT_CONTENT_MAX_BYTES = 20_480;
/** The req_id is unknown or expired, or the stream can no longer be written: push instead. */
const HANDLE_EXPIRED = new Set([846605, 846608]);
/** Busy or rate-limited: worth another try later. */
const RETRYABLE = new Set([-1, 45009, 45033]);

export interface BotLink {
  client: WSClient;
  isUp(): boolean;
  /** The deployment's mark on task_ids (render.ts `taskIdOf`). */
  taskIdTag?: string;
}

/**
 * Delivers replies over the WeCom intelligent bot's connection: a reply to a message is a reply frame
 * bound to the message's req_id (`aibot_respond_msg`; a greeting to enter_chat is `aibot_respond_welcome_msg`);
 * a card update answers the card event's req_id (`aibot_respond_update_msg`); anything else, and a reply
 * whose req_id has expired, is an active push (`aibot_send_msg`). Only the instance holding the connection
 * can send; elsewhere a send fails as retryable and the outbox tries again.
 */
export class WecomBotSender implements PlatformSender {
  readonly platform = 'wecom' as const;

  constructor(private readonly link: BotLink) {}

  async send(recipient: string, reply: Reply, attempt?: DeliveryAttempt): Promise<SendResult> {
    if (!this.link.isUp())
      throw new PlatformApiError(
        'wecom',
        'aibot',
        'network',
        'the bot connection is not up on this instance',
        true,
      );
    await this.call(() => this.deliver(recipient, reply, attempt?.replyHandle));
    return {};
  }

  private async deliver(recipient: string, reply: Reply, replyHandle?: string): Promise<void> {
    const { client } = this.link;
    if (reply.kind === 'card_update') {
      if (reply.updateToken) {
        try {
          await client.updateTemplateCard(
            { headers: { req_id: reply.updateToken } },
            toTemplateCard(reply.card, this.link.taskIdTag),
          );
          return;
        } catch (error) {
          if (!isExpiredHandle(error)) throw error;
        }
      }
      return this.push(recipient, { kind: 'card', card: reply.card });
    }
    const handle = parseReplyHandle(replyHandle);
    if (handle && handle.kind !== 'event') {
      const frame = { headers: { req_id: handle.reqId } };
      try {
        if (reply.kind === 'image') {
          const mediaId = await this.upload(reply);
          await client.replyMedia(frame, 'image', mediaId);
        } else if (handle.kind === 'welcome') {
          await client.replyWelcome(frame, welcomeBody(reply, this.link.taskIdTag));
        } else if (reply.kind === 'card' && reply.card.buttons.length > 0) {
          await client.replyTemplateCard(frame, toTemplateCard(reply.card, this.link.taskIdTag));
        } else {
          await client.replyStream(frame, randomUUID().replace(/-/g, ''), contentOf(reply), true);
        }
        return;
      } catch (error) {
        if (!isExpiredHandle(error)) throw error;
      }
    }
    return this.push(recipient, reply);
  }

  private async push(recipient: string, reply: Exclude<Reply, { kind: 'card_update' }>): Promise<void> {
    const { client } = this.link;
    if (reply.kind === 'image') {
      await client.sendMediaMessage(recipient, 'image', await this.upload(reply));
    } else if (reply.kind === 'card' && reply.card.buttons.length > 0) {
      await client.sendMessage(recipient, {
        msgtype: 'template_card',
        template_card: toTemplateCard(reply.card, this.link.taskIdTag),
      });
    } else {
      await client.sendMessage(recipient, { msgtype: 'markdown', markdown: { content: contentOf(reply) } });
    }
  }

  private async upload(reply: Extract<Reply, { kind: 'image' }>): Promise<string> {
    const result = await this.link.client.uploadMedia(Buffer.from(reply.dataBase64, 'base64'), {
      type: 'image',
      filename: reply.fileName || 'image.png',
    });
    return result.media_id;
  }

  /** The SDK rejects with the platform's answer frame ({errcode, errmsg}) or an Error; both become PlatformApiError. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPlatformError(error);
    }
  }
}

/** The bot shows text as markdown: a plain text reply (it may quote what a user typed) is escaped. */
function contentOf(reply: Exclude<Reply, { kind: 'card_update' | 'image' }>): string {
  const text =
    reply.kind === 'card'
      ? renderCardAsMarkdown(reply.card)
      : reply.kind === 'text'
        ? escapeMarkdown(reply.text)
        : reply.text;
  return truncateUtf8(text, BOT_CONTENT_MAX_BYTES);
}

function welcomeBody(
  reply: Exclude<Reply, { kind: 'card_update' | 'image' }>,
  taskIdTag: string | undefined,
) {
  if (reply.kind === 'card' && reply.card.buttons.length > 0)
    return { msgtype: 'template_card' as const, template_card: toTemplateCard(reply.card, taskIdTag) };
  const text = reply.kind === 'card' ? renderCardAsMarkdown(reply.card) : reply.text;
  return { msgtype: 'text' as const, text: { content: truncateUtf8(text, BOT_CONTENT_MAX_BYTES) } };
}

function toTemplateCard(card: Card, taskIdTag: string | undefined) {
  return renderTemplateCard(card, taskIdTag) as unknown as Parameters<WSClient['replyTemplateCard']>[1];
}

function errcodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'errcode' in error) return Number(error.errcode);
  return undefined;
}

function isExpiredHandle(error: unknown): boolean {
  const code = errcodeOf(error);
  return code !== undefined && HANDLE_EXPIRED.has(code);
}

function toPlatformError(error: unknown): PlatformApiError {
  if (error instanceof PlatformApiError) return error;
  if (error instanceof WecomRenderError)
    return new PlatformApiError('wecom', 'aibot', error.code, error.message, false);
  const code = errcodeOf(error);
  if (code !== undefined) {
    const message = String((error as { errmsg?: unknown }).errmsg ?? 'error');
    return new PlatformApiError('wecom', 'aibot', String(code), message, RETRYABLE.has(code));
  }
  const message = error instanceof Error ? error.message : String(error);
  // No answer within the SDK's 5 s: the frame may have landed. A closed socket: it did not.
  const kind = /timeout/i.test(message) ? 'timeout' : 'network';
  return new PlatformApiError('wecom', 'aibot', kind, message, true);
}
