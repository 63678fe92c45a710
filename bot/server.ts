import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from '@koa/router';
import { approvalEscalationJob } from '../jobs/approval-escalation.job';
import { attendanceRemindersJob } from '../jobs/attendance-reminders.job';
import { contactsSyncJob } from '../jobs/contacts-sync.job';
import { reportJobs } from '../jobs/reports/report-jobs';
import { defaultReportRenderer } from './report-renderer';
import type { ReportRenderer } from '../cards/render/report-page';
import { customerRecycleJob } from '../jobs/customer-recycle.job';
import { leadRecycleJob } from '../jobs/lead-recycle.job';
import { visitAutoCloseJob } from '../jobs/visit-auto-close.job';
import { visitRouteJob } from '../jobs/visit-route.job';
import { inboxSweepJob } from '../jobs/inbox-sweep.job';
import { retentionJob } from '../jobs/retention.job';
import { MessagePipeline } from './message-pipeline';
import { Scheduler } from '../jobs/scheduler';
import { Database } from '../storage/database';
import { applySeed, DEMO_SEED_PATH, readSeedFile } from '../storage/seed/seed-file';
import { type SeedFile } from '../storage/seed/seed-schema';
import { TenantRepository } from '../storage/repositories/tenant.repository';
import type { InboxRef } from '../storage/repositories/inbox.repository';
import { createApp } from './app';
import { loadConfig, settleSimulator, type AppConfig } from './config';
import { DingtalkClient } from './dingtalk/client';
import { createDingtalkEventRouter } from './dingtalk/event-routes';
import { createDingtalkRouter } from './dingtalk/routes';
import type { LinkSigner } from './h5/link-signer';
import { linkSignerFor } from './h5/link-keys';
import { createLinkFactory, type LinkHolder } from './h5/link-factory';
import { createExportRouter } from './h5/export-routes';
import { ReaderSignIn } from './h5/reader-sign-in';
import { wecomUserIdOfCode } from './wecom/oauth';
import { dingtalkUserIdOfCode } from './dingtalk/auth-code';
import { createH5Router } from './h5/routes';
import { createImportRouter } from './h5/import-routes';
import { createLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { SIMULATOR_BOT_PATH, SimulatorBotChannel } from './simulator/bot-channel';
import type { ChatStore } from './simulator/chat-store';
import type { MediaStore } from './simulator/media-store';
import { createSimulatorRouter } from './simulator/simulator';
import { TenantDirectory } from './tenants/tenant-directory';
import { WecomClient } from './wecom/client';
import { ProtocolGuardRepository } from '../storage/repositories/protocol-guard.repository';
import { createWecomRouter } from './wecom/routes';

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
 */
export async function startFieldbot(options: StartOptions): Promise<RunningFieldbot> {
  const environment = loadConfig(options.env);
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(environment.logLevel);
  const metrics = new Metrics();

  // Listen first: in simulator mode the bot's API base and the simulator's callback URL need the real port.
  let handle: Parameters<typeof createServer>[1] = (_req, res) => res.writeHead(503).end('starting');
  const server = createServer((req, res) => handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(environment.port, environment.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${localAddressOf(environment.host)}:${port}`;

  const db = await Database.open(environment.databaseUrl);
  metrics.readFrom('db_statements_total', () => db.statements);
  let config: AppConfig;
  let signer: LinkSigner;
  try {
    // Companies registered with `npm run tenant` are real credentials too: no simulator next to them.
    config = settleSimulator(environment, (await new TenantRepository(db.manager).list()).length);
    signer = await linkSignerFor(config, db, clock());
  } catch (error) {
    await closeServer(server);
    await db.close();
    throw error;
  }
  if (config.simulator && config.wecom) config.wecom = { ...config.wecom, apiBase: `${url}/sim/api` };
  if (config.simulator && config.wecomBot)
    config.wecomBot = {
      ...config.wecomBot,
      wsUrl: `ws://${localAddressOf(environment.host)}:${port}${SIMULATOR_BOT_PATH}`,
    };
  const seed = loadSeed(config);
  await seedTenants(db, config, seed, logger, clock());

  const taskIdTag = await new ProtocolGuardRepository(db.manager).deploymentTag(new Date());
  const wecomClient = config.wecom ? new WecomClient({ config: config.wecom, logger, taskIdTag }) : undefined;
  const dingtalkClient = config.dingtalk
    ? new DingtalkClient({ config: config.dingtalk, logger })
    : undefined;
  // The environment's corps plus those registered in the database, each with its own client and token.
  const tenants = new TenantDirectory({
    db,
    config,
    logger,
    defaults: { wecom: wecomClient, dingtalk: dingtalkClient },
    taskIdTag,
  });
  try {
    await tenants.load();
  } catch (error) {
    // Registered tenants whose secrets cannot be opened: stop now, with nothing left listening.
    await closeServer(server);
    await db.close();
    throw error;
  }
  const reportRenderer = options.reportRenderer ?? defaultReportRenderer(config);
  const linksFor = (holder: LinkHolder) =>
    createLinkFactory(signer, config.publicBaseUrl ?? url, holder, () => clock().getTime());
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
  const handles = config.role !== 'web';
  const serves = config.role !== 'worker';

  const routers: Router[] = [
    createH5Router({
      now: clock,
      signer,
      intake,
      logger,
      wecomJsApiFor: async (tenantId) => {
        const client = await tenants.wecomClient(tenantId);
        return client && { corpId: tenantId, getTicket: () => client.getJsApiTicket() };
      },
    }),
  ];
  const readers = new ReaderSignIn({
    signer,
    im: {
      wecom: async (tenantId) => {
        const client = await tenants.wecomClient(tenantId);
        return (
          client && {
            agentId: String(client.agentId),
            userIdOfCode: (code) => wecomUserIdOfCode(client, code),
          }
        );
      },
      dingtalk: async (tenantId) => {
        const client = await tenants.dingtalkClient(tenantId);
        return client && { userIdOfCode: (code) => dingtalkUserIdOfCode(client, code) };
      },
    },
    baseUrl: () => config.publicBaseUrl ?? url,
    // The simulator has no IM to sign in with: its links stay the way in.
    fallbackMs: config.simulator ? Infinity : config.h5LinkFallbackMs,
    logger,
    now: clock,
  });
  routers.push(createExportRouter({ now: clock, signer, readers, db, logger, timeZone: config.timeZone }));
  routers.push(
    createImportRouter({
      now: clock,
      signer,
      db,
      logger,
      baseUrl: () => config.publicBaseUrl ?? url,
      onRepliesQueued: () => outbox.wake(),
    }),
  );
  routers.push(
    createWecomRouter({
      resolve: (slug) => tenants.wecomRoute(slug),
      intake,
      logger,
      metrics,
      taskIdTag,
      now: clock,
    }),
  );
  routers.push(
    createDingtalkRouter({
      resolve: (slug) => tenants.dingtalkRoute(slug),
      intake,
      logger,
      metrics,
      signatures: {
        use: (key, bodyHash, until) =>
          new ProtocolGuardRepository(db.manager).useSignature(key, bodyHash, until),
      },
    }),
  );
  routers.push(
    createDingtalkEventRouter({
      resolve: (slug) => tenants.dingtalkRoute(slug),
      intake,
      logger,
      metrics,
      now: clock,
    }),
  );
  if (config.simulator && config.wecom) {
    const bot = config.wecomBot;
    const botChannel =
      bot &&
      ((chats: ChatStore, media: MediaStore) => {
        const channel = new SimulatorBotChannel({
          botId: bot.botId,
          secret: bot.secret,
          chats,
          media,
          logger,
        });
        server.on('upgrade', (req, socket, head) => {
          if (!channel.upgrade(req, socket, head)) socket.destroy();
        });
        return channel;
      });
    routers.push(
      createSimulatorRouter({
        botChannel,
        wecom: config.wecom,
        botCallbackUrl: `${url}/wecom/callback`,
        logger,
        seed: simulatorSeedOf(seed),
        timeZone: config.timeZone,
      }),
    );
  }
  // A worker answers health and metrics only; callbacks and pages go to the web instances.
  handle = createApp({
    logger,
    metrics,
    db,
    routers: serves ? routers : [],
    basePath: basePathOf(config.publicBaseUrl),
    connections: () => pipeline.longConnections.states(),
    metricsToken: config.metricsToken,
  }).callback();

  const contactSources = () => tenants.contactSources();
  const jobDeps = {
    db,
    requeue: (ref: InboxRef) => dispatcher.enqueue(ref),
    defaultTimeZone: config.timeZone,
    onRepliesQueued: () => outbox.wake(),
    logger,
    contactSources,
    renderer: reportRenderer,
    linksFor,
    inboxRetentionDays: config.inboxRetentionDays,
  };
  const scheduler = new Scheduler(db, jobDeps, logger, clock);
  const contactsSync = contactsSyncJob(config.timeZone);
  const jobs = [
    inboxSweepJob(config.timeZone),
    retentionJob(config.timeZone),
    attendanceRemindersJob(),
    contactsSync,
    approvalEscalationJob(),
    ...reportJobs(),
    visitAutoCloseJob(),
    visitRouteJob(),
    customerRecycleJob(config.timeZone),
    leadRecycleJob(config.timeZone),
  ];
  let startupSync: Promise<unknown> = Promise.resolve();
  if (handles && options.scheduleJobs !== false) {
    jobs.forEach((job) => scheduler.schedule(job));
    // A fresh deployment should know its people before the first night; off the start path, failures logged.
    if ((await contactSources()).length > 0) startupSync = scheduler.runOnce(contactsSync);
  }
  await pipeline.start();

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

  return {
    url,
    config,
    db,
    logger,
    metrics,
    settle: () => pipeline.settle(),
    async runJob(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job)
        throw new Error(`no scheduled job named ${name}; scheduled: ${jobs.map((j) => j.name).join(', ')}`);
      return scheduler.runOnce(job);
    },
    async close() {
      await pipeline.stopIntake();
      await scheduler.stop();
      await startupSync;
      await closeServer(server);
      await pipeline.stop();
      await reportRenderer.close();
      await db.close();
    },
  };
}

/** The seed the simulator's corp shows: SEED_FILE, else the demo company. Real corps get SEED_FILE only. */
function loadSeed(config: AppConfig): SeedFile | undefined {
  if (config.seedFile) return readSeedFile(config.seedFile);
  return config.simulator ? readSeedFile(DEMO_SEED_PATH) : undefined;
}

/**
 * SEED_FILE goes into the environment's corps; the demo seed only into the simulator's stand-in corp, never
 * into a real company, which otherwise starts empty and fills from its address book and imports.
 */
async function seedTenants(
  db: Database,
  config: AppConfig,
  seed: SeedFile | undefined,
  logger: Logger,
  now: Date,
): Promise<void> {
  const timeZone = config.timeZone;
  if (seed && config.wecom)
    await applySeed(db, seed, { tenantId: config.wecom.corpId, platform: 'wecom', timeZone }, now);
  if (config.dingtalk && config.seedFile && seed)
    await applySeed(db, seed, { tenantId: config.dingtalk.corpId, platform: 'dingtalk', timeZone }, now);
  const realCorps = [config.simulator ? undefined : config.wecom?.corpId, config.dingtalk?.corpId];
  if (!config.seedFile && realCorps.some(Boolean))
    logger.info(
      'no SEED_FILE: the company starts empty. People arrive with the address-book sync (nightly and at start); customers come from 导入客户 in chat or `npm run import:customers -- --tenant <corp id> <file>`; a seed file (people, customers, places, settings) is imported with SEED_FILE=<file> at start',
    );
}

/** How the bot reaches itself: the bound address, or loopback when bound to every interface. */
function localAddressOf(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The simulator shows seed people and the customers that have a position. */
function simulatorSeedOf(seed: SeedFile | undefined) {
  if (!seed) return {};
  const located = seed.customers.flatMap((c) =>
    c.lat === undefined || c.lng === undefined
      ? []
      : [{ name: c.name, lat: c.lat, lng: c.lng, address: c.address }],
  );
  return { users: seed.users, customers: located, places: seed.places };
}

/** The path of PUBLIC_BASE_URL (`https://corp.example/fieldbot` → `/fieldbot`); undefined at the root. */
function basePathOf(publicBaseUrl: string | undefined): string | undefined {
  const path = publicBaseUrl ? new URL(publicBaseUrl).pathname.replace(/\/+$/, '') : '';
  return path === '' ? undefined : path;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
