import { z } from 'zod';
import type { DingtalkClient } from './client';

/** POST /topapi/v2/user/getuserinfo: the 免登 code's user (an internal app's members only). */
const authCodeAnswerSchema = z.looseObject({
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
  result: z.looseObject({ userid: z.string().min(1) }),
});

/**
 * The user a one-time 免登 code (`dd.runtime.permission.requestAuthCode` on the page) names. An unknown
 * or used code throws, as every API error does.
 */
export async function dingtalkUserIdOfCode(
  client: Pick<DingtalkClient, 'postOapi'>,
  code: string,
): Promise<string> {
  return (await client.postOapi('/topapi/v2/user/getuserinfo', { code }, authCodeAnswerSchema)).result.userid;
}
