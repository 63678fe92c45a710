import { Router } from '@koa/router';
import { getJsApiSignature } from '@wecom/crypto';
import { z } from 'zod';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { cspNonceOf } from '../http/security-headers';
import type { Intake } from '../intake';
import type { Logger } from '../logger';
import type { LinkSigner } from './link-signer';
import { isImWebview } from './im-webview';
import { renderLocationPage } from './location-page';

export interface H5RouteDeps {
  signer: LinkSigner;
  intake: Intake;
  logger: Logger;
  /** WeCom JS-SDK signing for the corp a link was issued in; undefined when that corp has no WeCom app here. */
  wecomJsApiFor: (tenantId: string) => Promise<WecomJsApi | undefined>;
  now?: () => Date;
}

export interface WecomJsApi {
  corpId: string;
  getTicket: () => Promise<string>;
}

const locationPostSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().nonnegative().max(100_000).optional(),
  label: z.string().max(256).optional(),
  /** What the page used: the IM's JS-SDK, the browser's geolocation, or coordinates typed by hand. */
  source: z.enum(['im_sdk', 'browser', 'typed']),
  /** The page's own id for the phone it runs on (kept in the webview's storage), for 设备变化. */
  device: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
});

const LINK_ERRORS = {
  malformed: '链接无效，请在聊天中重新发送「定位」获取新链接。',
  signature: '链接无效，请在聊天中重新发送「定位」获取新链接。',
  expired: '链接已过期（15分钟），请在聊天中重新发送「定位」。',
  used: '这个链接已经用过了，请在聊天中重新发送「定位」获取新链接。',
} as const;

/**
 * `/h5/location`: opened from a card button with a signed one-time link; posts the position back as a
 * `location` event through the same inbox as the webhooks.
 */
export function createH5Router(deps: H5RouteDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = new Router();

  router.get('/h5/location', (ctx) => {
    const check = deps.signer.verify(String(ctx.query.t ?? ''), now().getTime());
    ctx.type = 'html';
    if (!check.ok) {
      ctx.status = check.reason === 'expired' ? 410 : 400;
      ctx.body = `<!doctype html><meta charset="utf-8"><p>${LINK_ERRORS[check.reason]}</p>`;
      return;
    }
    ctx.body = renderLocationPage(String(ctx.query.t), cspNonceOf(ctx));
  });

  router.get('/h5/jsapi-config', async (ctx) => {
    const check = deps.signer.verify(String(ctx.query.t ?? ''), now().getTime());
    const url = String(ctx.query.url ?? '');
    // Signed with the ticket of the link's own corp: another corp's signature fails wx.config.
    const jsApi =
      check.ok && check.payload.p === 'wecom' ? await deps.wecomJsApiFor(check.payload.t) : undefined;
    if (!check.ok || !jsApi || !url) {
      ctx.status = 400;
      ctx.body = { message: check.ok ? '未配置企业微信 JS-SDK' : LINK_ERRORS[check.reason] };
      return;
    }
    const signature = getJsApiSignature({ url, ticket: await jsApi.getTicket() });
    ctx.body = { corpId: jsApi.corpId, ...signature };
  });

  // The link's token rides in the query string, as on the page itself, so a forged or stale link is
  // refused before a byte of its body is read.
  router.post('/h5/location', async (ctx) => {
    const at = now();
    const check = deps.signer.verify(String(ctx.query.t ?? ''), at.getTime());
    if (!check.ok) {
      ctx.status = check.reason === 'expired' ? 410 : 400;
      ctx.body = { message: LINK_ERRORS[check.reason] };
      return;
    }
    let body;
    try {
      body = locationPostSchema.safeParse(JSON.parse(await readBody(ctx, 16 * 1024)));
    } catch (error) {
      ctx.status = error instanceof BodyTooLargeError ? 413 : 400;
      ctx.body = { message: '请求格式错误' };
      return;
    }
    if (!body.success) {
      ctx.status = 400;
      ctx.body = { message: '坐标格式错误' };
      return;
    }
    const { payload } = check;
    // The JS-SDK answers only inside the IM's webview: a claim from anywhere else is a browser's position.
    const source =
      body.data.source === 'im_sdk' && !isImWebview(payload.p, ctx.get('user-agent'))
        ? 'browser'
        : body.data.source;
    if (source !== body.data.source)
      deps.logger.warn(
        { tenant: payload.t, user: payload.u },
        'h5 location claimed the IM JS-SDK outside the IM',
      );
    const event: InboundEvent = {
      tenantId: payload.t,
      platform: payload.p,
      userId: payload.u,
      msgId: `h5:${payload.n}`,
      receivedAt: at,
      kind: 'location',
      lat: body.data.lat,
      lng: body.data.lng,
      label: body.data.label,
      precision: body.data.accuracy,
      source,
      passive: false,
      intent: payload.i,
      deviceId: body.data.device,
    };
    // The link's nonce is the event's msgId, so the inbox's unique key is what makes the link one-time.
    const { duplicates } = await deps.intake.accept([event]);
    if (duplicates > 0) {
      ctx.status = 409;
      ctx.body = { message: LINK_ERRORS.used };
      return;
    }
    deps.logger.info({ tenant: payload.t, user: payload.u, source }, 'h5 location received');
    ctx.body = { ok: true };
  });

  return router;
}
