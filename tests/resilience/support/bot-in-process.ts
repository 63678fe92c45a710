import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { BotProcess, freePort } from '../../../bench/resilience/bot-process';
import { createDataSource } from '../../../storage/data-source';
import { freshDatabaseUrl } from '../../support/test-database';

/** The real server in its own process on a fresh database, and a connection of the test's own to read it. */
export interface BotInProcess {
  bot: BotProcess;
  monitor: DataSource;
  stop(): Promise<void>;
}

/**
 * Starts the bot as the crash suites kill and restart it: its own process, a fresh database and media
 * folder, quiet logs (to a file), and the platform settings in `env`.
 */
export async function startBotInProcess(name: string, env: NodeJS.ProcessEnv): Promise<BotInProcess> {
  const dir = mkdtempSync(join(tmpdir(), `fieldbot-${name}-`));
  const url = await freshDatabaseUrl();
  const bot = new BotProcess(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: process.env.TZ,
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      SIMULATOR: 'off',
      MEDIA_DIR: join(dir, 'media'),
      LINK_SECRET: `${name}-link-secret-0123456789`,
      ...env,
    },
    await freePort(),
    join(dir, 'fieldbot.log'),
  );
  await bot.start();
  const monitor = createDataSource(url);
  await monitor.initialize();
  return {
    bot,
    monitor,
    stop: async () => {
      await bot.stop();
      await monitor.destroy();
    },
  };
}
