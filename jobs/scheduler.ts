import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Job } from './job';

/** Job leases in the database: one instance at a time holds a job's, until it expires. */
export interface JobLeases {
  /** Takes the lease of `name` for `holder` until `until` when it is free, expired or already theirs. */
  tryAcquire(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
}

/**
 * Runs jobs on their schedules. Every run first takes the job's lease in the database, so with several
 * instances each run happens once; a failure is logged and the next tick tries again.
 */
export class Scheduler<Deps> {
  private readonly tasks: ScheduledTask[] = [];
  private readonly holder = `${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly leases: JobLeases,
    private readonly deps: Deps,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  schedule(job: Job<Deps>): void {
    this.tasks.push(
      cron.schedule(job.cron, () => this.runOnce(job).then(() => undefined), {
        timezone: job.timezone,
        noOverlap: true,
        name: job.name,
      }),
    );
  }

  /** Runs `job` now if its lease is free; returns whether it ran. */
  async runOnce(job: Job<Deps>): Promise<boolean> {
    const now = this.now();
    const log = this.logger.child({ job: job.name });
    try {
      const acquired = await this.leases.tryAcquire(
        job.name,
        this.holder,
        now,
        new Date(now.getTime() + job.leaseMs),
      );
      if (!acquired) return false;
      await job.run(this.deps, now);
      return true;
    } catch (error) {
      log.error({ err: error }, 'job run failed');
      return false;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.destroy()));
  }
}
