import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { z } from 'zod';
import type { CallbackMessage } from './callback-xml';
import type { ChatContent } from './chat-store';
import { queryString, readBytes, readJson } from './http-body';
import { mediaUrl } from './outbound-message';
import { ROLE_LABELS } from './seed';
import type { SimulatorState } from './simulator-state';

/** Pictures a user sends: WeCom's own chat caps images at 10 MB. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const userId = z.string().min(1).max(64);

/** `POST /sim/send`: one user action, used by the page, the e2e tests and the benchmarks. */
export const simSendSchema = z.discriminatedUnion('kind', [
  z.object({ userId, kind: z.literal('text'), text: z.string().min(1).max(4096) }),
  z.object({
    userId,
    kind: z.literal('location'),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    label: z.string().max(512).default(''),
    scale: z.number().int().min(1).max(20).default(15),
  }),
  z.object({
    userId,
    kind: z.literal('image'),
    /** Either a media id from `POST /sim/upload`, or the picture itself. */
    mediaId: z.string().min(1).optional(),
    dataBase64: z.string().min(1).optional(),
    contentType: z.string().default('image/png'),
  }),
  z.object({
    userId,
    kind: z.literal('card_action'),
    taskId: z.string().min(1),
    eventKey: z.string().min(1),
    /** question_key → chosen option ids, for vote and multiple-choice cards. */
    selected: z.record(z.string(), z.array(z.string())).default({}),
  }),
  z.object({ userId, kind: z.literal('enter') }),
]);

export type SimSendRequest = z.input<typeof simSendSchema>;

/** The page's own endpoints: who can chat, what to draw, send an action, read the conversation. */
export function registerPageApi(router: Router, state: SimulatorState): void {
  router.get('/sim/seed', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      users: state.seed.users.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] ?? u.role })),
      customers: state.seed.customers,
      places: state.seed.places,
      timeZone: state.timeZone,
    };
  });

  router.get('/sim/messages', (ctx) => {
    const user = queryString(ctx, 'userId') ?? '';
    if (!state.userIds.has(user)) return badRequest(ctx, `unknown userId "${user}"`);
    const after = Number(queryString(ctx, 'after') ?? 0);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = state.chats.list(user, Number.isFinite(after) ? after : 0);
  });

  router.get('/sim/media/:mediaId', (ctx) => {
    const stored = state.media.get(ctx.params.mediaId ?? '');
    if (!stored) {
      ctx.status = 404;
      return;
    }
    ctx.type = stored.contentType;
    ctx.body = stored.bytes;
  });

  router.post('/sim/upload', async (ctx) => {
    const contentType = ctx.get('content-type') || 'application/octet-stream';
    if (!contentType.startsWith('image/'))
      return badRequest(ctx, 'send the picture as the body with an image/* content-type');
    const bytes = await readBytes(ctx, MAX_IMAGE_BYTES);
    const stored = state.media.put({ type: 'image', contentType, fileName: 'photo', bytes });
    ctx.body = { mediaId: stored.mediaId, url: mediaUrl(stored.mediaId) };
  });

  router.post('/sim/send', async (ctx) => {
    const parsed = simSendSchema.safeParse(await readJson(ctx, MAX_IMAGE_BYTES * 2));
    if (!parsed.success)
      return badRequest(ctx, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const request = parsed.data;
    if (!state.userIds.has(request.userId)) return badRequest(ctx, `unknown userId "${request.userId}"`);

    // Koa 3 `ctx.origin` is the Origin header; PicUrl needs the address this request reached.
    const origin = `${ctx.protocol}://${ctx.host}`;
    const prepared = prepare(state, request, origin);
    if ('error' in prepared) {
      ctx.status = prepared.status;
      ctx.body = { error: prepared.error };
      return;
    }
    const item = state.chats.append(request.userId, 'user', prepared.bubble);
    const result = await state.sender.deliver(request.userId, prepared.message, origin);
    state.chats.setDelivery(request.userId, item.id, {
      status: result.status,
      error: result.status === 200 ? undefined : result.detail,
    });
    ctx.body = {
      status: result.status,
      ok: result.status === 200,
      msgId: result.msgId,
      itemId: item.id,
      ...(result.status === 200 ? {} : { detail: result.detail }),
    };
  });

  router.post('/sim/tokens/expire', (ctx) => {
    // Lets a developer (or a test) watch the bot refresh its access token on 42001.
    state.tokens.expireAll();
    ctx.body = { ok: true };
  });
}

type Prepared =
  { bubble: ChatContent; message: CallbackMessage } | { status: 400 | 404 | 409; error: string };

/** What the user's side of the chat shows, and the callback WeCom would send for it. */
function prepare(state: SimulatorState, request: z.infer<typeof simSendSchema>, origin: string): Prepared {
  switch (request.kind) {
    case 'text':
      return {
        bubble: { kind: 'text', text: request.text },
        message: { kind: 'text', content: request.text },
      };
    case 'location': {
      const { lat, lng, label, scale } = request;
      return {
        bubble: { kind: 'location', lat, lng, label },
        message: { kind: 'location', lat, lng, label, scale },
      };
    }
    case 'image': {
      let mediaId = request.mediaId;
      if (!mediaId && request.dataBase64) {
        const bytes = Buffer.from(request.dataBase64, 'base64');
        mediaId = state.media.put({
          type: 'image',
          contentType: request.contentType,
          fileName: 'photo',
          bytes,
        }).mediaId;
      }
      if (!mediaId || !state.media.get(mediaId))
        return { status: 400, error: 'upload the picture first (mediaId) or pass dataBase64' };
      const url = mediaUrl(mediaId);
      return {
        bubble: { kind: 'image', mediaId, url },
        message: { kind: 'image', mediaId, picUrl: `${origin}${url}` },
      };
    }
    case 'card_action': {
      const item = state.chats.findCard(request.userId, request.taskId);
      if (!item) return { status: 404, error: `no card with task_id "${request.taskId}" in this chat` };
      // WeCom disables a card's buttons once it is updated with replace_name; a tap cannot happen.
      if (item.decided !== undefined) return { status: 409, error: `card already shows "${item.decided}"` };
      const button = item.card.buttons.find((b) => b.key === request.eventKey);
      const isSubmit = item.card.submit?.key === request.eventKey;
      if (!button && !isSubmit)
        return { status: 400, error: `the card has no button with key "${request.eventKey}"` };
      const responseCode = state.codes.issue({ userIds: [request.userId], taskId: request.taskId });
      return {
        bubble: {
          kind: 'note',
          text: `点击了「${button?.text ?? item.card.submit?.text ?? request.eventKey}」`,
        },
        message: {
          kind: 'card_action',
          eventKey: request.eventKey,
          taskId: request.taskId,
          cardType: item.card.cardType,
          responseCode,
          selected: Object.entries(request.selected).map(([questionKey, optionIds]) => ({
            questionKey,
            optionIds,
          })),
        },
      };
    }
    case 'enter':
      return { bubble: { kind: 'note', text: '进入了应用' }, message: { kind: 'enter' } };
  }
}

function badRequest(ctx: Context, error: string): void {
  ctx.status = 400;
  ctx.body = { error };
}
