import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isKnownTimeZone } from '../domain/attendance/settings';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const DINGTALK_STREAM_GATEWAY_DEFAULT = 'https://api.dingtalk.com/v1.0/gateway/connections/open';
export const WECOM_BOT_WS_URL_DEFAULT = 'wss://openws.work.weixin.qq.com';

const envSchema = z.object({
  // 0 picks a free port (tests, benchmarks).
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address to listen on; every interface when unset. `127.0.0.1` keeps the bot (and a simulator) local. */
  HOST: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(mysql|mariadb):\/\/|^sqlite:/, 'must start with mysql://, mariadb:// or sqlite:')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIELDBOT_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  PUBLIC_BASE_URL: optionalString.pipe(z.string().url().optional()),
  TZ_DEFAULT: z
    .string()
    .default('Asia/Shanghai')
    .refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Comma-separated platform user ids that get the admin role on first contact. */
  ADMIN_USERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  SEED_FILE: optionalString,
  /** Where photo evidence is kept (originals and watermarked copies). */
  MEDIA_DIR: z.string().default('./data/media'),
  /** Signs H5 links; when unset a key is generated once and kept in the database (table link_keys). */
  LINK_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** During a rotation of LINK_SECRET: the key it replaces, still accepted for links already sent. */
  LINK_SECRET_PREVIOUS: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /**
   * How long a report page's signed link alone opens it outside WeCom/DingTalk (a desktop browser); inside
   * the IM the reader signs in instead. 0: never.
   */
  H5_LINK_FALLBACK_MINUTES: z.coerce.number().int().min(0).max(129_600).default(60),
  /** `/metrics` answers requests from loopback, or with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /**
   * The built-in IM simulator (a trial without any platform). `auto`: only when no platform credentials are
   * set and no company is registered; `on`: also next to DingTalk credentials or registered companies, but
   * then only with HOST on loopback; `off`: never.
   */
  SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  /** `bot`: the simulator plays the WeCom intelligent bot's long connection too (replies go back over it). */
  SIMULATOR_MODE: z.enum(['app', 'bot']).default('app'),

  WECOM_CORP_ID: optionalString,
  WECOM_AGENT_ID: optionalString.pipe(z.string().regex(/^\d+$/, 'must be the numeric AgentId').optional()),
  WECOM_SECRET: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
      .optional(),
  ),
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  WECOM_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),

  DINGTALK_APP_KEY: optionalString,
  DINGTALK_APP_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_CORP_ID: optionalString,
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  /** `stream`: DingTalk pushes over an outbound WebSocket (Stream mode); no callback URL is needed. */
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  DINGTALK_STREAM_GATEWAY: z.string().url().default(DINGTALK_STREAM_GATEWAY_DEFAULT),
  /** Event subscription (通讯录事件): the token and aes_key set in the app's 事件订阅 page; optional. */
  DINGTALK_EVENT_TOKEN: optionalString,
  DINGTALK_EVENT_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character aes_key')
      .optional(),
  ),

  /** WeCom intelligent bot (智能机器人) over its long connection: both or neither. */
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  /** The corp the bot belongs to; defaults to WECOM_CORP_ID. */
  WECOM_BOT_CORP_ID: optionalString,
  WECOM_BOT_WS_URL: z.string().url().default(WECOM_BOT_WS_URL_DEFAULT),
  /** How long an instance holds a long connection without renewing its lease before another takes over. */
  LONG_CONNECTION_LEASE_SECONDS: z.coerce.number().min(1).max(300).default(15),
  /** The WeCom bot's heartbeat (its `ping` frame); DingTalk's SDK pings every 8 s on its own. */
  WECOM_BOT_HEARTBEAT_SECONDS: z.coerce.number().min(1).max(300).default(30),

  /** Seals the secrets of corps registered with `npm run tenant -- add` (32 bytes, hex or base64). */
  FIELDBOT_SECRET_KEY: optionalString,
  /** How long registered corps are cached before the table is read again (0: every callback). */
  TENANT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Handled inbox events older than this are deleted (they only de-duplicate platform retries). */
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Per-person rate: events at once, then events a minute (bot/inbox/user-rate-limit.ts). */
  USER_RATE_BURST: z.coerce.number().int().min(1).default(40),
  USER_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  OUTBOX_PACING: z.enum(['all', 'member', 'off']).default('all'),
});

export interface WecomConfig {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  aesKey: string;
  apiBase: string;
  /** How long a WeCom API call may take before it counts as failed (and is retried). */
  apiTimeoutMs?: number;
}

export interface DingtalkConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  corpId: string;
  cardTemplateId?: string;
  apiBase: string;
  oapiBase: string;
  /** Event subscription (contact changes): both or neither. */
  eventToken?: string;
  eventAesKey?: string;
  /** `stream`: robot messages, card callbacks and events arrive over the Stream-mode WebSocket. */
  mode?: 'http' | 'stream';
  streamGateway?: string;
}

/** The WeCom intelligent bot's long connection; replies and pushes go back over it. */
export interface WecomBotConfig {
  botId: string;
  secret: string;
  /** The tenant its events belong to. */
  corpId: string;
  wsUrl: string;
  heartbeatMs: number;
}

export type SimulatorMode = z.infer<typeof envSchema>['SIMULATOR'];

export interface AppConfig {
  port: number;
  /** Listening address; undefined: every interface. */
  host?: string;
  databaseUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /**
   * FIELDBOT_ROLE: `web` answers callbacks and H5 pages and stores events; `worker` handles stored events,
   * sends replies and runs the scheduled jobs; `all` (default) does both. Split roles need MySQL/MariaDB.
   */
  role: 'all' | 'web' | 'worker';
  /** Where users' phones reach the bot (H5 links); the listening address when unset. */
  publicBaseUrl?: string;
  timeZone: string;
  chromiumPath: string;
  adminUsers: string[];
  seedFile?: string;
  mediaRoot: string;
  /** LINK_SECRET; undefined: the key kept in the database. */
  linkSecret?: string;
  linkSecretPrevious?: string;
  /** How long a report link alone opens its page outside the IM. */
  h5LinkFallbackMs: number;
  metricsToken?: string;
  /** True when the built-in simulator stands in for WeCom (trial mode). */
  simulator: boolean;
  simulatorMode: SimulatorMode;
  wecom?: WecomConfig;
  dingtalk?: DingtalkConfig;
  wecomBot?: WecomBotConfig;
  longConnectionLeaseMs: number;
  /** FIELDBOT_SECRET_KEY: opens the secrets of corps registered in the database. */
  secretKey?: string;
  tenantCacheMs: number;
  inboxRetentionDays: number;
  userRate: { burst: number; perMinute: number };
  /**
   * OUTBOX_PACING: which of the platforms' documented send limits the outbox paces itself to: `all`
   * (default), `member` (per member only: a bench whose fake API stands for many companies), `off`.
   */
  outboxPacing: 'all' | 'member' | 'off';
}

export class ConfigError extends Error {}

const WECOM_KEYS = [
  'WECOM_CORP_ID',
  'WECOM_AGENT_ID',
  'WECOM_SECRET',
  'WECOM_TOKEN',
  'WECOM_AES_KEY',
] as const;
const DINGTALK_KEYS = [
  'DINGTALK_APP_KEY',
  'DINGTALK_APP_SECRET',
  'DINGTALK_ROBOT_CODE',
  'DINGTALK_CORP_ID',
] as const;

const WECOM_BOT_KEYS = ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const;

/** Values the simulator uses for its stand-in corp; public on purpose, they protect nothing. */
export const SIMULATOR_CORP_ID = 'wwsimulator000001';
export const SIMULATOR_AGENT_ID = '1000002';

/** Parses the environment; throws a ConfigError naming every bad variable and how to fix it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.FIELDBOT_ROLE !== 'all' && !/^(mysql|mariadb):/.test(e.DATABASE_URL ?? ''))
    throw new ConfigError(
      `FIELDBOT_ROLE=${e.FIELDBOT_ROLE} needs a database several processes share: set DATABASE_URL=mysql://… (SQLite serves one process, FIELDBOT_ROLE=all)`,
    );
  const wecom = readGroup(e, WECOM_KEYS);
  const dingtalk = readGroup(e, DINGTALK_KEYS);
  const bot = readGroup(e, WECOM_BOT_KEYS);
  const botCorpId = e.WECOM_BOT_CORP_ID ?? wecom?.WECOM_CORP_ID;
  if (bot && !botCorpId)
    throw new ConfigError(
      'invalid environment:\n  WECOM_BOT_CORP_ID: required because WECOM_BOT_ID is set and WECOM_CORP_ID is not (the corp the bot belongs to)',
    );
  const simulator = simulatorWanted(e.SIMULATOR, { wecom: !!wecom || !!bot, dingtalk: !!dingtalk }, e.HOST);

  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    role: e.FIELDBOT_ROLE,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    timeZone: e.TZ_DEFAULT,
    chromiumPath: e.CHROMIUM_PATH,
    adminUsers: e.ADMIN_USERS,
    seedFile: e.SEED_FILE,
    mediaRoot: e.MEDIA_DIR,
    linkSecret: e.LINK_SECRET,
    linkSecretPrevious: e.LINK_SECRET_PREVIOUS,
    h5LinkFallbackMs: e.H5_LINK_FALLBACK_MINUTES * 60_000,
    metricsToken: e.METRICS_TOKEN,
    simulator,
    simulatorMode: e.SIMULATOR,
    wecom: wecom
      ? {
          corpId: wecom.WECOM_CORP_ID,
          agentId: wecom.WECOM_AGENT_ID,
          secret: wecom.WECOM_SECRET,
          token: wecom.WECOM_TOKEN,
          aesKey: wecom.WECOM_AES_KEY,
          apiBase: e.WECOM_API_BASE.replace(/\/$/, ''),
          apiTimeoutMs: e.WECOM_API_TIMEOUT_MS,
        }
      : simulator
        ? simulatorWecomConfig(e.PORT)
        : undefined,
    dingtalk: dingtalk
      ? {
          appKey: dingtalk.DINGTALK_APP_KEY,
          appSecret: dingtalk.DINGTALK_APP_SECRET,
          robotCode: dingtalk.DINGTALK_ROBOT_CODE,
          corpId: dingtalk.DINGTALK_CORP_ID,
          cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
          apiBase: e.DINGTALK_API_BASE.replace(/\/$/, ''),
          oapiBase: e.DINGTALK_OAPI_BASE.replace(/\/$/, ''),
          eventToken: e.DINGTALK_EVENT_TOKEN,
          eventAesKey: e.DINGTALK_EVENT_AES_KEY,
          mode: e.DINGTALK_MODE,
          streamGateway: e.DINGTALK_STREAM_GATEWAY,
        }
      : undefined,
    wecomBot:
      simulator && e.SIMULATOR_MODE === 'bot'
        ? simulatorBotConfig(e.PORT, e.WECOM_BOT_HEARTBEAT_SECONDS * 1000)
        : bot && botCorpId
          ? {
              botId: bot.WECOM_BOT_ID,
              secret: bot.WECOM_BOT_SECRET,
              corpId: botCorpId,
              wsUrl: e.WECOM_BOT_WS_URL,
              heartbeatMs: e.WECOM_BOT_HEARTBEAT_SECONDS * 1000,
            }
          : undefined,
    longConnectionLeaseMs: e.LONG_CONNECTION_LEASE_SECONDS * 1000,
    secretKey: e.FIELDBOT_SECRET_KEY,
    tenantCacheMs: e.TENANT_CACHE_SECONDS * 1000,
    inboxRetentionDays: e.INBOX_RETENTION_DAYS,
    userRate: { burst: e.USER_RATE_BURST, perMinute: e.USER_RATE_PER_MINUTE },
    outboxPacing: e.OUTBOX_PACING,
  };
}

/** Whether the simulator runs, from the environment alone; `settleSimulator` adds the registered companies. */
function simulatorWanted(
  mode: SimulatorMode,
  credentials: { wecom: boolean; dingtalk: boolean },
  host: string | undefined,
): boolean {
  if (mode === 'off') return false;
  if (mode === 'auto') return !credentials.wecom && !credentials.dingtalk;
  if (credentials.wecom)
    throw new ConfigError(
      'invalid environment:\n  SIMULATOR: the simulator stands in for WeCom; it cannot run next to WECOM_* credentials (unset SIMULATOR or the WECOM_* variables)',
    );
  if (credentials.dingtalk) requireLoopback(host, 'DingTalk credentials (DINGTALK_*)');
  return true;
}

/**
 * After the database is open: registered companies are real credentials too. `auto` then turns the simulator
 * off; `on` keeps it only on a loopback HOST. Returns the config to run with.
 */
export function settleSimulator(config: AppConfig, registeredTenants: number): AppConfig {
  if (!config.simulator || registeredTenants === 0) return config;
  if (config.simulatorMode === 'on') {
    requireLoopback(config.host, `${registeredTenants} registered companies (npm run tenant)`);
    return config;
  }
  return { ...config, simulator: false, wecom: undefined, wecomBot: undefined };
}

/** 127.0.0.0/8, ::1 and localhost: nobody but this machine reaches the simulator. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function requireLoopback(host: string | undefined, next: string): void {
  if (isLoopbackHost(host)) return;
  throw new ConfigError(
    `invalid environment:\n  SIMULATOR: =on next to ${next} lets anyone reaching this server post as any user; set HOST=127.0.0.1 to keep it local, or unset SIMULATOR`,
  );
}

/** A platform is configured when all of its variables are set; a partial set is a mistake worth stopping for. */
function readGroup<K extends string>(
  env: Partial<Record<K, string | undefined>>,
  keys: readonly K[],
): Record<K, string> | undefined {
  const missing = keys.filter((k) => !env[k]);
  if (missing.length === keys.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(
      `invalid environment:\n${missing.map((k) => `  ${k}: required because ${keys.filter((x) => !missing.includes(x)).join(', ')} is set`).join('\n')}`,
    );
  }
  return Object.fromEntries(keys.map((k) => [k, env[k] as string])) as Record<K, string>;
}

/** The simulated intelligent bot; its WebSocket address gets the real port once the server listens. */
function simulatorBotConfig(port: number, heartbeatMs: number): WecomBotConfig {
  return {
    botId: 'simulatorbot',
    secret: randomBytes(16).toString('hex'),
    corpId: SIMULATOR_CORP_ID,
    wsUrl: `ws://127.0.0.1:${port}/sim/aibot`,
    heartbeatMs,
  };
}

/** Fresh random token and AES key per start: the simulator and the bot share them in-process. */
function simulatorWecomConfig(port: number): WecomConfig {
  return {
    corpId: SIMULATOR_CORP_ID,
    agentId: SIMULATOR_AGENT_ID,
    secret: randomBytes(16).toString('hex'),
    token: randomBytes(8).toString('hex'),
    aesKey: randomBytes(32).toString('base64').slice(0, 43),
    apiBase: `http://127.0.0.1:${port}/sim/api`,
  };
}
