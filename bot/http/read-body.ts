import type { Context } from 'koa';
import getRawBody from 'raw-body';

/** Both platforms send small bodies; anything larger is refused before parsing (413). */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the raw request body once; no body parser runs on the callback routes. */
export async function readBody(ctx: Context, limit = MAX_BODY_BYTES): Promise<string> {
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
