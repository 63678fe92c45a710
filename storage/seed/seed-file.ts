import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { attendanceSettingsSchema } from '../../domain/attendance/settings';
import { ROLES } from '../../domain/org/user';
import type { Platform } from '../../domain/messages/inbound-event';
import type { Database } from '../database';
import { createRepositories, type Repositories } from '../repositories';
import { approvalFlowsSchema } from '../repositories/approval-flow.repository';
import { approvalFormsSchema } from '../repositories/approval-form.repository';
import { opportunitySettingsSchema } from '../../domain/field/opportunity-stages';
import { orderSettingsSchema } from '../../domain/orders/settings';
import { applySalesSeed } from './sales-seed';

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

export function readSeedFile(path: string): SeedFile {
  const parsed = seedFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `seed file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** Applies a seed to one tenant; idempotent, so it can run at every start. */
export async function applySeed(
  db: Database,
  seed: SeedFile,
  tenant: { tenantId: string; platform: Platform; timeZone?: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (manager) => {
    const repos = createRepositories(manager, tenant.timeZone);
    const groups = [
      settingsGroup(repos, {
        field: 'attendance',
        schema: attendanceSettingsSchema,
        read: (t) => repos.attendanceSettings.read(t),
        write: (t, v, at) => repos.attendanceSettings.write(t, v, at),
        action: 'attendance.settings.import',
        subject: 'attendance',
      }),
      settingsGroup(repos, {
        field: 'approvalFlows',
        schema: approvalFlowsSchema,
        read: (t) => repos.approvalFlows.read(t),
        write: (t, v, at) => repos.approvalFlows.write(t, v, at),
        action: 'approval.flows.import',
        subject: 'approval_flows',
      }),
      settingsGroup(repos, {
        field: 'approvalForms',
        schema: approvalFormsSchema,
        read: (t) => repos.approvalForms.list(t),
        write: (t, v, at) => repos.approvalForms.write(t, v, at),
        action: 'approval.forms.import',
        subject: 'approval_forms',
      }),
      settingsGroup(repos, {
        field: 'opportunities',
        schema: opportunitySettingsSchema,
        read: (t) => repos.opportunitySettings.read(t),
        write: (t, v, at) => repos.opportunitySettings.write(t, v, at),
        action: 'opportunity.stages.import',
        subject: 'opportunities',
      }),
      settingsGroup(repos, {
        field: 'orderSettings',
        schema: orderSettingsSchema,
        read: (t) => repos.sales.settings.read(t),
        write: (t, v, at) => repos.sales.settings.write(t, v, at),
        action: 'order.settings.import',
        subject: 'order_settings',
      }),
    ];
    for (const group of groups) {
      const raw = seed[group.field];
      if (raw !== undefined) await group.apply(tenant.tenantId, raw, now);
    }
    const departmentIds = new Map<string, number>();
    // Parents first: a department may only name a parent listed before it.
    for (const d of seed.departments) {
      const parentId = d.parent ? departmentIds.get(d.parent) : undefined;
      if (d.parent && parentId === undefined)
        throw new Error(`seed: department ${d.key} names unknown parent ${d.parent}`);
      departmentIds.set(
        d.key,
        await repos.departments.upsert(tenant.tenantId, d.key, d.name, parentId ?? null),
      );
    }
    const userIds = new Map<string, number>();
    for (const u of seed.users) {
      const identity = { tenantId: tenant.tenantId, platform: tenant.platform, platformUserId: u.userId };
      await repos.users.upsertFromImport(
        identity,
        {
          name: u.name,
          role: u.role,
          departmentId: u.department ? lookup(departmentIds, u.department, `user ${u.userId}`) : null,
        },
        now,
      );
      const stored = await repos.users.findByIdentity(identity);
      if (stored) userIds.set(u.userId, stored.id);
    }
    await applySalesSeed(repos, tenant.tenantId, seed, { departmentIds, userIds }, now);
    for (const c of seed.customers) {
      await repos.customers.ensure(
        tenant.tenantId,
        {
          name: c.name,
          address: c.address ?? null,
          lat: c.lat ?? null,
          lng: c.lng ?? null,
          ownerUserId: c.owner ? lookup(userIds, c.owner, `customer ${c.name}`) : null,
        },
        now,
      );
    }
  });
}

/** A settings group the import file may set: how it is validated, read and written, and how it is audited. */
interface ImportedGroup<T> {
  field: 'attendance' | 'approvalFlows' | 'approvalForms' | 'opportunities' | 'orderSettings';
  schema: z.ZodType<T>;
  read(tenantId: string): Promise<T>;
  write(tenantId: string, value: T, now: Date): Promise<void>;
  action: string;
  subject: string;
}

/** A settings group bound to its repositories, ready to apply the file's raw value. */
function settingsGroup<T>(repos: Repositories, group: ImportedGroup<T>) {
  return {
    field: group.field,
    apply: (tenantId: string, raw: unknown, now: Date) => importGroup(repos, group, tenantId, raw, now),
  };
}

/**
 * Replaces a tenant's settings group when the file's value differs from the stored one, with an audit
 * entry; an unchanged file (it is applied at every start) writes nothing. Requests already filed keep the
 * approval flow they started with, as the state carries its own resolved flow.
 */
async function importGroup<T>(
  repos: Repositories,
  group: ImportedGroup<T>,
  tenantId: string,
  raw: unknown,
  now: Date,
): Promise<void> {
  const parsed = group.schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `seed: ${group.field} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const before = await group.read(tenantId);
  if (JSON.stringify(before) === JSON.stringify(parsed.data)) return;
  await group.write(tenantId, parsed.data, now);
  await repos.auditLog.append({
    tenantId,
    actorUserId: null,
    action: group.action,
    subject: group.subject,
    before,
    after: parsed.data,
    at: now,
  });
}

/** A reference to something the file does not define is a typo: stop rather than store a null. */
function lookup(ids: Map<string, number>, key: string, who: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`seed: ${who} names unknown ${key}`);
  return id;
}

export const DEMO_SEED_PATH = `${__dirname}/demo-seed.json`;
