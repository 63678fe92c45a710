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
  /**
   * The path of PUBLIC_BASE_URL (e.g. `/fieldbot`): a proxy may pass it on or strip it, and either way
   * the same routes answer.
   */
  basePath?: string;
  /** The long connections' states on this instance, for /healthz. */
  connections?: () => Record<string, string>;
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

  const basePath = deps.basePath;
  if (basePath) {
    app.use(async (ctx, next) => {
      if (ctx.path === basePath || ctx.path.startsWith(`${basePath}/`))
        ctx.path = ctx.path.slice(basePath.length) || '/';
      await next();
    });
  }

  const core = new Router();
  core.get('/healthz', async (ctx) => {
    const reachable = await deps.db.isReachable();
    ctx.status = reachable ? 200 : 503;
    const connections = deps.connections?.();
    ctx.body = {
      status: reachable ? 'ok' : 'storage unreachable',
      ...(connections && Object.keys(connections).length > 0 ? { connections } : {}),
    };
  });
  core.get('/metrics', (ctx) => {
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = deps.metrics.render();
  });
  core.get('/', (ctx) => ctx.redirect('/sim'));

  for (const router of [core, ...deps.routers]) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
