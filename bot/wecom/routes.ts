import { Router } from '@koa/router';
import type { Context } from 'koa';
import { SYSTEM_SENDER } from '../../domain/messages/inbound-event';
import type { WecomConfig } from '../config';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { rejectCallback, type Rejection } from '../http/reject';
import { acceptOrAskForRetry } from '../http/accept';
import type { Intake } from '../intake';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { decryptForCorp, WecomDecryptError } from './crypto';
import { findEncrypt, parseEnvelope, parseWecomMessage, WecomPayloadError } from './parse';
import { cardIdOf } from './render';
import { isValidWecomSignature } from './verify';

export interface WecomRouteDeps {
  /** The app a route serves: no slug for `/wecom/callback` (the environment's), a slug for `/wecom/<slug>/callback`. */
  resolve: (slug?: string) => Promise<WecomConfig | undefined>;
  intake: Intake;
  logger: Logger;
  metrics: Metrics;
  /** The deployment's mark on task_ids, taken off a card event's TaskId (render.ts `cardIdOf`). */
  taskIdTag?: string;
  now?: () => Date;
}

/** The environment's app, and the apps registered in the database by name. */
const PATHS = ['/wecom/callback', '/wecom/:tenant/callback'];

/**
 * `GET /wecom/callback` (and `/wecom/<tenant>/callback`) answers WeCom's URL verification; `POST /wecom/callback` takes messages and
 * events: bound the body → verify (on the `Encrypt` value, before any XML parsing) → decrypt → validate → store in the inbox → 200 with an empty body. Handling happens
 * after the answer (WeCom gives up after 5 s and retries, 3 tries in all).
 */
export function createWecomRouter(deps: WecomRouteDeps): Router {
  const { intake, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const router = new Router();
  const reject = (ctx: Context, r: Omit<Rejection, 'platform'>) =>
    rejectCallback(ctx, logger, metrics, { platform: 'wecom', ...r });

  const configOf = async (ctx: Context): Promise<WecomConfig | undefined> => {
    const config = await deps.resolve(ctx.params.tenant);
    if (!config) reject(ctx, { reason: 'tenant', status: 404 });
    return config;
  };

  router.get(PATHS, async (ctx) => {
    const config = await configOf(ctx);
    if (!config) return;
    const { msg_signature: signature, timestamp, nonce, echostr } = ctx.query;
    if (![signature, timestamp, nonce, echostr].every((v) => typeof v === 'string' && v.length > 0)) {
      return reject(ctx, { reason: 'missing_params', status: 400 });
    }
    const q = {
      signature: String(signature),
      timestamp: String(timestamp),
      nonce: String(nonce),
      encrypt: String(echostr),
    };
    if (!isValidWecomSignature({ token: config.token, ...q }))
      return reject(ctx, { reason: 'signature', status: 401 });
    try {
      ctx.body = decryptForCorp(config.aesKey, q.encrypt, config.corpId);
      ctx.type = 'text/plain';
    } catch (error) {
      if (error instanceof WecomDecryptError) return reject(ctx, decryptRejection(error));
      throw error;
    }
  });

  router.post(PATHS, async (ctx) => {
    const config = await configOf(ctx);
    if (!config) return;
    const { msg_signature: signature, timestamp, nonce } = ctx.query;
    if (![signature, timestamp, nonce].every((v) => typeof v === 'string' && v.length > 0)) {
      return reject(ctx, { reason: 'missing_params', status: 400 });
    }
    let body: string;
    let encrypted: string;
    try {
      body = await readBody(ctx);
      encrypted = findEncrypt(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return reject(ctx, { reason: 'too_large', status: 413 });
      if (error instanceof WecomPayloadError)
        return reject(ctx, { reason: 'payload', status: 400, detail: error.message });
      throw error;
    }
    if (
      !isValidWecomSignature({
        token: config.token,
        timestamp: String(timestamp),
        nonce: String(nonce),
        encrypt: encrypted,
        signature: String(signature),
      })
    ) {
      return reject(ctx, { reason: 'signature', status: 401 });
    }
    let event;
    try {
      parseEnvelope(body, encrypted);
      event = parseWecomMessage(
        decryptForCorp(config.aesKey, encrypted, config.corpId),
        config.corpId,
        now(),
      );
    } catch (error) {
      if (error instanceof WecomDecryptError) return reject(ctx, decryptRejection(error));
      if (error instanceof WecomPayloadError)
        return reject(ctx, { reason: 'payload', status: 400, detail: error.message });
      throw error;
    }
    // A platform event we do not act on (a tag change …) is answered and not stored: nobody to reply to.
    if (event.kind === 'unsupported' && event.userId === SYSTEM_SENDER) {
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    if (event.kind === 'card_action') event = { ...event, cardId: cardIdOf(event.cardId, deps.taskIdTag) };
    await acceptOrAskForRetry(ctx, () => intake.accept([event]), logger);
  });

  return router;
}

function decryptRejection(error: WecomDecryptError): Omit<Rejection, 'platform'> {
  return { reason: error.reason, status: error.reason === 'corp_id' ? 403 : 400, detail: error.message };
}
