import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The real fieldbot in its own process (bench/fieldbot-server.ts), so a suite can kill -9 it and start it
 * again on the same port, and so the load generator does not share its event loop.
 */
export class BotProcess {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly port: number,
    private readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'fieldbot-server.ts')], {
      env: { ...this.env, PORT: String(this.port), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr?.pipe(log);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fieldbot did not print READY within 90 s')), 90_000);
      child.once('exit', (code) => reject(new Error(`fieldbot exited (${code}) before it was ready`)));
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (line.startsWith('READY ')) {
          clearTimeout(timer);
          resolve();
        } else log.write(`${line}\n`);
      });
    });
  }

  /** kill -9: no shutdown hook runs, in-flight work is simply gone. */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
