import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startFieldbot, type RunningFieldbot, type StartOptions } from '../../bot/server';
import type { SeedFile } from '../../storage/seed/seed-schema';
import { freshDatabaseUrl } from './test-database';

export interface TestBot extends RunningFieldbot {
  /** Every JSON log line the bot wrote. */
  logs: Array<Record<string, unknown>>;
}

/** Starts the real bot on an ephemeral port with `env`, a fresh database and an optional seed. */
/** A Monday morning in Shanghai (09:05 local): inside the default 09:00–18:00 schedule's punch window. */
export const MONDAY_0905_SHANGHAI = new Date('2026-11-23T01:05:00Z');

export async function startTestBot(
  env: NodeJS.ProcessEnv,
  seed?: Partial<SeedFile>,
  clock: () => Date = () => MONDAY_0905_SHANGHAI,
  options: Pick<StartOptions, 'reportRenderer'> & { sameDatabaseAs?: RunningFieldbot } = {},
): Promise<TestBot> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let seedFile: string | undefined;
  if (seed) {
    seedFile = join(tmpdir(), `fieldbot-seed-${process.pid}-${Date.now()}.json`);
    writeFileSync(seedFile, JSON.stringify(seed));
  }
  const bot = await startFieldbot({
    env: {
      PORT: '0',
      SIMULATOR: 'off',
      // A second instance shares the first one's database; a test restarting the bot names the database it used.
      DATABASE_URL:
        options.sameDatabaseAs?.config.databaseUrl ?? env.DATABASE_URL ?? (await freshDatabaseUrl()),
      SEED_FILE: seedFile,
      LINK_SECRET: 'test-link-secret-0123456789',
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'fieldbot-media-')),
      // A test conversation is a script that types far faster than a person; the limit has its own test.
      USER_RATE_BURST: '100000',
      USER_RATE_PER_MINUTE: '100000',
      // Likewise past WeCom's 30 messages a minute per member; the outbox's pacing has its own test.
      OUTBOX_PACING: 'off',
      ...env,
    },
    logger,
    clock,
    scheduleJobs: false,
    reportRenderer: options.reportRenderer,
  });
  return Object.assign(bot, { logs });
}
