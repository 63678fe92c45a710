import type { ReportRenderer } from '../cards/render/report-page';
import { Database } from '../storage/database';
import { TenantRepository } from '../storage/repositories/tenant.repository';
import { createApp } from './app';
import { loadConfig, settleSimulator, type AppConfig } from './config';
import { linkSignerFor } from './h5/link-keys';
import { createLinkFactory, type LinkHolder } from './h5/link-factory';
import { listen } from './http-listener';
import { createHttpRoutes } from './http-routes';
import { createLogger, type Logger } from './logger';
import { MessagePipeline } from './message-pipeline';
import { Metrics } from './metrics';
import { openTenants, pointAtSimulator } from './platform-wiring';
import { defaultReportRenderer } from './report-renderer';
import { ScheduledJobs } from './scheduled-jobs';
import { loadSeed, seedTenants } from './seeding';

export interface RunningFieldbot {
  url: string;
  config: AppConfig;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  /** Resolves when every event received so far is handled and every due reply attempted. */
  settle(): Promise<void>;
  /** Runs the scheduled job `name` once at the bot's clock, as its cron tick would; false when it did not run. */
  runJob(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** Tests inject a logger to read what was logged. */
  logger?: Logger;
  /** Business time (events' arrival, handling, H5 links); tests travel in time with it. */
  clock?: () => Date;
  /** false: jobs run only through `runJob` (tests, where a real cron tick at a fake time would interfere). */
  scheduleJobs?: boolean;
  /** The report image renderer; tests may inject one (default: the shared Chromium renderer). */
  reportRenderer?: ReportRenderer;
}

/**
 * Starts the whole bot: storage (migrated), webhooks, H5 pages, the inbox dispatcher, the outbox sender,
 * the scheduled jobs and, in trial mode (no platform credentials), the IM simulator. `PORT=0` picks a free port.
 * What runs depends on FIELDBOT_ROLE: a web instance serves callbacks and pages, a worker handles events and
 * runs the jobs, `all` does both.
 */
export async function startFieldbot(options: StartOptions): Promise<RunningFieldbot> {
  const environment = loadConfig(options.env);
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(environment.logLevel);
  const metrics = new Metrics();

  // Listen first: in simulator mode the bot's API base and the simulator's callback URL need the real port.
  const http = await listen(environment.port, environment.host);
  const { url } = http;
  const db = await Database.open(environment.databaseUrl);
  metrics.readFrom('db_statements_total', () => db.statements);
  const opened = await openOrClose([http, db], async () => {
    // Companies registered with `npm run tenant` are real credentials too: no simulator next to them.
    const config = settleSimulator(environment, (await new TenantRepository(db.manager).list()).length);
    const signer = await linkSignerFor(config, db, clock());
    pointAtSimulator(config, url);
    const seed = loadSeed(config);
    await seedTenants(db, config, seed, logger, clock());
    // Registered tenants whose secrets cannot be opened stop the start, with nothing left listening.
    return { config, signer, seed, ...(await openTenants(db, config, logger)) };
  });
  const { config, signer, seed, tenants, taskIdTag } = opened;
  const handles = config.role !== 'web';
  const serves = config.role !== 'worker';
  const baseUrl = () => config.publicBaseUrl ?? url;

  const reportRenderer = options.reportRenderer ?? defaultReportRenderer(config);
  const linksFor = (holder: LinkHolder) =>
    createLinkFactory(signer, baseUrl(), holder, () => clock().getTime());
  const pipeline = new MessagePipeline({
    config,
    db,
    logger,
    metrics,
    clock,
    tenants,
    taskIdTag,
    reportRenderer,
    linksFor,
  });
  const { intake, dispatcher, outbox } = pipeline;

  const routers = createHttpRoutes({
    config,
    db,
    logger,
    metrics,
    clock,
    tenants,
    intake,
    signer,
    taskIdTag,
    url,
    baseUrl,
    onRepliesQueued: () => outbox.wake(),
    server: http.server,
    seed,
  });
  // A worker answers health and metrics only; callbacks and pages go to the web instances.
  http.serve(
    createApp({
      logger,
      metrics,
      db,
      routers: serves ? routers : [],
      basePath: basePathOf(config.publicBaseUrl),
      connections: () => pipeline.longConnections.states(),
      metricsToken: config.metricsToken,
      ackBacklog: pipeline.ackBacklog,
    }).callback(),
  );

  const jobs = new ScheduledJobs({
    config,
    db,
    logger,
    clock,
    requeue: (ref) => dispatcher.enqueue(ref),
    onRepliesQueued: () => outbox.wake(),
    contactSources: () => tenants.contactSources(),
    renderer: reportRenderer,
    linksFor,
  });
  if (handles && options.scheduleJobs !== false) await jobs.start();
  await pipeline.start();

  logStarted(logger, config, url, db);
  return {
    url,
    config,
    db,
    logger,
    metrics,
    settle: () => pipeline.settle(),
    runJob: (name) => jobs.runJob(name),
    async close() {
      await pipeline.stopIntake();
      await jobs.stop();
      await http.close();
      await pipeline.stop();
      await reportRenderer.close();
      await db.close();
    },
  };
}

/** Runs the start's fallible steps; on failure closes what is open (in order) and rethrows. */
async function openOrClose<T>(open: Array<{ close(): Promise<void> }>, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    for (const resource of open) await resource.close();
    throw error;
  }
}

function logStarted(logger: Logger, config: AppConfig, url: string, db: Database): void {
  logger.info(
    { url, role: config.role, simulator: config.simulator, database: db.isSqlite ? 'sqlite' : 'mysql' },
    'fieldbot started',
  );
  if (config.dingtalk && !config.dingtalk.cardTemplateId) {
    logger.warn(
      'DINGTALK_CARD_TEMPLATE_ID is not set: DingTalk cards go out without action buttons (签到/签退 still work through the H5 link)',
    );
  }
  if (config.simulator) logger.info(`IM simulator: ${url}/sim`);
}

/** The path of PUBLIC_BASE_URL (`https://corp.example/fieldbot` → `/fieldbot`); undefined at the root. */
function basePathOf(publicBaseUrl: string | undefined): string | undefined {
  const path = publicBaseUrl ? new URL(publicBaseUrl).pathname.replace(/\/+$/, '') : '';
  return path === '' ? undefined : path;
}
