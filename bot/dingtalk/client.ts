import type { z } from 'zod';
import type { Reply } from '../../domain/messages/reply';
import { AccessTokenCache, type FetchedToken } from '../access-token-cache';
import type { DingtalkConfig } from '../config';
import type { Logger } from '../logger';
import { PlatformApiError, type PlatformSender, type SendResult } from '../outbox/platform';
import {
  buildBatchSendBody,
  hasActionButtons,
  planDingtalkSend,
  renderImageMessage,
  type CreateAndDeliverCardBody,
  type RobotMessage,
  type UpdateCardBody,
} from './render';
import {
  accessTokenAnswerSchema,
  apiErrorBodySchema,
  batchSendAnswerSchema,
  cardAnswerSchema,
  downloadAnswerSchema,
  mediaUploadAnswerSchema,
  type ApiErrorBody,
} from './schemas';
import { keepAliveFetch, type HttpAnswer, type HttpFetch, type HttpInit } from '../http/keep-alive-fetch';

export interface DingtalkClientOptions {
  config: DingtalkConfig;
  fetch?: HttpFetch;
  logger: Logger;
  now?: () => number;
  /** Per-request limit; a hung connection becomes a retryable error instead of a stuck outbox row. */
  timeoutMs?: number;
}

interface ApiAnswer {
  status: number;
  body: unknown;
}

/** v1.0 API codes meaning "this token is no good" (answered with HTTP 401). */
const AUTH_CODES = new Set(['invalidauthentication', 'invalidaccesstoken']);
/** Legacy oapi: 40014 不合法的access_token, 42001 access_token超时. */
const LEGACY_AUTH_ERRCODES = new Set([40014, 42001]);
/** Legacy oapi: -1 系统繁忙, 90002/90018 调用频率超限 — worth a later retry. */
const LEGACY_RETRY_ERRCODES = new Set([-1, 90002, 90018]);

/** DingTalk robot API client: sends replies one-to-one, delivers and updates cards, downloads pictures. */
export class DingtalkClient implements PlatformSender {
  readonly platform = 'dingtalk' as const;
  private readonly config: DingtalkConfig;
  private readonly fetch: HttpFetch;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly tokens: AccessTokenCache;

  constructor(options: DingtalkClientOptions) {
    this.config = options.config;
    this.fetch = options.fetch ?? keepAliveFetch;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.tokens = new AccessTokenCache(() => this.fetchToken(), options.now);
  }

  async send(recipient: string, reply: Reply): Promise<SendResult> {
    const { robotCode, cardTemplateId } = this.config;
    const plan = planDingtalkSend(reply, { recipient, robotCode, cardTemplateId });
    switch (plan.kind) {
      case 'robot_message':
        if ((reply.kind === 'card' || reply.kind === 'card_update') && hasActionButtons(reply.card)) {
          this.logger.warn(
            { platform: 'dingtalk', cardId: reply.card.id },
            'no DINGTALK_CARD_TEMPLATE_ID: action buttons left out',
          );
        }
        return this.sendRobotMessage(recipient, plan.message);
      case 'upload_image': {
        const mediaId = await this.uploadImage(plan.png, plan.fileName, plan.contentType);
        return this.sendRobotMessage(recipient, renderImageMessage(mediaId));
      }
      case 'create_card':
        return this.deliverCard(plan.body);
      case 'update_card':
        return this.updateCard(plan.body);
    }
  }

  /** Picture bytes for a `downloadCode` from a robot callback; the answered URL is short-lived. */
  async downloadImage(downloadCode: string): Promise<Buffer> {
    const path = '/v1.0/robot/messageFiles/download';
    const body = { downloadCode, robotCode: this.config.robotCode };
    const { downloadUrl } = await this.callApi('POST', path, body, downloadAnswerSchema);
    const endpoint = `${path} (file)`;
    const response = await this.fetchOrThrow(downloadUrl, { method: 'GET' }, endpoint);
    if (!response.ok) throw createApiError(endpoint, response.status, {});
    return Buffer.from(await response.arrayBuffer());
  }

  /**
   * POST a JSON body to the legacy oapi host (token in the query, `errcode` in the answer), with the same
   * token refresh and error mapping as every other call; the answer validated by `schema`. For API families
   * kept in their own file (contacts.ts).
   */
  async postOapi<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const answer = await this.withToken(path, (token) => {
      const query = new URLSearchParams({ access_token: token });
      return this.request(
        `${this.config.oapiBase}${path}?${query.toString()}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        path,
      );
    });
    return readAnswer(schema, answer.body, path);
  }

  private async sendRobotMessage(recipient: string, message: RobotMessage): Promise<SendResult> {
    const path = '/v1.0/robot/oToMessages/batchSend';
    const body = buildBatchSendBody(this.config.robotCode, recipient, message);
    const answer = await this.callApi('POST', path, body, batchSendAnswerSchema);
    // batchSend answers 200 even when a user got nothing; the lists say who and why.
    if (answer.invalidStaffIdList?.includes(recipient)) {
      throw new PlatformApiError(
        'dingtalk',
        path,
        'invalid_staff_id',
        'recipient is not a valid user',
        false,
      );
    }
    if (answer.flowControlledStaffIdList?.includes(recipient)) {
      throw new PlatformApiError('dingtalk', path, 'flow_controlled', 'recipient is flow-controlled', true);
    }
    return { platformMsgId: answer.processQueryKey };
  }

  private async deliverCard(body: CreateAndDeliverCardBody): Promise<SendResult> {
    const path = '/v1.0/card/instances/createAndDeliver';
    const answer = await this.callApi('POST', path, body, cardAnswerSchema);
    const failed =
      typeof answer.result === 'object'
        ? answer.result.deliverResults?.find((r) => r.success === false)
        : undefined;
    if (answer.success === false || failed) {
      throw new PlatformApiError(
        'dingtalk',
        path,
        'deliver_failed',
        failed?.errorMsg ?? 'card not delivered',
        false,
      );
    }
    return { platformMsgId: body.outTrackId };
  }

  private async updateCard(body: UpdateCardBody): Promise<SendResult> {
    const path = '/v1.0/card/instances';
    const answer = await this.callApi('PUT', path, body, cardAnswerSchema);
    if (answer.success === false) {
      throw new PlatformApiError('dingtalk', path, 'update_failed', 'card not updated', false);
    }
    return { platformMsgId: body.outTrackId };
  }

  /** Legacy upload (oapi `/media/upload`, multipart field `media`): the token goes in the query string. */
  private async uploadImage(png: Buffer, fileName: string, contentType: string): Promise<string> {
    const path = '/media/upload';
    const answer = await this.withToken(path, (token) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(png)], { type: contentType }), fileName);
      const query = new URLSearchParams({ access_token: token, type: 'image' });
      return this.request(
        `${this.config.oapiBase}${path}?${query.toString()}`,
        { method: 'POST', body: form },
        path,
      );
    });
    return readAnswer(mediaUploadAnswerSchema, answer.body, path).media_id;
  }

  private async callApi<S extends z.ZodType>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.infer<S>> {
    const answer = await this.withToken(path, (token) =>
      this.request(
        `${this.config.apiBase}${path}`,
        {
          method,
          headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
          body: JSON.stringify(body),
        },
        path,
      ),
    );
    return readAnswer(schema, answer.body, path);
  }

  /** Runs a call with the cached token; when DingTalk rejects the token, refreshes it and tries once more. */
  private async withToken(endpoint: string, call: (token: string) => Promise<ApiAnswer>): Promise<ApiAnswer> {
    const token = await this.tokens.get();
    let answer = await call(token);
    if (isAuthFailure(answer)) {
      this.tokens.invalidate(token);
      this.logger.info({ platform: 'dingtalk', endpoint }, 'access token rejected, refreshing once');
      answer = await call(await this.tokens.get());
    }
    assertSuccess(answer, endpoint);
    return answer;
  }

  private async fetchToken(): Promise<FetchedToken> {
    const path = '/v1.0/oauth2/accessToken';
    const answer = await this.request(
      `${this.config.apiBase}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appKey: this.config.appKey, appSecret: this.config.appSecret }),
      },
      path,
    );
    assertSuccess(answer, path);
    const { accessToken, expireIn } = readAnswer(accessTokenAnswerSchema, answer.body, path);
    return { token: accessToken, expiresInSeconds: expireIn };
  }

  /** One HTTP exchange; `endpoint` is the path without query string, the only thing that gets logged. */
  private async request(
    url: string,
    init: Omit<HttpInit, 'timeoutMs'>,
    endpoint: string,
  ): Promise<ApiAnswer> {
    const started = Date.now();
    const response = await this.fetchOrThrow(url, init, endpoint);
    const text = await response.text().catch(() => '');
    this.logger.debug(
      { platform: 'dingtalk', endpoint, status: response.status, ms: Date.now() - started },
      'dingtalk api call',
    );
    return { status: response.status, body: parseJsonOrEmpty(text) };
  }

  private async fetchOrThrow(
    url: string,
    init: Omit<HttpInit, 'timeoutMs'>,
    endpoint: string,
  ): Promise<HttpAnswer> {
    try {
      return await this.fetch(url, { ...init, timeoutMs: this.timeoutMs });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ platform: 'dingtalk', endpoint, err: message }, 'dingtalk api unreachable');
      throw new PlatformApiError('dingtalk', endpoint, 'network', message, true);
    }
  }
}

function isAuthFailure(answer: ApiAnswer): boolean {
  const error = readErrorBody(answer.body);
  return (
    answer.status === 401 ||
    AUTH_CODES.has((error.code ?? '').toLowerCase()) ||
    (error.errcode !== undefined && LEGACY_AUTH_ERRCODES.has(error.errcode))
  );
}

function assertSuccess(answer: ApiAnswer, endpoint: string): void {
  const error = readErrorBody(answer.body);
  const isHttpError = answer.status < 200 || answer.status >= 300;
  const isLegacyError = error.errcode !== undefined && error.errcode !== 0;
  if (isHttpError || isLegacyError) throw createApiError(endpoint, answer.status, error);
}

/** Network errors, 5xx and throttling are worth a retry; any other 4xx will fail the same way again. */
function createApiError(endpoint: string, status: number, error: ApiErrorBody): PlatformApiError {
  const code = error.code ?? (error.errcode !== undefined ? String(error.errcode) : `http_${status}`);
  const retryable =
    status >= 500 ||
    status === 429 ||
    /throttl|qpslimit|flowcontrol/i.test(error.code ?? '') ||
    (error.errcode !== undefined && LEGACY_RETRY_ERRCODES.has(error.errcode));
  const message = error.message ?? error.errmsg ?? `HTTP ${status}`;
  return new PlatformApiError('dingtalk', endpoint, code, message, retryable);
}

function readErrorBody(body: unknown): ApiErrorBody {
  const parsed = apiErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : {};
}

/** A 2xx answer we cannot read may still have been delivered: not retryable, so it is never sent twice. */
function readAnswer<S extends z.ZodType>(schema: S, body: unknown, endpoint: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new PlatformApiError(
      'dingtalk',
      endpoint,
      'unexpected_answer',
      'answer did not match the documented shape',
      false,
    );
  }
  return parsed.data;
}

function parseJsonOrEmpty(text: string): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
