import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from '@koa/router';
import type { WecomConfig } from '../config';
import type { Logger } from '../logger';
import { AccessTokens } from './access-tokens';
import { SIMULATOR_BOT_MEDIA_PATH, type SimulatorBotChannel } from './bot-channel';
import { CallbackSender } from './callback-sender';
import { ChatStore } from './chat-store';
import { registerFakeWecomApi } from './fake-wecom-api';
import { MediaStore } from './media-store';
import { registerPageApi } from './page-api';
import { ResponseCodes } from './response-codes';
import { simulatorSeedSchema, type SimulatorSeedInput } from './seed';
import type { SimulatorState } from './simulator-state';

export interface SimulatorDeps {
  /** The stand-in corp's credentials; the bot must be configured with the same ones. */
  wecom: WecomConfig;
  /** Absolute URL of the bot's WeCom callback route, e.g. http://127.0.0.1:3000/wecom/callback. */
  botCallbackUrl: string;
  logger: Logger;
  seed: SimulatorSeedInput;
  /** How long to wait for the bot's answer; WeCom waits 5 s. */
  callbackTimeoutMs?: number;
  /** Set when the simulator plays the WeCom intelligent bot: user actions go over its connection. */
  botChannel?: (chats: ChatStore, media: MediaStore) => SimulatorBotChannel;
  /** Zone the page shows message times in, so they match the bot's own (default Asia/Shanghai). */
  timeZone?: string;
}

/** The page's files, served from memory; no build step, so the names are fixed. */
const ASSETS: Readonly<Record<string, string>> = {
  'sim.css': 'text/css; charset=utf-8',
  'sim-card.css': 'text/css; charset=utf-8',
  'sim-map.css': 'text/css; charset=utf-8',
  'sim.js': 'text/javascript; charset=utf-8',
  'sim-render.js': 'text/javascript; charset=utf-8',
  'sim-map.js': 'text/javascript; charset=utf-8',
};
const PUBLIC_DIR = path.join(__dirname, 'public');

/**
 * The built-in IM simulator: a web chat at /sim that plays WeCom for the seed users, talking to the bot
 * only through the real callback protocol, and the WeCom HTTP API stand-ins under /sim/api.
 */
export function createSimulatorRouter(deps: SimulatorDeps): Router {
  const seed = simulatorSeedSchema.parse(deps.seed);
  const chats = new ChatStore();
  const media = new MediaStore();
  const channel = deps.botChannel?.(chats, media);
  const state: SimulatorState = {
    wecom: deps.wecom,
    seed,
    userIds: new Set(seed.users.map((u) => u.userId)),
    chats,
    media,
    codes: new ResponseCodes(),
    tokens: new AccessTokens(),
    sender:
      channel ??
      new CallbackSender({ wecom: deps.wecom, url: deps.botCallbackUrl, timeoutMs: deps.callbackTimeoutMs }),
    logger: deps.logger,
    timeZone: deps.timeZone ?? 'Asia/Shanghai',
  };
  const router = new Router();
  registerFakeWecomApi(router, state);
  registerPageApi(router, state);

  const files = new Map<string, Buffer>();
  const load = async (name: string): Promise<Buffer> => {
    const cached = files.get(name);
    if (cached) return cached;
    const bytes = await readFile(path.join(PUBLIC_DIR, name));
    files.set(name, bytes);
    return bytes;
  };

  // Trial mode: the server's front page is the simulator.
  router.get('/', (ctx) => ctx.redirect('/sim'));
  router.get('/sim', async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await load('index.html');
  });
  if (channel) {
    router.get(`${SIMULATOR_BOT_MEDIA_PATH}/:id`, (ctx) => {
      const bytes = channel.encryptedImage(ctx.params.id ?? '');
      if (!bytes) ctx.status = 404;
      else ctx.body = bytes;
    });
  }

  router.get('/sim/assets/:file', async (ctx) => {
    const name = ctx.params.file ?? '';
    const type = ASSETS[name];
    if (!type) {
      ctx.status = 404;
      return;
    }
    ctx.type = type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await load(name);
  });
  return router;
}
