import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';

/** Where the H5 pages load the IM JS-SDKs from (WeCom's jweixin, DingTalk's dingtalk.open.js). */
const SDK_ORIGINS = 'https://res.wx.qq.com https://g.alicdn.com';

/** The nonce a page puts on its inline `<script>`; the CSP allows no other inline script. */
export function cspNonceOf(ctx: Context): string {
  return String(ctx.state.cspNonce ?? '');
}

/**
 * Headers for the H5 pages (`/h5/*`): scripts only from here, the IM SDKs or with this response's nonce;
 * never framed (clickjacking); no MIME sniffing; and no Referer, since page addresses carry signed links.
 */
export async function h5SecurityHeaders(ctx: Context, next: Next): Promise<void> {
  if (!ctx.path.startsWith('/h5/')) return next();
  const nonce = randomBytes(16).toString('base64');
  ctx.state.cspNonce = nonce;
  ctx.set(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src 'self' 'nonce-${nonce}' ${SDK_ORIGINS}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  await next();
}
