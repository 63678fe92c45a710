import { profileOnSignal } from './profile-on-signal';
import { startFieldbot } from '../bot/server';

/**
 * The real fieldbot, configured entirely by the environment webhook.bench.ts passes in (WECOM_*,
 * DATABASE_URL, PORT, LOG_LEVEL). Run as a child process so the load generator does not share its event
 * loop; prints `READY <url>` once listening, closes cleanly on SIGTERM (pending inbox work included).
 */
async function main(): Promise<void> {
  if (process.env.BENCH_PROFILE_DIR) profileOnSignal(process.env.BENCH_PROFILE_DIR, 'fieldbot');
  const fieldbot = await startFieldbot({ env: process.env });
  process.stdout.write(`READY ${fieldbot.url}\n`);
  process.once('SIGTERM', () => {
    fieldbot.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('fieldbot did not close cleanly:', error);
        process.exit(1);
      },
    );
  });
}

main().catch((error: unknown) => {
  console.error('fieldbot failed to start:', error);
  process.exit(1);
});
