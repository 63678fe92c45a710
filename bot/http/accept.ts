import type { Context } from 'koa';
import type { Logger } from '../logger';

/**
 * Stores the events, then answers 200 with an empty body; on a storage failure answers 503 so the
 * platform retries (any non-200 counts as a failure to WeCom). Nothing is lost.
 */
export async function acceptOrAskForRetry(
  ctx: Context,
  accept: () => Promise<unknown>,
  logger: Logger,
): Promise<void> {
  try {
    await accept();
    ctx.status = 200;
    ctx.body = '';
  } catch (error) {
    logger.error({ err: error }, 'inbox unavailable; asking the platform to retry');
    ctx.status = 503;
    ctx.body = 'retry later';
  }
}
