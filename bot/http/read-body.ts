import type { Context } from 'koa';
import getRawBody from 'raw-body';

/**
 * A platform callback is small: WeCom's envelope is `ToUserName`, `Encrypt` and `AgentID` around one
 * encrypted message (the largest recorded, a card event with its selections, is ~1.3 KB; a 4,000-character
 * Chinese text message ~17 KB), DingTalk's robot and event bodies are the same order. 64 KB leaves a wide
 * margin while keeping what an unauthenticated request can make the server read and scan small.
 */
export const CALLBACK_MAX_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the raw request body once; no body parser runs on the callback routes. */
export async function readBody(ctx: Context, limit = CALLBACK_MAX_BYTES): Promise<string> {
  const declared = Number(ctx.request.get('content-length') || 0);
  if (declared > limit) throw new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`);
  try {
    return await getRawBody(ctx.req, { limit, encoding: 'utf8' });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new BodyTooLargeError(`body exceeds ${limit} bytes`);
    }
    throw error;
  }
}
