import { ConfigError } from './config';
import { startFieldbot } from './server';

/** `npm start`: run until SIGINT/SIGTERM; a configuration error stops with a message naming the variable. */
async function main(): Promise<void> {
  const bot = await startFieldbot({ env: process.env });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'stopping');
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`fieldbot: ${error.message}\nSee README.md, "Configuration".\n`);
  } else {
    process.stderr.write(
      `fieldbot failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
