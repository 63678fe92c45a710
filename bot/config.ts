import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isKnownTimeZone } from '../domain/attendance/settings';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  // 0 picks a free port (tests, benchmarks).
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  /** Signs one-time H5 links; random per process when unset (links then die with the process). */
  LINK_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** `off` disables the built-in IM simulator even when no WeCom credentials are set. */
  SIMULATOR: z.enum(['auto', 'off']).default('auto'),

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
  /** Event subscription (通讯录事件): the token and aes_key set in the app's 事件订阅 page; optional. */
  DINGTALK_EVENT_TOKEN: optionalString,
  DINGTALK_EVENT_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character aes_key')
      .optional(),
  ),

  /** Seals the secrets of corps registered with `npm run tenant -- add` (32 bytes, hex or base64). */
  FIELDBOT_SECRET_KEY: optionalString,
  /** How long registered corps are cached before the table is read again (0: every callback). */
  TENANT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
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
}

export interface AppConfig {
  port: number;
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
  linkSecret: string;
  /** True when the built-in simulator stands in for WeCom (no credentials configured). */
  simulator: boolean;
  wecom?: WecomConfig;
  dingtalk?: DingtalkConfig;
  /** FIELDBOT_SECRET_KEY: opens the secrets of corps registered in the database. */
  secretKey?: string;
  tenantCacheMs: number;
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
  const simulator = !wecom && e.SIMULATOR === 'auto';

  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    role: e.FIELDBOT_ROLE,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    timeZone: e.TZ_DEFAULT,
    chromiumPath: e.CHROMIUM_PATH,
    adminUsers: e.ADMIN_USERS,
    seedFile: e.SEED_FILE,
    mediaRoot: e.MEDIA_DIR,
    linkSecret: e.LINK_SECRET ?? randomBytes(32).toString('hex'),
    simulator,
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
        }
      : undefined,
    secretKey: e.FIELDBOT_SECRET_KEY,
    tenantCacheMs: e.TENANT_CACHE_SECONDS * 1000,
  };
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
