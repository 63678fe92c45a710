import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Platform } from '../../domain/messages/inbound-event';
import { readBody } from '../http/read-body';
import { cspNonceOf } from '../http/security-headers';
import type { Logger } from '../logger';
import { wecomOauthUrl } from '../wecom/oauth';
import { h5Notice } from './h5-notice';
import { IM_NAMES, isImWebview } from './im-webview';
import { issuedAtOf, LINK_TTLS_MS, type LinkPayload, type LinkSigner } from './link-signer';

/** Who is reading an H5 page: a platform user of one company. */
export interface H5Reader {
  tenantId: string;
  platform: Platform;
  platformUserId: string;
}

/** How a company's IM names the user of a one-time code; undefined when that company has no such app here. */
export interface ImSignIn {
  wecom: (
    tenantId: string,
  ) => Promise<{ agentId: string; userIdOfCode: (code: string) => Promise<string | null> } | undefined>;
  dingtalk: (tenantId: string) => Promise<{ userIdOfCode: (code: string) => Promise<string> } | undefined>;
}

export interface ReaderSignInDeps {
  signer: LinkSigner;
  im: ImSignIn;
  /** Where users reach the bot (PUBLIC_BASE_URL): WeCom sends the reader back there. */
  baseUrl: () => string;
  /** H5_LINK_FALLBACK_MINUTES: how long a link alone opens its page outside the IM. */
  fallbackMs: number;
  logger: Logger;
  now: () => Date;
}

const SESSION_COOKIE = 'fieldbot_h5';
const STATE_COOKIE = 'fieldbot_h5_state';

const MESSAGES = {
  outsider: '只有本企业的成员可以查看这个页面。',
  failed: '无法确认你的身份，请关闭页面后在聊天中重新打开链接。',
  badRequest: '登录请求无效，请在聊天中重新打开链接。',
};

const dingtalkCodeSchema = z.object({ c: z.string().min(1).max(64), code: z.string().min(1).max(512) });

/**
 * Who reads a report page. Inside WeCom or DingTalk the IM names the reader (OAuth2 网页授权 snsapi_base,
 * 免登 requestAuthCode), kept for a working day in a signed HttpOnly cookie; the page then shows what that
 * person may see, whoever the link was sent to. Outside the IM (a desktop browser) the signed link alone
 * opens the page for H5_LINK_FALLBACK_MINUTES after it was sent; after that it must be opened in the IM.
 */
export class ReaderSignIn {
  constructor(private readonly deps: ReaderSignInDeps) {}

  /** The reader of the page `link` opens, or null with the answer (redirect, sign-in page, refusal) given. */
  async readerOf(ctx: Context, link: LinkPayload): Promise<H5Reader | null> {
    const now = this.deps.now().getTime();
    const session = this.deps.signer.verify(ctx.cookies.get(SESSION_COOKIE) ?? '', now, 'session');
    if (session.ok && session.payload.t === link.t && session.payload.p === link.p) {
      const reader = { tenantId: link.t, platform: link.p, platformUserId: session.payload.u };
      if (reader.platformUserId !== link.u)
        this.deps.logger.info(
          { tenant: link.t, user: reader.platformUserId, linkHolder: link.u, page: ctx.path },
          'h5 page read by a signed-in user other than the one the link was sent to',
        );
      return reader;
    }
    if (isImWebview(link.p, ctx.get('user-agent')) && (await this.startSignIn(ctx, link))) return null;
    if (now - issuedAtOf(link) <= this.deps.fallbackMs)
      return { tenantId: link.t, platform: link.p, platformUserId: link.u };
    this.deps.logger.warn(
      { tenant: link.t, user: link.u, page: ctx.path },
      'h5 link opened outside the IM after its fallback window',
    );
    ctx.status = 403;
    ctx.type = 'html';
    ctx.body = h5Notice(
      `请在${IM_NAMES[link.p]}中打开这个链接。在浏览器中，链接只在发出后 ${Math.round(this.deps.fallbackMs / 60_000)} 分钟内可以直接打开。`,
    );
    return null;
  }

  /** `/h5/sign-in/wecom` (WeCom's redirect back) and `/h5/sign-in/dingtalk` (the 免登 code). */
  addRoutes(router: Router): void {
    router.get('/h5/sign-in/wecom', async (ctx) => {
      const tenantId = String(ctx.query.c ?? '');
      const next = String(ctx.query.next ?? '');
      const state = String(ctx.query.state ?? '');
      const expected = ctx.cookies.get(STATE_COOKIE) ?? '';
      const wecom = tenantId ? await this.deps.im.wecom(tenantId) : undefined;
      if (!wecom || !isPagePath(next) || !sameSecret(state, expected) || !ctx.query.code)
        return refuse(ctx, 400, MESSAGES.badRequest);
      ctx.cookies.set(STATE_COOKIE, null, { path: '/h5' });
      const userId = await this.identify(ctx, tenantId, 'wecom', () =>
        wecom.userIdOfCode(String(ctx.query.code)),
      );
      if (userId) ctx.redirect(next);
    });

    router.post('/h5/sign-in/dingtalk', async (ctx) => {
      // JSON only: a cross-site form cannot send it without CORS, so no other site signs a reader in.
      const body = ctx.is('application/json')
        ? dingtalkCodeSchema.safeParse(safeJson(await readBody(ctx, 4096)))
        : undefined;
      const dingtalk = body?.success ? await this.deps.im.dingtalk(body.data.c) : undefined;
      if (!body?.success || !dingtalk) return refuse(ctx, 400, MESSAGES.badRequest);
      const userId = await this.identify(ctx, body.data.c, 'dingtalk', () =>
        dingtalk.userIdOfCode(body.data.code),
      );
      if (userId) ctx.body = { ok: true };
    });
  }

  /** WeCom: off to OAuth2 and back; DingTalk: a page that asks for a 免登 code. False: no sign-in here. */
  private async startSignIn(ctx: Context, link: LinkPayload): Promise<boolean> {
    if (link.p === 'wecom') {
      const wecom = await this.deps.im.wecom(link.t);
      if (!wecom) return false;
      const state = randomBytes(12).toString('hex');
      ctx.cookies.set(STATE_COOKIE, state, { ...this.cookieOptions(ctx), maxAge: 10 * 60_000 });
      const back = `${this.deps.baseUrl()}/h5/sign-in/wecom?${new URLSearchParams({ c: link.t, next: ctx.originalUrl }).toString()}`;
      ctx.redirect(wecomOauthUrl(link.t, wecom.agentId, back, state));
      return true;
    }
    if (!(await this.deps.im.dingtalk(link.t))) return false;
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = dingtalkSignInPage(link.t, cspNonceOf(ctx));
    return true;
  }

  /** Exchanges the code, sets the session cookie; false with the refusal given when nobody could be named. */
  private async identify(
    ctx: Context,
    tenantId: string,
    platform: Platform,
    exchange: () => Promise<string | null>,
  ): Promise<boolean> {
    let userId: string | null;
    try {
      userId = await exchange();
    } catch (error) {
      this.deps.logger.warn({ err: error, tenant: tenantId, platform }, 'h5 sign-in code refused');
      refuse(ctx, 403, MESSAGES.failed);
      return false;
    }
    if (!userId) {
      this.deps.logger.warn({ tenant: tenantId, platform }, 'h5 sign-in by someone outside the company');
      refuse(ctx, 403, MESSAGES.outsider);
      return false;
    }
    const session = this.deps.signer.issue(
      { purpose: 'session', t: tenantId, p: platform, u: userId },
      this.deps.now().getTime(),
    );
    ctx.cookies.set(SESSION_COOKIE, session, { ...this.cookieOptions(ctx), maxAge: LINK_TTLS_MS.session });
    this.deps.logger.info({ tenant: tenantId, platform, user: userId }, 'h5 reader signed in');
    return true;
  }

  private cookieOptions(ctx: Context) {
    return { path: '/h5', httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, overwrite: true };
  }
}

/** A page of ours to return to: never another site (`//evil`, `https://…`). */
function isPagePath(next: string): boolean {
  return next.startsWith('/h5/') && !next.startsWith('//') && !/[\r\n\\]/.test(next);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refuse(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = h5Notice(message);
}

/** Asks DingTalk for a 免登 code, hands it to the server, then opens the page again as the signed-in reader. */
function dingtalkSignInPage(corpId: string, nonce: string): string {
  const corp = JSON.stringify(corpId).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>正在确认身份</title></head><body><p id="status">正在通过钉钉确认你的身份…</p>
<script src="https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js"></script>
<script nonce="${nonce}">
const corpId = ${corp};
const say = (text) => { document.getElementById('status').textContent = text; };
dd.ready(() => dd.runtime.permission.requestAuthCode({
  corpId,
  onSuccess: async ({ code }) => {
    const res = await fetch('/h5/sign-in/dingtalk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ c: corpId, code }) });
    if (res.ok) location.reload(); else say('无法确认你的身份，请关闭页面后在聊天中重新打开链接。');
  },
  onFail: () => say('无法确认你的身份，请关闭页面后在聊天中重新打开链接。'),
}));
dd.error(() => say('钉钉页面授权失败，请联系管理员检查应用的安全域名设置。'));
</script></body></html>`;
}
