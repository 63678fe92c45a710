import { profileOnSignal } from './profile-on-signal';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

/**
 * The baseline: a bare Koa app that answers 200 with an empty body to every POST, without reading it
 * (Node's HTTP parser still receives the bytes). Whatever fieldbot does beyond this is its own cost.
 * Run as a child process by webhook.bench.ts; prints `READY <url>` once listening, stops on SIGTERM.
 */
if (process.env.BENCH_PROFILE_DIR) profileOnSignal(process.env.BENCH_PROFILE_DIR, 'bare-koa');

const app = new Koa();
app.use((ctx) => {
  ctx.status = ctx.method === 'POST' ? 200 : 405;
  ctx.body = '';
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`READY http://127.0.0.1:${port}\n`);
});

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
