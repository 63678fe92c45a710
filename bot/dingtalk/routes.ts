import { Router, type RouterContext } from '@koa/router';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { DingtalkConfig } from '../config';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { rejectCallback, type Rejection } from '../http/reject';
import type { Intake } from '../intake';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { DingtalkPayloadError, parseDingtalkCallback } from './parse';
import { verifyDingtalkSignature } from './verify';

export interface DingtalkRouterDeps {
  /** The app a route serves: no slug for `/dingtalk/callback` (the environment's), else a registered one. */
  resolve: (slug?: string) => Promise<DingtalkConfig | undefined>;
  intake: Intake;
  logger: Logger;
  metrics: Metrics;
  now?: () => Date;
}

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

/** Verify, read, parse, store, answer: handling happens after the answer (docs/architecture.md, "Ack fast"). */
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

  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch {
    return reject({ reason: 'payload', status: 400, detail: 'body is not JSON' });
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
