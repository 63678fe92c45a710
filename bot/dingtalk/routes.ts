import { createHash } from 'node:crypto';
import { Router, type RouterContext } from '@koa/router';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { DingtalkConfig } from '../config';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { rejectCallback, type Rejection } from '../http/reject';
import type { Intake } from '../intake';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { DingtalkPayloadError, isFromOutsider, parseDingtalkCallback } from './parse';
import { DINGTALK_TIMESTAMP_WINDOW_MS, verifyDingtalkSignature } from './verify';
import type { SignatureUse } from '../../storage/repositories/protocol-guard.repository';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface DingtalkRouterDeps {
  /** The app a route serves: no slug for `/dingtalk/callback` (the environment's), else a registered one. */
  resolve: (slug?: string) => Promise<DingtalkConfig | undefined>;
  intake: Intake;
  logger: Logger;
  metrics: Metrics;
  /** Deployment-wide memory of the timestamp/sign pairs seen (storage/repositories/protocol-guard.repository.ts). */
  signatures: { use(signKey: string, bodyHash: string, expiresAt: Date): Promise<SignatureUse> };
  now?: () => Date;
}

/** The answer to a message from someone who is not a member of the company. */
export const OUTSIDER_REPLY =
  '你好，这个机器人只为本公司的成员服务。如果你是公司成员，请用公司的钉钉账号发送消息。';

export const DINGTALK_CALLBACK_PATH = '/dingtalk/callback';
const PATHS = [DINGTALK_CALLBACK_PATH, '/dingtalk/:tenant/callback'];

/** `POST /dingtalk/callback` (and `/dingtalk/<tenant>/callback`): robot messages and card callbacks in HTTP mode. */
export function createDingtalkRouter(deps: DingtalkRouterDeps): Router {
  const router = new Router();
  const now = deps.now ?? (() => new Date());
  router.post(PATHS, async (ctx) => {
    await handleCallback(ctx, deps, now());
  });
  return router;
}

/** Verify, read, parse, store, answer: handling happens after the answer (DESIGN.md, "Ack fast"). */
async function handleCallback(ctx: RouterContext, deps: DingtalkRouterDeps, receivedAt: Date): Promise<void> {
  const { logger, metrics } = deps;
  const reject = (rejection: Omit<Rejection, 'platform'>) =>
    rejectCallback(ctx, logger, metrics, { platform: 'dingtalk', ...rejection });
  const config = await deps.resolve(ctx.params.tenant);
  if (!config) return reject({ reason: 'tenant', status: 404 });

  // Checked before the body is read, so a forged request costs one HMAC and no parsing.
  const verdict = verifyDingtalkSignature({
    timestamp: ctx.get('timestamp') || undefined,
    sign: ctx.get('sign') || undefined,
    appSecret: config.appSecret,
    nowMs: receivedAt.getTime(),
  });
  if (!verdict.ok) return reject({ reason: verdict.reason, status: 401 });

  let raw: string;
  try {
    raw = await readBody(ctx);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return reject({ reason: 'too_large', status: 413, detail: error.message });
    throw error;
  }

  // The signature covers the timestamp only: a captured pair must not carry another body. The same body
  // again is DingTalk retrying (the inbox makes it a duplicate); any other body is refused.
  const timestamp = ctx.get('timestamp');
  const use = await deps.signatures.use(
    sha256(`${config.appKey}\n${timestamp}\n${ctx.get('sign')}`),
    sha256(raw),
    new Date(Number(timestamp) + DINGTALK_TIMESTAMP_WINDOW_MS),
  );
  if (use === 'other_body') return reject({ reason: 'replayed_signature', status: 401 });

  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch {
    return reject({ reason: 'payload', status: 400, detail: 'body is not JSON' });
  }

  if (isFromOutsider(body)) {
    // Acknowledged and answered in the response itself (DingTalk posts it into the conversation).
    metrics.increment('callback_outsider_total', { platform: 'dingtalk' });
    logger.info({ platform: 'dingtalk', tenantId: config.corpId }, 'robot message from outside the corp');
    ctx.status = 200;
    ctx.body = { msgtype: 'text', text: { content: OUTSIDER_REPLY } };
    return;
  }

  let events: InboundEvent[];
  try {
    events = parseDingtalkCallback(body, { tenantId: config.corpId, receivedAt });
  } catch (error) {
    if (error instanceof DingtalkPayloadError)
      return reject({ reason: error.reason, status: 400, detail: error.message });
    throw error;
  }

  const first = events[0];
  const log = logger.child({
    platform: 'dingtalk',
    tenantId: config.corpId,
    userId: first?.userId,
    msgId: first?.msgId,
  });
  try {
    const result = await deps.intake.accept(events);
    log.info({ kinds: events.map((e) => e.kind), ...result }, 'callback accepted');
  } catch (error) {
    // Nothing was stored: answer 5xx so DingTalk delivers the callback again.
    metrics.increment('callback_intake_failed_total', { platform: 'dingtalk' });
    log.error({ err: error }, 'intake failed, asking DingTalk to retry');
    ctx.status = 503;
    ctx.body = 'unavailable';
    return;
  }
  metrics.increment('callback_accepted_total', { platform: 'dingtalk' });
  // DingTalk accepts an empty 200; replies go out later through the API (outbox).
  ctx.status = 200;
  ctx.body = '';
}
