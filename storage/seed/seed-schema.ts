import { z } from 'zod';
import { ROLES } from '../../domain/org/user';

/**
 * A seed/import file: departments (a tree by `parent`), users with role and department, customers with
 * their location. Used by the simulator's demo and by tenants that set people up by file.
 */
export const seedFileSchema = z.object({
  departments: z
    .array(z.object({ key: z.string().min(1), name: z.string().min(1), parent: z.string().optional() }))
    .default([]),
  users: z
    .array(
      z.object({
        userId: z.string().min(1),
        name: z.string().min(1),
        role: z.enum(ROLES),
        department: z.string().optional(),
        /** 入职日期 YYYY-MM-DD: 年假 by seniority reads it. */
        hiredOn: z.iso.date().optional(),
      }),
    )
    .default([]),
  customers: z
    .array(
      z.object({
        name: z.string().min(1),
        address: z.string().optional(),
        lat: z.number().min(-90).max(90).optional(),
        lng: z.number().min(-180).max(180).optional(),
        owner: z.string().optional(),
      }),
    )
    .default([]),
  /** Named places shown on the simulator's map. */
  places: z.array(z.object({ name: z.string(), lat: z.number(), lng: z.number() })).default([]),
  /** The tenant's attendance rules (locations, schedule, holidays …); replaces the stored ones, audited. */
  attendance: z.unknown().optional(),
  /** The tenant's approval flows by request type (leave, expense, trip …); replaces the stored ones, audited. */
  approvalFlows: z.unknown().optional(),
  /** The tenant's custom approval forms (自定义审批表单); replaces the stored ones, audited. */
  approvalForms: z.unknown().optional(),
  /** The tenant's opportunity stages and probabilities (`openStages: [{ name, probability }]`), audited. */
  opportunities: z.unknown().optional(),
  /** The product catalogue: rows as in a product file (code, name, unit, price in yuan, …), upserted by code. */
  products: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Order settings: discount approval threshold (percent) and payment term (days after shipment). */
  orderSettings: z.unknown().optional(),
  /**
   * Visit and pool rules (radiusM, poolCap, recycleDays, recycleDaysA|B|C, warnDaysBefore, extensionDays,
   * protectOpenDeals, protectWonCustomers, claimCooldownDays, dailyClaimCap …); omitted keys take the
   * defaults. Replaces the stored ones, audited.
   */
  visitSettings: z.unknown().optional(),
  /** Targets per department (by key) or person (by userId), period, measure and value (yuan or a count). */
  targets: z
    .array(
      z
        .object({
          period: z.string(),
          department: z.string().optional(),
          user: z.string().optional(),
          measure: z.string(),
          value: z.union([z.number(), z.string()]),
        })
        .refine(
          (t) => (t.department === undefined) !== (t.user === undefined),
          'name a department or a user',
        ),
    )
    .default([]),
});
export type SeedFile = z.infer<typeof seedFileSchema>;
