import { z } from 'zod';

/**
 * A tenant's visit and pool rules: settings group `visits` (tenant_settings). Defaults follow PRODUCT.md
 * "Customers, visits and opportunities": 500 m visit radius, 200 customers per rep, 30 days without
 * follow-up before a customer returns to the pool, warned 3 days before.
 */
export const visitSettingsSchema = z.object({
  /** A check-in farther than this from the customer is an 异地拜访. */
  radiusM: z.number().int().min(50).max(50_000).default(500),
  /** false: an 异地拜访 is refused instead of recorded. */
  allowOffSite: z.boolean().default(true),
  /** A visit still open this many hours after check-in is closed by the job and flagged. */
  autoCloseHours: z.number().int().min(1).max(24).default(4),
  /** Most customers one rep may hold in their private list (私海) by 领取. */
  poolCap: z.number().int().min(1).max(100_000).default(200),
  /** Days without follow-up after which an owned customer returns to the pool (公海). */
  recycleDays: z.number().int().min(2).max(3650).default(30),
  /** The owner is warned this many days before the recycle. */
  warnDaysBefore: z.number().int().min(1).max(30).default(3),
  /** Local hour of the morning route card. */
  routeCardHour: z.number().int().min(0).max(23).default(8),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;
export const DEFAULT_VISIT_SETTINGS: VisitSettings = visitSettingsSchema.parse({});

export interface VisitSettingsStore {
  read(tenantId: string): Promise<VisitSettings>;
}
