import { z } from 'zod';
import { wecomAnswerSchema } from './api-schemas';
import type { WecomClient } from './client';

/** GET /cgi-bin/auth/getuserinfo: a member gets `userid`; someone outside the corp only an `openid`. */
const oauthUserAnswerSchema = wecomAnswerSchema.extend({
  userid: z.string().min(1).optional(),
  openid: z.string().optional(),
});

/**
 * The member a one-time OAuth code names; null for a visitor outside the corp. An unknown or used code
 * (40029) throws, as every API error does.
 */
export async function wecomUserIdOfCode(
  client: Pick<WecomClient, 'getJson'>,
  code: string,
): Promise<string | null> {
  const answer = await client.getJson('/cgi-bin/auth/getuserinfo', { code }, oauthUserAnswerSchema);
  return answer.userid ?? null;
}

/** The OAuth2 网页授权 address a WeCom webview is sent to (snsapi_base: silent, the user id only). */
export function wecomOauthUrl(corpId: string, agentId: string, redirectUri: string, state: string): string {
  const query = new URLSearchParams({
    appid: corpId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
    agentid: agentId,
  });
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${query.toString()}#wechat_redirect`;
}
