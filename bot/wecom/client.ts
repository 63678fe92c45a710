import { imageTypeOf, withExtension } from '../../domain/messages/image-type';
import type { z } from 'zod';
import { AccessTokenCache, type FetchedToken } from '../access-token-cache';
import type { WecomConfig } from '../config';
import type { Logger } from '../logger';
import {
  PlatformApiError,
  type DeliveryAttempt,
  type PlatformSender,
  type SendResult,
} from '../outbox/platform';
import type { Reply } from '../../domain/messages/reply';
import {
  createWecomApiError,
  gettokenAnswerSchema,
  isStaleTokenError,
  jsApiTicketAnswerSchema,
  mediaUploadAnswerSchema,
  messageSendAnswerSchema,
  parseWecomAnswer,
  wecomAnswerSchema,
  type MessageSendAnswer,
} from './api-schemas';
import { renderMessageBody, renderUpdateCardBody, WecomRenderError, type WecomRenderTarget } from './render';
import { keepAliveFetch, type HttpAnswer, type HttpFetch, type HttpInit } from '../http/keep-alive-fetch';

export const WECOM_DEFAULT_TIMEOUT_MS = 10_000;
/** Seconds added to the duplicate check's window for the request's own transit. */
const DUPLICATE_CHECK_SLACK_S = 5;
/** media/upload: images ≤10 MB, JPG or PNG, and every file larger than 5 bytes. */
export const WECOM_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const WECOM_MEDIA_MIN_BYTES = 6;

/** What every WeCom call needs; shared by the client and `fetchWecomAccessToken`. */
export interface WecomHttp {
  apiBase: string;
  fetch: HttpFetch;
  logger: Logger;
  timeoutMs: number;
}

interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  json?: unknown;
  form?: FormData;
}

export interface WecomClientOptions {
  config: WecomConfig;
  fetch?: HttpFetch;
  logger: Logger;
  /** Share one cache among clients of the same app; build it with `fetchWecomAccessToken`. */
  tokenCache?: AccessTokenCache;
  timeoutMs?: number;
  /** The deployment's mark for task_ids (bot/wecom/render.ts `taskIdOf`). */
  taskIdTag?: string;
}

export interface DownloadedMedia {
  bytes: Buffer;
  contentType: string;
}

/** WeCom self-built app API client: tokens, sends, card updates, media, JS-SDK ticket. */
export class WecomClient implements PlatformSender {
  readonly platform = 'wecom' as const;
  private readonly http: WecomHttp;
  readonly agentId: number;
  private readonly tokens: AccessTokenCache;
  private readonly tickets: AccessTokenCache;
  private readonly taskIdTag?: string;

  constructor(options: WecomClientOptions) {
    const { config } = options;
    this.agentId = Number(config.agentId);
    if (!Number.isSafeInteger(this.agentId)) {
      throw new Error(`WECOM_AGENT_ID must be the app's numeric AgentId, got "${config.agentId}"`);
    }
    this.http = {
      apiBase: config.apiBase.replace(/\/+$/, ''),
      fetch: options.fetch ?? keepAliveFetch,
      logger: options.logger,
      timeoutMs: options.timeoutMs ?? config.apiTimeoutMs ?? WECOM_DEFAULT_TIMEOUT_MS,
    };
    this.tokens = options.tokenCache ?? new AccessTokenCache(() => fetchWecomAccessToken(this.http, config));
    this.tickets = new AccessTokenCache(() => this.fetchJsApiTicket());
    this.taskIdTag = options.taskIdTag;
  }

  getAccessToken(): Promise<string> {
    return this.tokens.get();
  }

  /** For the H5 page's JS-SDK signature; cached because WeCom rate-limits ticket fetches. */
  getJsApiTicket(): Promise<string> {
    return this.tickets.get();
  }

  /**
   * GET `path` with the cached token (refreshed once on 40014/42001), the answer checked like every other
   * call and validated by `schema`. For API families kept in their own file (contacts.ts).
   */
  getJson<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S): Promise<z.infer<S>> {
    return this.withToken((token) =>
      callWecom(this.http, { method: 'GET', path, query: { ...query, access_token: token } }, (res) =>
        readAnswer(path, res, schema),
      ),
    );
  }

  async send(recipient: string, reply: Reply, attempt?: DeliveryAttempt): Promise<SendResult> {
    const target: WecomRenderTarget = { recipient, agentId: this.agentId, taskIdTag: this.taskIdTag };
    if (reply.kind === 'card_update') {
      const path = '/cgi-bin/message/update_template_card';
      const body = renderOrThrow(path, () => renderUpdateCardBody(reply, target));
      try {
        await this.withToken((token) => this.postJson(path, token, body, wecomAnswerSchema));
      } catch (error) {
        // A ResponseCode updates a card once: refused on a retry that may have landed, it was spent by it.
        if (!(attempt?.possiblyDelivered && isSpentResponseCode(error))) throw error;
      }
      return {};
    }
    if (reply.kind === 'image') {
      target.mediaId = await this.uploadMedia(
        Buffer.from(reply.dataBase64, 'base64'),
        reply.fileName || 'image.png',
        reply.contentType,
      );
    }
    const path = '/cgi-bin/message/send';
    const rendered = renderOrThrow(path, () => renderMessageBody(reply, target));
    // The check's window is measured when the request leaves (after any token fetch), not before.
    const answer = await this.withToken((token) =>
      this.postJson(path, token, { ...rendered, ...duplicateCheck(attempt) }, messageSendAnswerSchema),
    );
    assertDelivered(answer, recipient);
    return { platformMsgId: answer.msgid };
  }

  /**
   * Uploads a PNG or JPEG as temporary media (valid 3 days) and returns its media_id. The type and the
   * name's extension are those of the bytes, whatever the caller named them.
   */
  async uploadMedia(png: Buffer, fileName: string, contentType = 'image/png'): Promise<string> {
    const path = '/cgi-bin/media/upload';
    const type = imageTypeOf(png);
    const named = type
      ? { fileName: withExtension(fileName, type), contentType: type.contentType }
      : { fileName, contentType };
    if (png.length < WECOM_MEDIA_MIN_BYTES || png.length > WECOM_IMAGE_MAX_BYTES) {
      throw createWecomApiError(
        path,
        'media_size',
        `image of ${png.length} B; WeCom takes 6 B to 10 MB`,
        false,
      );
    }
    const answer = await this.withToken((token) => {
      // WeCom reads the file from the multipart field `media`, with its filename and content type.
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(png)], { type: named.contentType }), named.fileName);
      const query = { access_token: token, type: 'image' };
      return callWecom(this.http, { method: 'POST', path, query, form }, (res) =>
        readAnswer(path, res, mediaUploadAnswerSchema),
      );
    });
    return answer.media_id;
  }

  /** Downloads media a user sent (MediaId lives 3 days). WeCom answers JSON instead of bytes on failure. */
  async downloadMedia(mediaId: string): Promise<DownloadedMedia> {
    const path = '/cgi-bin/media/get';
    return this.withToken((token) => {
      const request: ApiRequest = { method: 'GET', path, query: { access_token: token, media_id: mediaId } };
      return callWecom(this.http, request, async (res) => {
        const bytes = Buffer.from(await res.arrayBuffer());
        const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
        if (isJsonAnswer(contentType, bytes)) {
          parseWecomAnswer(path, bytes.toString('utf8'), wecomAnswerSchema); // throws on errcode ≠ 0
          throw createWecomApiError(path, 'bad_response', 'expected file bytes, got JSON', false);
        }
        return { bytes, contentType };
      });
    });
  }

  private async fetchJsApiTicket(): Promise<FetchedToken> {
    const path = '/cgi-bin/get_jsapi_ticket';
    const answer = await this.withToken((token) =>
      callWecom(this.http, { method: 'GET', path, query: { access_token: token } }, (res) =>
        readAnswer(path, res, jsApiTicketAnswerSchema),
      ),
    );
    return { token: answer.ticket, expiresInSeconds: answer.expires_in };
  }

  private postJson<S extends z.ZodType>(path: string, token: string, json: unknown, schema: S) {
    const request: ApiRequest = { method: 'POST', path, query: { access_token: token }, json };
    return callWecom(this.http, request, (res) => readAnswer(path, res, schema));
  }

  /** Runs `call` with the cached token; on 40014/42001 drops that token and tries once more with a fresh one. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof PlatformApiError) || !isStaleTokenError(Number(error.code))) throw error;
      this.tokens.invalidate(token);
      return call(await this.tokens.get());
    }
  }
}

/** GET /cgi-bin/gettoken, uncached: wrap it in an AccessTokenCache (the token lives 7200 s). */
export async function fetchWecomAccessToken(
  http: WecomHttp,
  config: Pick<WecomConfig, 'corpId' | 'secret'>,
): Promise<FetchedToken> {
  const path = '/cgi-bin/gettoken';
  const query = { corpid: config.corpId, corpsecret: config.secret };
  const answer = await callWecom(http, { method: 'GET', path, query }, (res) =>
    readAnswer(path, res, gettokenAnswerSchema),
  );
  return { token: answer.access_token, expiresInSeconds: answer.expires_in };
}

/**
 * One HTTP exchange with one debug line naming the path only: the query carries access_token or
 * corpsecret and must never reach a log. Network errors, timeouts, 429 and 5xx are retryable.
 */
async function callWecom<T>(http: WecomHttp, request: ApiRequest, read: (res: HttpAnswer) => Promise<T>) {
  const started = Date.now();
  let status: number | undefined;
  let code = '0';
  const url = new URL(http.apiBase + request.path);
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
  try {
    const response = await sendRequest(http, request, url);
    status = response.status;
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429;
      throw createWecomApiError(request.path, `http_${status}`, `HTTP ${status}`, retryable);
    }
    return await read(response);
  } catch (error) {
    // Reading the body can still time out or lose the connection: that is as transient as the request.
    const failure = error instanceof PlatformApiError ? error : toTransportError(http, request.path, error);
    code = failure.code;
    throw failure;
  } finally {
    http.logger.debug(
      { api: request.path, method: request.method, status, code, ms: Date.now() - started },
      'wecom api call',
    );
  }
}

function sendRequest(http: WecomHttp, request: ApiRequest, url: URL): Promise<HttpAnswer> {
  const init: HttpInit = { method: request.method, timeoutMs: http.timeoutMs };
  if (request.json !== undefined) {
    init.headers = { 'content-type': 'application/json; charset=utf-8' };
    init.body = JSON.stringify(request.json);
  } else if (request.form) {
    init.body = request.form;
  }
  return http.fetch(url, init);
}

/**
 * fetch rejects with a TimeoutError when AbortSignal.timeout fires and a TypeError (with a `cause`) on
 * network failure. Read fields, not `instanceof`: the DOMException may come from another realm.
 */
function toTransportError(http: WecomHttp, path: string, error: unknown): PlatformApiError {
  const { name, message, cause } = Object(error) as {
    name?: unknown;
    message?: unknown;
    cause?: { message?: unknown };
  };
  if (name === 'TimeoutError') {
    return createWecomApiError(path, 'timeout', `no answer within ${http.timeoutMs} ms`, true);
  }
  const detail = [typeof message === 'string' ? message : String(error), cause?.message].filter(
    (m) => typeof m === 'string',
  );
  return createWecomApiError(path, 'network', `network error (${detail.join(': ')})`, true);
}

async function readAnswer<S extends z.ZodType>(
  path: string,
  res: HttpAnswer,
  schema: S,
): Promise<z.infer<S>> {
  return parseWecomAnswer(path, await res.text(), schema);
}

/** media/get answers errors as JSON (sometimes labelled text/plain); files never start with '{'. */
function isJsonAnswer(contentType: string, bytes: Buffer): boolean {
  if (/json/i.test(contentType)) return true;
  return !/^image\//i.test(contentType) && bytes.toString('utf8', 0, 64).trimStart().startsWith('{');
}

/**
 * WeCom delivers to the valid recipients and lists the rest; with one recipient a listed id (not in
 * the app's visible range, or without a license) means nothing was delivered.
 */
function assertDelivered(answer: MessageSendAnswer, recipient: string): void {
  for (const field of ['invaliduser', 'unlicenseduser'] as const) {
    if (answer[field]?.split('|').includes(recipient)) {
      throw createWecomApiError('/cgi-bin/message/send', field, `${recipient} got nothing (${field})`, false);
    }
  }
}

/**
 * WeCom's duplicate check (message/send `enable_duplicate_check`): the same message to the same user within
 * `duplicate_check_interval` seconds is not delivered again. Only asked for when an earlier attempt may have
 * landed, and only back to a few seconds before the message was queued (at most 4 h, WeCom's limit), so the
 * same answer delivered well before it (帮助 … 帮助) does not swallow it. The few seconds cover the request's
 * own way to WeCom on a busy machine.
 */
function duplicateCheck(attempt: DeliveryAttempt | undefined): object {
  if (!attempt?.possiblyDelivered) return {};
  const seconds = Math.ceil((Date.now() - attempt.queuedAt.getTime()) / 1000) + DUPLICATE_CHECK_SLACK_S;
  return { enable_duplicate_check: 1, duplicate_check_interval: Math.min(Math.max(seconds, 1), 4 * 3600) };
}

/** WeCom refuses a used ResponseCode as an invalid credential (40001), as the simulator models it. */
function isSpentResponseCode(error: unknown): boolean {
  return error instanceof PlatformApiError && error.code === '40001';
}

function renderOrThrow<T>(path: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof WecomRenderError)) throw error;
    throw createWecomApiError(path, error.code, error.message, false);
  }
}
