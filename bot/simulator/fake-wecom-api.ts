import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { queryString, readFormData, readJson } from './http-body';
import { parseTemplateCard, sendMessageSchema, toChatContent, updateCardSchema } from './outbound-message';
import type { SimulatorState } from './simulator-state';
import type { CardView } from './template-card';
import { WECOM_ERRORS, errorBody, type WecomError } from './wecom-errors';

/** WeCom accepts temporary media up to 20 MB (images up to 10 MB); anything bigger is refused. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MEDIA_TYPES = ['image', 'voice', 'video', 'file'] as const;

const BASE = '/sim/api/cgi-bin';

/**
 * Stand-ins for the WeCom HTTP API the bot calls (WECOM_API_BASE points at /sim/api in simulator mode).
 * Like WeCom, every answer is HTTP 200 with `errcode`/`errmsg`; only media/get answers bytes.
 */
export function registerFakeWecomApi(router: Router, state: SimulatorState): void {
  const log = state.logger.child({ component: 'simulator-api' });

  const fail = (ctx: Context, error: WecomError, hint?: string): void => {
    log.warn({ path: ctx.path, errcode: error.errcode, hint }, 'simulated WeCom API refused a call');
    ctx.body = errorBody(error, hint);
  };

  /** WeCom checks the token before anything else; 40014 and 42001 make the bot refresh it. */
  const authorized = (ctx: Context): boolean => {
    const check = state.tokens.check(queryString(ctx, 'access_token'));
    if (check === 'ok') return true;
    const error =
      check === 'missing'
        ? WECOM_ERRORS.accessTokenMissing
        : check === 'expired'
          ? WECOM_ERRORS.accessTokenExpired
          : WECOM_ERRORS.invalidAccessToken;
    fail(ctx, error);
    return false;
  };

  router.get(`${BASE}/gettoken`, (ctx) => {
    if (queryString(ctx, 'corpid') !== state.wecom.corpId) return fail(ctx, WECOM_ERRORS.invalidCorpId);
    if (queryString(ctx, 'corpsecret') !== state.wecom.secret)
      return fail(ctx, WECOM_ERRORS.invalidCredential);
    const issued = state.tokens.issue();
    ctx.body = { errcode: 0, errmsg: 'ok', access_token: issued.token, expires_in: issued.expiresInSeconds };
  });

  router.get(`${BASE}/get_jsapi_ticket`, (ctx) => {
    if (!authorized(ctx)) return;
    const issued = state.tokens.issue();
    ctx.body = { errcode: 0, errmsg: 'ok', ticket: issued.token, expires_in: issued.expiresInSeconds };
  });

  router.post(`${BASE}/message/send`, async (ctx) => {
    if (!authorized(ctx)) return;
    const parsed = sendMessageSchema.safeParse(await readJson(ctx));
    if (!parsed.success) return fail(ctx, WECOM_ERRORS.dataFormatError, parsed.error.issues[0]?.message);
    const message = parsed.data;
    if (message.agentid !== state.wecom.agentId) return fail(ctx, WECOM_ERRORS.invalidAgentId);

    const requested =
      message.touser === '@all' ? [...state.userIds] : (message.touser ?? '').split('|').filter(Boolean);
    const recipients = [...new Set(requested.filter((u) => state.userIds.has(u)))];
    const invalid = requested.filter((u) => !state.userIds.has(u));
    if (recipients.length === 0) return fail(ctx, WECOM_ERRORS.allRecipientsInvalid, invalid.join('|'));

    const result = toChatContent(message, state.media);
    if (!result.ok) {
      log.warn(
        { errcode: result.error.errcode, hint: result.error.errmsg },
        'simulated message/send refused',
      );
      ctx.body = result.error;
      return;
    }
    for (const userId of recipients) state.chats.append(userId, 'bot', result.content);
    log.debug({ msgtype: message.msgtype, recipients: recipients.length }, 'simulated message/send');
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: invalid.join('|'),
      msgid: `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      // WeCom returns a response_code for interactive cards so the sender can update them later.
      ...(result.interactive && result.taskId
        ? { response_code: state.codes.issue({ userIds: recipients, taskId: result.taskId }) }
        : {}),
    };
  });

  router.post(`${BASE}/message/update_template_card`, async (ctx) => {
    if (!authorized(ctx)) return;
    const parsed = updateCardSchema.safeParse(await readJson(ctx));
    if (!parsed.success) return fail(ctx, WECOM_ERRORS.dataFormatError, parsed.error.issues[0]?.message);
    const update = parsed.data;
    if (update.agentid !== state.wecom.agentId) return fail(ctx, WECOM_ERRORS.invalidAgentId);
    if (!update.button && update.template_card === undefined) {
      return fail(ctx, WECOM_ERRORS.invalidParameter, 'button.replace_name or template_card is required');
    }
    let card: CardView | undefined;
    if (update.template_card !== undefined) {
      const result = parseTemplateCard(update.template_card);
      if (!result.ok) return fail(ctx, WECOM_ERRORS.invalidParameter, result.error.errmsg);
      card = result.view;
    }
    // Single use (WeCom): the code is spent even if the rest of the request turns out wrong.
    const grant = state.codes.consume(update.response_code);
    if (!grant) return fail(ctx, WECOM_ERRORS.invalidCredential, 'response_code is unknown, used or expired');

    const targets = update.userids?.length ? update.userids : grant.userIds;
    const invalid: string[] = [];
    for (const userId of targets) {
      // The card keeps its task_id, so a later tap on the replacement still routes to it.
      const view = card ? { ...card, taskId: grant.taskId } : undefined;
      const updated = state.chats.updateCard(userId, grant.taskId, {
        card: view,
        decided: update.button?.replace_name,
      });
      if (!updated) invalid.push(userId);
    }
    ctx.body = { errcode: 0, errmsg: 'ok', invaliduser: invalid };
  });

  router.post(`${BASE}/media/upload`, async (ctx) => {
    if (!authorized(ctx)) return;
    const type = MEDIA_TYPES.find((t) => t === queryString(ctx, 'type'));
    if (!type) return fail(ctx, WECOM_ERRORS.invalidMediaType, queryString(ctx, 'type'));
    let form: FormData | undefined;
    try {
      form = await readFormData(ctx, MAX_UPLOAD_BYTES);
    } catch {
      return fail(ctx, WECOM_ERRORS.invalidImageSize, `over ${MAX_UPLOAD_BYTES} bytes`);
    }
    const file = form?.get('media');
    if (!(file instanceof File))
      return fail(ctx, WECOM_ERRORS.mediaDataMissing, 'multipart field "media" with a file');
    const bytes = Buffer.from(await file.arrayBuffer());
    if (type === 'image' && bytes.length > MAX_IMAGE_BYTES) return fail(ctx, WECOM_ERRORS.invalidImageSize);
    const stored = state.media.put({
      type,
      contentType: file.type || 'application/octet-stream',
      fileName: file.name || `${type}.bin`,
      bytes,
    });
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      type,
      media_id: stored.mediaId,
      created_at: String(stored.createdAt),
    };
  });

  router.get(`${BASE}/media/get`, (ctx) => {
    if (!authorized(ctx)) return;
    const stored = state.media.get(queryString(ctx, 'media_id') ?? '');
    if (!stored) return fail(ctx, WECOM_ERRORS.invalidMediaId);
    ctx.type = stored.contentType;
    ctx.set('Content-Disposition', `attachment; filename="${encodeURIComponent(stored.fileName)}"`);
    ctx.body = stored.bytes;
  });
}
