import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import type { Logger } from '../logger';

/** An outbound connection to an IM that reconnects on its own (with back-off) until it is closed. */
export interface LongConnection {
  open(): void;
  close(): Promise<void>;
  isUp(): boolean;
}

/** The `job_leases` row of a connection (the name is 64 characters at most; an app id may be long). */
export function connectionLeaseName(name: string): string {
  return `conn:${createHash('sha1').update(name).digest('hex').slice(0, 32)}`;
}

/** `standby`: another instance holds the connection; `down`: this one holds it but it is not connected now. */
export type ConnectionState = 'up' | 'down' | 'standby';

export interface LeasedConnectionDeps {
  /** Names the app (e.g. `dingtalk-stream:<appKey>`): one connection per name across instances. */
  name: string;
  db: Database;
  logger: Logger;
  connection: LongConnection;
  /** Another instance takes over at most this long after the holder stopped renewing. */
  leaseMs: number;
}

/**
 * Keeps one connection per app across instances: the instance holding the app's lease (a `job_leases`
 * row, renewed every third of its length) holds the connection; the others stand by and take over once
 * the lease runs out (a crash) or is released (a clean shutdown).
 */
export class LeasedConnection {
  private readonly holder = `${process.pid}-${randomUUID()}`;
  private readonly leaseName: string;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private opened = false;
  private renewedAt = -Infinity;
  private stopped = false;

  constructor(private readonly deps: LeasedConnectionDeps) {
    this.leaseName = connectionLeaseName(deps.name);
  }

  get name(): string {
    return this.deps.name;
  }

  start(): void {
    const every = Math.max(100, Math.floor(this.deps.leaseMs / 3));
    const run = () => {
      this.tick = this.renew().finally(() => {
        if (!this.stopped) this.timer = setTimeout(run, every);
      });
    };
    run();
  }

  state(): ConnectionState {
    if (!this.opened) return 'standby';
    return this.deps.connection.isUp() ? 'up' : 'down';
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
    if (!this.opened) return;
    await this.drop();
    await this.deps.db
      .transaction((m) => createRepositories(m).jobLeases.release(this.leaseName, this.holder, new Date()))
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'could not release the connection lease'),
      );
  }

  private async renew(): Promise<void> {
    const now = new Date();
    let held = false;
    let failed = false;
    try {
      held = await this.deps.db.transaction((m) =>
        createRepositories(m).jobLeases.tryAcquire(
          this.leaseName,
          this.holder,
          now,
          new Date(now.getTime() + this.deps.leaseMs),
        ),
      );
    } catch (error) {
      failed = true;
      this.deps.logger.warn(
        { err: error, connection: this.deps.name },
        'could not renew the connection lease',
      );
    }
    if (this.stopped) return;
    if (held) {
      this.renewedAt = now.getTime();
      if (!this.opened) {
        this.deps.logger.info({ connection: this.deps.name }, 'holding the connection lease: connecting');
        this.opened = true;
        this.deps.connection.open();
      }
      return;
    }
    // Lost to another instance, or unable to renew before the lease runs out: let go before it takes over.
    const expiresSoon = now.getTime() + this.deps.leaseMs / 3 >= this.renewedAt + this.deps.leaseMs;
    if (this.opened && (!failed || expiresSoon)) {
      this.deps.logger.warn({ connection: this.deps.name }, 'connection lease lost: disconnecting');
      await this.drop();
    }
  }

  private async drop(): Promise<void> {
    this.opened = false;
    await this.deps.connection.close();
  }
}
