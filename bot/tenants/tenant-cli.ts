import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Database } from '../../storage/database';
import { TenantRepository } from '../../storage/repositories/tenant.repository';
import { SecretBox } from './secret-box';
import { registerTenant, TenantExistsError, tenantInputSchema } from './register-tenant';

export const TENANT_CLI_USAGE = `usage:
  npm run tenant -- add --slug acme --platform wecom --corp-id <CorpID> --agent-id <AgentId>
      --admins <userid>[,<userid>…] [--api-base <url>]
      secrets: TENANT_SECRET, TENANT_TOKEN, TENANT_AES_KEY
  npm run tenant -- add --slug acme-dd --platform dingtalk --corp-id <CorpId> --app-key <AppKey>
      --admins <userid>[,<userid>…] [--robot-code <code>] [--card-template-id <id>] [--api-base <url>] [--oapi-base <url>]
      secrets: TENANT_APP_SECRET [, TENANT_EVENT_TOKEN, TENANT_EVENT_AES_KEY]
  npm run tenant -- list
  npm run tenant -- disable --slug acme        (enable --slug acme undoes it)

Secrets are read from the environment variables above, or with --secrets-stdin from stdin as NAME=value
lines, never from the command line (it ends up in shell history and in ps). --admins names the company's
admins (its own platform user ids): they get the admin role at first contact, and hand out roles with
设置角色 after that. ADMIN_USERS applies to the environment's own company only. DATABASE_URL names the
database and FIELDBOT_SECRET_KEY (32 bytes, hex or base64) seals the secrets; the bot needs the same key.`;

const SECRET_NAMES = {
  TENANT_SECRET: 'secret',
  TENANT_TOKEN: 'token',
  TENANT_AES_KEY: 'aesKey',
  TENANT_APP_SECRET: 'appSecret',
  TENANT_EVENT_TOKEN: 'eventToken',
  TENANT_EVENT_AES_KEY: 'eventAesKey',
} as const;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

const cliEnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  FIELDBOT_SECRET_KEY: z.string({ error: 'FIELDBOT_SECRET_KEY is required to seal tenant secrets' }).min(1),
});

/** `npm run tenant -- <add|list|disable|enable> …`; returns the exit code. */
export async function runTenantCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || !['add', 'list', 'disable', 'enable'].includes(command)) {
    io.err(TENANT_CLI_USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        slug: { type: 'string' },
        platform: { type: 'string' },
        'corp-id': { type: 'string' },
        'agent-id': { type: 'string' },
        admins: { type: 'string' },
        'app-key': { type: 'string' },
        'robot-code': { type: 'string' },
        'card-template-id': { type: 'string' },
        'api-base': { type: 'string' },
        'oapi-base': { type: 'string' },
        'secrets-stdin': { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n(secrets are never command-line options)\n\n${TENANT_CLI_USAGE}`);
    return 2;
  }
  const env = cliEnvSchema.safeParse(io.env);
  if (!env.success) {
    io.err(env.error.issues.map((i) => i.message).join('\n'));
    return 2;
  }
  const db = await Database.open(env.data.DATABASE_URL);
  try {
    const now = (io.now ?? (() => new Date()))();
    const tenants = new TenantRepository(db.manager);
    if (command === 'list') {
      for (const t of await tenants.list())
        io.out(`${t.slug}\t${t.platform}\t${t.tenantId}\t${t.appId}\t${t.active ? 'active' : 'disabled'}`);
      return 0;
    }
    if (command === 'disable' || command === 'enable') {
      if (!parsed.slug) {
        io.err(`--slug is required\n\n${TENANT_CLI_USAGE}`);
        return 2;
      }
      if (!(await tenants.setActive(parsed.slug, command === 'enable', now))) {
        io.err(`no tenant named ${parsed.slug}`);
        return 1;
      }
      io.out(`${parsed.slug} ${command}d`);
      return 0;
    }
    const secrets = await readSecrets(io, parsed['secrets-stdin'] === true);
    const input = tenantInputSchema.safeParse({
      platform: parsed.platform,
      slug: parsed.slug,
      corpId: parsed['corp-id'],
      agentId: parsed['agent-id'],
      admins: parsed.admins
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      appKey: parsed['app-key'],
      robotCode: parsed['robot-code'],
      cardTemplateId: parsed['card-template-id'],
      apiBase: parsed['api-base'],
      oapiBase: parsed['oapi-base'],
      secrets,
    });
    if (!input.success) {
      // Paths and messages only: zod issues never quote the values, so no secret is echoed.
      io.err(input.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
      io.err(`\n${TENANT_CLI_USAGE}`);
      return 2;
    }
    await registerTenant(db, new SecretBox(env.data.FIELDBOT_SECRET_KEY), input.data, now);
    const route = `/${input.data.platform}/${input.data.slug}/callback`;
    io.out(
      `registered ${input.data.slug} (${input.data.platform} ${input.data.corpId}); callback URL: <PUBLIC_BASE_URL>${route}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TenantExistsError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** The TENANT_* variables, or NAME=value lines on stdin; only the names we know are kept. */
async function readSecrets(io: CliIo, fromStdin: boolean): Promise<Record<string, string>> {
  const source: Record<string, string | undefined> = { ...io.env };
  if (fromStdin) {
    for (const line of (await io.stdin()).split(/\r?\n/)) {
      const m = /^\s*([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (m) source[m[1] as string] = m[2];
    }
  }
  const secrets: Record<string, string> = {};
  for (const [name, field] of Object.entries(SECRET_NAMES)) {
    const value = source[name]?.trim();
    if (value) secrets[field] = value;
  }
  return secrets;
}
