import { Router } from '@koa/router';
import type { DingtalkConfig } from '../config';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { rejectCallback, type Rejection } from '../http/reject';
import type { Intake } from '../intake';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import {
  decryptDingtalkEvent,
  dingtalkEventAnswer,
  DingtalkEventError,
  findEventEncrypt,
  isValidDingtalkEventSignature,
  parseDingtalkEvent,
  parseEventEnvelope,
  type DingtalkEventApp,
} from './events';

export interface DingtalkEventRouterDeps {
  resolve: (slug?: string) => Promise<DingtalkConfig | undefined>;
  intake: Intake;
  logger: Logger;
  metrics: Metrics;
  now?: () => Date;
}

const PATHS = ['/dingtalk/events', '/dingtalk/:tenant/events'];

/**
 * `POST /dingtalk/events` (and `/dingtalk/<tenant>/events`): the app's event subscription URL. Address-book
 * events go to the inbox like messages (verify → decrypt → store → answer); other events are answered and
 * dropped. A corp without an event token and aes_key has no such route (404).
 */
export function createDingtalkEventRouter(deps: DingtalkEventRouterDeps): Router {
  const router = new Router();
  const now = deps.now ?? (() => new Date());
  router.post(PATHS, async (ctx) => {
    const reject = (r: Omit<Rejection, 'platform'>) =>
      rejectCallback(ctx, deps.logger, deps.metrics, { platform: 'dingtalk', ...r });
    const config = await deps.resolve(ctx.params.tenant);
    if (!config?.eventToken || !config.eventAesKey) return reject({ reason: 'tenant', status: 404 });
    const app: DingtalkEventApp = {
      corpId: config.corpId,
      appKey: config.appKey,
      eventToken: config.eventToken,
      eventAesKey: config.eventAesKey,
    };
    const { timestamp, nonce } = ctx.query;
    const signature = ctx.query.msg_signature ?? ctx.query.signature;
    if (![signature, timestamp, nonce].every((v) => typeof v === 'string' && v.length > 0))
      return reject({ reason: 'missing_params', status: 400 });
    let body: string;
    let encrypted: string;
    try {
      body = await readBody(ctx);
      encrypted = findEventEncrypt(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return reject({ reason: 'too_large', status: 413 });
      if (error instanceof DingtalkEventError)
        return reject({ reason: 'payload', status: 400, detail: error.message });
      throw error;
    }
    const q = {
      signature: String(signature),
      timestamp: String(timestamp),
      nonce: String(nonce),
      encrypt: encrypted,
    };
    if (!isValidDingtalkEventSignature(app, q)) return reject({ reason: 'signature', status: 401 });
    let event;
    let receiveId: string;
    try {
      parseEventEnvelope(body, encrypted);
      const decrypted = decryptDingtalkEvent(app, encrypted);
      receiveId = decrypted.receiveId;
      event = parseDingtalkEvent(decrypted.message, config.corpId, now());
    } catch (error) {
      if (error instanceof DingtalkEventError)
        return reject({
          reason: error.reason,
          status: error.reason === 'corp_id' ? 403 : 400,
          detail: error.message,
        });
      throw error;
    }
    if (event) {
      try {
        await deps.intake.accept([event]);
      } catch (error) {
        deps.logger.error({ err: error }, 'inbox unavailable; asking DingTalk to retry the event');
        ctx.status = 503;
        ctx.body = 'retry later';
        return;
      }
    }
    ctx.status = 200;
    ctx.body = dingtalkEventAnswer(app, receiveId, q.timestamp, q.nonce);
  });
  return router;
}
