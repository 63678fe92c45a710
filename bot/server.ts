import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from '@koa/router';
import { approvalEscalationJob } from '../jobs/approval-escalation.job';
import { attendanceRemindersJob } from '../jobs/attendance-reminders.job';
import { applyContactChange } from '../jobs/contact-change';
import { contactsSyncJob } from '../jobs/contacts-sync.job';
import { reportJobs } from '../jobs/reports/report-jobs';
import { defaultReportRenderer } from './report-renderer';
import type { ReportRenderer } from '../cards/render/report-page';
import { customerRecycleJob } from '../jobs/customer-recycle.job';
import { visitAutoCloseJob } from '../jobs/visit-auto-close.job';
import { visitRouteJob } from '../jobs/visit-route.job';
import { inboxSweepJob } from '../jobs/inbox-sweep.job';
import { OutboxSender } from '../jobs/outbox-sender';
import { Scheduler } from '../jobs/scheduler';
import { Database } from '../storage/database';
import { InboxWriter } from '../storage/repositories/inbox-writer';
import { LocalMediaStore } from '../storage/media/local-media-store';
import { photoArchiveOver } from '../storage/media/media-store';
import { applySeed, DEMO_SEED_PATH, readSeedFile } from '../storage/seed/seed-file';
import { type SeedFile } from '../storage/seed/seed-schema';
import { createRepositories } from '../storage/repositories';
import type { InboxRef } from '../storage/repositories/inbox.repository';
import { createApp } from './app';
import { loadConfig, type AppConfig } from './config';
import { DingtalkClient } from './dingtalk/client';
import { createDingtalkEventRouter } from './dingtalk/event-routes';
import { createDingtalkRouter } from './dingtalk/routes';
import { LinkSigner } from './h5/link-signer';
import { createLinkFactory, type LinkHolder } from './h5/link-factory';
import { createExportRouter } from './h5/export-routes';
import { createH5Router } from './h5/routes';
import { createImportRouter } from './h5/import-routes';
import { InboxDispatcher } from './inbox/inbox-dispatcher';
import { InboxIntake } from './inbox/inbox-intake';
import { InboxPoller } from './inbox/inbox-poller';
import { createLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { createSimulatorRouter } from './simulator/simulator';
import { TenantDirectory } from './tenants/tenant-directory';
import { WecomClient } from './wecom/client';
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
 * the scheduled jobs and, without WeCom credentials, the IM simulator. `PORT=0` picks a free port.
 */
export async function startFieldbot(options: StartOptions): Promise<RunningFieldbot> {
  const config = loadConfig(options.env);
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();

  // Listen first: in simulator mode the bot's API base and the simulator's callback URL need the real port.
  let handle: Parameters<typeof createServer>[1] = (_req, res) => res.writeHead(503).end('starting');
  const server = createServer((req, res) => handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  if (config.simulator && config.wecom) config.wecom = { ...config.wecom, apiBase: `${url}/sim/api` };

  const db = await Database.open(config.databaseUrl);
  const seed = loadSeed(config);
  if (seed) await seedTenants(db, config, seed, clock());

  const wecomClient = config.wecom ? new WecomClient({ config: config.wecom, logger }) : undefined;
  const dingtalkClient = config.dingtalk
    ? new DingtalkClient({ config: config.dingtalk, logger })
    : undefined;
  // The environment's corps plus those registered in the database, each with its own client and token.
  const tenants = new TenantDirectory({
    db,
    config,
    logger,
    defaults: { wecom: wecomClient, dingtalk: dingtalkClient },
  });
  try {
    await tenants.load();
  } catch (error) {
    // Registered tenants whose secrets cannot be opened: stop now, with nothing left listening.
    await closeServer(server);
    await db.close();
    throw error;
  }
  const senders = { get: (platform: string, tenantId: string) => tenants.sender(platform, tenantId) };

  const reportRenderer = options.reportRenderer ?? defaultReportRenderer(config);
  const outbox = new OutboxSender({ db, senders, logger });
  const signer = new LinkSigner(config.linkSecret);
  const linksFor = (holder: LinkHolder) =>
    createLinkFactory(signer, config.publicBaseUrl ?? url, holder, () => clock().getTime());
  const dispatcher = new InboxDispatcher({
    db,
    now: clock,
    logger,
    timeZone: config.timeZone,
    adminUsers: config.adminUsers,
    linksFor,
    onRepliesQueued: () => outbox.wake(),
    reportRenderer,
    metrics,
    applyContactChange: (event, now) =>
      applyContactChange(
        { db, logger, contactSources: () => tenants.contactSources(), adminUsers: config.adminUsers },
        event,
        now,
      ),
    photos: photoArchiveOver(new LocalMediaStore({ root: config.mediaRoot })),
    fetchImage: async (event) => {
      const wecom = event.platform === 'wecom' ? await tenants.wecomClient(event.tenantId) : undefined;
      if (wecom) return wecom.downloadMedia(event.mediaId);
      const dingtalk =
        event.platform === 'dingtalk' ? await tenants.dingtalkClient(event.tenantId) : undefined;
      if (dingtalk) return { bytes: await dingtalk.downloadImage(event.mediaId), contentType: 'image/jpeg' };
      throw new Error(`no ${event.platform} client for tenant ${event.tenantId} to download media with`);
    },
  });
  const handles = config.role !== 'web';
  const serves = config.role !== 'worker';
  const intake = new InboxIntake(new InboxWriter(db), handles ? dispatcher : { enqueue: () => {} }, metrics);
  const poller =
    config.role === 'worker'
      ? new InboxPoller({ db, logger, enqueue: (ref) => dispatcher.enqueue(ref) })
      : undefined;

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
  routers.push(createExportRouter({ now: clock, signer, db, logger, timeZone: config.timeZone }));
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
    createWecomRouter({ resolve: (slug) => tenants.wecomRoute(slug), intake, logger, metrics, now: clock }),
  );
  routers.push(
    createDingtalkRouter({ resolve: (slug) => tenants.dingtalkRoute(slug), intake, logger, metrics }),
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
    routers.push(
      createSimulatorRouter({
        wecom: config.wecom,
        botCallbackUrl: `${url}/wecom/callback`,
        logger,
        seed: simulatorSeedOf(seed),
        timeZone: config.timeZone,
      }),
    );
  }
  // A worker answers health and metrics only; callbacks and pages go to the web instances.
  handle = createApp({ logger, metrics, db, routers: serves ? routers : [] }).callback();

  const contactSources = () => tenants.contactSources();
  const jobDeps = {
    db,
    requeue: (ref: InboxRef) => dispatcher.enqueue(ref),
    defaultTimeZone: config.timeZone,
    onRepliesQueued: () => outbox.wake(),
    logger,
    contactSources,
    adminUsers: config.adminUsers,
    renderer: reportRenderer,
    linksFor,
  };
  const scheduler = new Scheduler(db, jobDeps, logger, clock);
  const contactsSync = contactsSyncJob(config.timeZone);
  const jobs = [
    inboxSweepJob(config.timeZone),
    attendanceRemindersJob(),
    contactsSync,
    approvalEscalationJob(),
    ...reportJobs(),
    visitAutoCloseJob(),
    visitRouteJob(),
    customerRecycleJob(config.timeZone),
  ];
  let startupSync: Promise<unknown> = Promise.resolve();
  if (handles && options.scheduleJobs !== false) {
    jobs.forEach((job) => scheduler.schedule(job));
    // A fresh deployment should know its people before the first night; off the start path, failures logged.
    if ((await contactSources()).length > 0) startupSync = scheduler.runOnce(contactsSync);
  }
  if (handles) {
    outbox.start();
    poller?.start();
    // Events acknowledged before a crash or restart but not handled: handle them now.
    const leftovers = await createRepositories(db.manager).inbox.findStalePending(
      new Date(Date.now() + 1000),
      10_000,
    );
    if (!poller) leftovers.forEach((ref) => dispatcher.enqueue(ref));
  }

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
    async settle() {
      await new Promise((resolve) => setImmediate(resolve));
      await dispatcher.drain();
      // The sender's own loop may be mid-pass, holding rows a pass from here skips: done when neither did anything.
      for (;;) {
        await outbox.idle();
        const claimedBefore = outbox.claimedTotal;
        const sent = await outbox.sendDue();
        await outbox.idle();
        if (sent === 0 && outbox.claimedTotal === claimedBefore) break;
      }
    },
    async runJob(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job)
        throw new Error(`no scheduled job named ${name}; scheduled: ${jobs.map((j) => j.name).join(', ')}`);
      return scheduler.runOnce(job);
    },
    async close() {
      await scheduler.stop();
      await startupSync;
      await closeServer(server);
      await poller?.stop();
      await dispatcher.drain();
      await outbox.stop();
      await reportRenderer.close();
      await db.close();
    },
  };
}

function loadSeed(config: AppConfig): SeedFile | undefined {
  if (config.seedFile) return readSeedFile(config.seedFile);
  return config.simulator ? readSeedFile(DEMO_SEED_PATH) : undefined;
}

async function seedTenants(db: Database, config: AppConfig, seed: SeedFile, now: Date): Promise<void> {
  const timeZone = config.timeZone;
  if (config.wecom)
    await applySeed(db, seed, { tenantId: config.wecom.corpId, platform: 'wecom', timeZone }, now);
  if (config.dingtalk)
    await applySeed(db, seed, { tenantId: config.dingtalk.corpId, platform: 'dingtalk', timeZone }, now);
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

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
