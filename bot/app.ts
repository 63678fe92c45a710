import { Router } from '@koa/router';
import { timingSafeEqual } from 'node:crypto';
import Koa, { type Context } from 'koa';
import { h5SecurityHeaders } from './http/security-headers';
import type { AckBacklog } from './inbox/ack-backlog';
import type { Database } from '../storage/database';
import type { Logger } from './logger';
import { ANSWER_SECONDS_BOUNDS, type Metrics } from './metrics';

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
  /** METRICS_TOKEN: `/metrics` also answers `Authorization: Bearer <token>` from elsewhere than loopback. */
  metricsToken?: string;
  /** Counts the POSTs (callbacks, H5 submissions) waiting for their answer; handling yields to them. */
  ackBacklog?: AckBacklog;
}

/** The Koa app: one error exit, health and metrics, then the feature routers. No body parser: callbacks read raw bodies. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;

  app.use(async (ctx, next) => {
    const post = ctx.method === 'POST';
    const answered = post ? deps.ackBacklog?.begin() : undefined;
    const startedAt = performance.now();
    try {
      await next();
    } catch (error) {
      deps.logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = 'internal error';
    } finally {
      answered?.();
      // A callback's ack as this process saw it, from its request to its answer (`/metrics`).
      if (post)
        deps.metrics.observe(
          'post_answer_seconds',
          (performance.now() - startedAt) / 1000,
          ANSWER_SECONDS_BOUNDS,
        );
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
    if (!isLocalRequest(ctx) && !bearerMatches(ctx, deps.metricsToken)) {
      ctx.status = 404;
      return;
    }
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = deps.metrics.render();
  });

  app.use(h5SecurityHeaders);
  for (const router of [core, ...deps.routers]) app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/**
 * From this machine and not relayed: a reverse proxy on the same host connects from loopback too, but says
 * so with X-Forwarded-For or Forwarded. The socket address, not `ctx.ip`, which trusts those headers.
 */
function isLocalRequest(ctx: Context): boolean {
  const remote = ctx.req.socket.remoteAddress ?? '';
  const loopback = remote === '::1' || /^(::ffff:)?127\./.test(remote);
  return loopback && !ctx.get('x-forwarded-for') && !ctx.get('forwarded');
}

function bearerMatches(ctx: Context, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(ctx.get('authorization'));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
