import { z } from 'zod';

import type { Database } from '../../storage/database';
import { TenantRepository } from '../../storage/repositories/tenant.repository';
import { isUniqueViolation } from '../../storage/unique-violation';
import type { SecretBox } from './secret-box';
import { dingtalkSecretsSchema, sealContextOf, wecomSecretsSchema } from './tenant-secrets';

const optionalUrl = z.string().url().optional();

/** The company's admin seats, named at registration (ADMIN_USERS is the environment's company's alone). */
const adminsSchema = z
  .array(z.string().regex(/^[\w.@-]{1,64}$/, 'a platform user id (letters, digits, _ . @ -)'))
  .min(1, 'name at least one admin with --admins <userid>[,<userid>…]')
  .max(20);

/** What `npm run tenant -- add` registers; secrets come separately (never from argv). */
export const tenantInputSchema = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('wecom'),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'lower-case letters, digits and -, 2–32 long'),
    corpId: z.string().min(1).max(64),
    agentId: z.string().regex(/^\d+$/, 'must be the numeric AgentId'),
    admins: adminsSchema,
    apiBase: optionalUrl,
    secrets: wecomSecretsSchema,
  }),
  z.object({
    platform: z.literal('dingtalk'),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'lower-case letters, digits and -, 2–32 long'),
    corpId: z.string().min(1).max(64),
    appKey: z.string().min(1).max(64),
    admins: adminsSchema,
    robotCode: z.string().min(1).max(64).optional(),
    cardTemplateId: z.string().min(1).max(128).optional(),
    apiBase: optionalUrl,
    oapiBase: optionalUrl,
    secrets: dingtalkSecretsSchema,
  }),
]);
export type TenantInput = z.infer<typeof tenantInputSchema>;

export class TenantExistsError extends Error {}

/** Seals the secrets with the tenant's own context and stores the row. */
export async function registerTenant(
  db: Database,
  box: SecretBox,
  input: TenantInput,
  now: Date,
): Promise<void> {
  const sealed = box.seal(JSON.stringify(input.secrets), sealContextOf(input.slug));
  const common = {
    slug: input.slug,
    platform: input.platform,
    tenantId: input.corpId,
    apiBase: input.apiBase ?? null,
    secrets: sealed,
    adminUsers: input.admins,
  };
  const row =
    input.platform === 'wecom'
      ? { ...common, appId: input.agentId, robotCode: null, cardTemplateId: null, oapiBase: null }
      : {
          ...common,
          appId: input.appKey,
          robotCode: input.robotCode ?? null,
          cardTemplateId: input.cardTemplateId ?? null,
          oapiBase: input.oapiBase ?? null,
        };
  try {
    await new TenantRepository(db.manager).add(row, now);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new TenantExistsError(
        `a tenant named ${input.slug}, or ${input.platform} corp ${input.corpId}, is already registered`,
      );
    throw error;
  }
}
