import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { LeaveQuotaStore } from '../../domain/approval/ports';
import { LEAVE_TYPES, type LeaveType } from '../../domain/approval/leave';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'leaveQuotas';

/** year → user id → leave type → days. */
const quotasSchema = z.record(
  z.string(),
  z.record(z.string(), z.partialRecord(z.enum(LEAVE_TYPES), z.number())),
);
type Quotas = z.infer<typeof quotasSchema>;

/** Leave quotas set by admins (设置假期), one settings group per tenant. */
export class LeaveQuotaRepository implements LeaveQuotaStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  private async all(tenantId: string): Promise<Quotas> {
    const parsed = quotasSchema.safeParse(await this.settings.read(tenantId, KEY));
    return parsed.success ? parsed.data : {};
  }

  async quotasOf(
    tenantId: string,
    userId: number,
    year: string,
  ): Promise<Partial<Record<LeaveType, number>>> {
    return (await this.all(tenantId))[year]?.[String(userId)] ?? {};
  }

  async setQuota(
    tenantId: string,
    userId: number,
    year: string,
    leaveType: LeaveType,
    days: number,
    now: Date,
  ): Promise<number | null> {
    const all = await this.all(tenantId);
    const mine = { ...(all[year]?.[String(userId)] ?? {}) };
    const before = mine[leaveType] ?? null;
    mine[leaveType] = days;
    await this.settings.write(
      tenantId,
      KEY,
      { ...all, [year]: { ...all[year], [String(userId)]: mine } },
      now,
    );
    return before;
  }
}
