import type { EntityManager } from 'typeorm';
import { JobLeaseEntity } from '../entities/job-lease.entity';
import { insertUnlessExists } from '../unique-violation';

export class JobLeaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Takes the lease for `name` until `until` when it is free, expired or already ours. Several instances
   * race here; the conditional update (or the primary key on insert) lets exactly one win.
   */
  async tryAcquire(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const existing = await this.manager.findOneBy(JobLeaseEntity, { name });
    if (!existing) {
      return insertUnlessExists(() =>
        this.manager.insert(JobLeaseEntity, { name, holder, expiresAt: until }),
      );
    }
    if (existing.holder !== holder && existing.expiresAt.getTime() > now.getTime()) return false;
    const result = await this.manager.update(
      JobLeaseEntity,
      { name, holder: existing.holder, expiresAt: existing.expiresAt },
      { holder, expiresAt: until },
    );
    return result.affected === 1;
  }

  /** Gives the lease up at once (a clean shutdown), so another instance need not wait for it to expire. */
  async release(name: string, holder: string, now: Date): Promise<void> {
    await this.manager.update(JobLeaseEntity, { name, holder }, { expiresAt: now });
  }
}
