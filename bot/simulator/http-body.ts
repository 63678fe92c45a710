import type { Context } from 'koa';
import getRawBody from 'raw-body';

/** The simulator mounts next to the callback route, where no body parser may run; it reads its own. */
export async function readBytes(ctx: Context, limit: number): Promise<Buffer> {
  return getRawBody(ctx.req, { limit });
}

/** Parsed JSON, or undefined when the body is not JSON (callers answer in their API's error style). */
export async function readJson(ctx: Context, limit = 1024 * 1024): Promise<unknown> {
  const bytes = await readBytes(ctx, limit);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Multipart form data through Node's built-in WHATWG parser (undici), not a hand-rolled one. */
export async function readFormData(ctx: Context, limit: number): Promise<FormData | undefined> {
  const contentType = ctx.get('content-type');
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return undefined;
  const bytes = await readBytes(ctx, limit);
  try {
    return await new Request('http://simulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(bytes),
    }).formData();
  } catch {
    return undefined;
  }
}

/** A repeated query parameter is a client bug; read the first value rather than crash. */
export function queryString(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}
