import { Router } from '@koa/router';
import Koa from 'koa';
import type { Database } from '../storage/database';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  db: Database;
  /** Feature routers: platform callbacks, H5 pages, the simulator. */
  routers: Router[];
}

/** The Koa app: one error exit, health and metrics, then the feature routers. No body parser: callbacks read raw bodies. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      deps.logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = 'internal error';
    }
  });

  const core = new Router();
  core.get('/healthz', async (ctx) => {
    const reachable = await deps.db.isReachable();
    ctx.status = reachable ? 200 : 503;
    ctx.body = { status: reachable ? 'ok' : 'storage unreachable' };
  });
  core.get('/metrics', (ctx) => {
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = deps.metrics.render();
  });
  core.get('/', (ctx) => ctx.redirect('/sim'));

  for (const router of [core, ...deps.routers]) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
