import type { Server } from 'node:http';
import type { Router } from '@koa/router';
import type { SeedFile } from '../storage/seed/seed-schema';
import type { AppConfig } from './config';
import { dingtalkUserIdOfCode } from './dingtalk/auth-code';
import { createDingtalkEventRouter } from './dingtalk/event-routes';
import { createDingtalkRouter } from './dingtalk/routes';
import { createExportRouter } from './h5/export-routes';
import { createImportRouter } from './h5/import-routes';
import type { LinkSigner } from './h5/link-signer';
import { ReaderSignIn } from './h5/reader-sign-in';
import { createH5Router } from './h5/routes';
import type { InboxIntake } from './inbox/inbox-intake';
import type { MessagePipelineDeps } from './message-pipeline';
import { ProtocolGuardRepository } from '../storage/repositories/protocol-guard.repository';
import { SimulatorBotChannel } from './simulator/bot-channel';
import type { ChatStore } from './simulator/chat-store';
import type { MediaStore } from './simulator/media-store';
import { createSimulatorRouter } from './simulator/simulator';
import { simulatorSeedOf } from './seeding';
import { wecomUserIdOfCode } from './wecom/oauth';
import { createWecomRouter } from './wecom/routes';

export interface HttpRoutesDeps extends Pick<
  MessagePipelineDeps,
  'config' | 'db' | 'logger' | 'metrics' | 'clock' | 'tenants'
> {
  intake: InboxIntake;
  signer: LinkSigner;
  taskIdTag: string;
  /** The bot's own address (`http://127.0.0.1:<port>`): the simulator calls it back. */
  url: string;
  /** Where links point: PUBLIC_BASE_URL, else the bot's own address. */
  baseUrl: () => string;
  /** Replies were queued (an import's answer): the outbox should look now. */
  onRepliesQueued: () => void;
  /** The HTTP server, for the simulator's bot channel (a WebSocket upgrade). */
  server: Server;
  seed: SeedFile | undefined;
}

/** Every route the bot serves besides health and metrics: the webhooks, the H5 pages and, in trial mode, the simulator. */
export function createHttpRoutes(deps: HttpRoutesDeps): Router[] {
  const { config, db, logger, metrics, clock, tenants, intake, signer } = deps;
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
    baseUrl: deps.baseUrl,
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
      baseUrl: deps.baseUrl,
      onRepliesQueued: deps.onRepliesQueued,
    }),
  );
  routers.push(
    createWecomRouter({
      resolve: (slug) => tenants.wecomRoute(slug),
      intake,
      logger,
      metrics,
      taskIdTag: deps.taskIdTag,
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
  if (config.simulator && config.wecom) routers.push(simulatorRouter(deps, config.wecom));
  return routers;
}

/** The IM simulator (trial mode): a stand-in WeCom with its API, its chat page and the bot's long connection. */
function simulatorRouter(deps: HttpRoutesDeps, wecom: NonNullable<AppConfig['wecom']>): Router {
  const { config, logger, server } = deps;
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
  return createSimulatorRouter({
    botChannel,
    wecom,
    botCallbackUrl: `${deps.url}/wecom/callback`,
    logger,
    seed: simulatorSeedOf(deps.seed),
    timeZone: config.timeZone,
  });
}
