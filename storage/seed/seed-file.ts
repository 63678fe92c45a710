import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { attendanceSettingsSchema } from '../../domain/attendance/settings';
import type { Platform } from '../../domain/messages/inbound-event';
import type { Database } from '../database';
import { createRepositories, type Repositories } from '../repositories';
import { approvalFlowsSchema } from '../repositories/approval-flow.repository';
import { approvalFormsSchema } from '../repositories/approval-form.repository';
import { opportunitySettingsSchema } from '../../domain/field/opportunity-stages';
import { orderSettingsSchema } from '../../domain/orders/settings';
import { visitSettingsConsistent, visitSettingsSchema } from '../../domain/field/visit-settings';
import { applySalesSeed } from './sales-seed';
import { seedFileSchema, type SeedFile } from './seed-schema';

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
      settingsGroup(repos, {
        field: 'visitSettings',
        schema: visitSettingsSchema.refine(visitSettingsConsistent, {
          message: 'must be below every recycle days (recycleDays, recycleDaysA|B|C)',
          path: ['warnDaysBefore'],
        }),
        read: (t) => repos.visitSettings.read(t),
        write: (t, v, at) => repos.visitSettings.write(t, v, at),
        action: 'visit.settings.import',
        subject: 'visit_settings',
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
      if (stored && u.hiredOn) await repos.users.setHireDate(tenant.tenantId, stored.id, u.hiredOn);
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
  field:
    'attendance' | 'approvalFlows' | 'approvalForms' | 'opportunities' | 'orderSettings' | 'visitSettings';
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
