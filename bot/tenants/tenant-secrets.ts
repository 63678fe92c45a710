import { z } from 'zod';
import type { DingtalkConfig, WecomConfig } from '../config';
import type { StoredTenant } from '../../storage/repositories/tenant.repository';
import type { SecretBox } from './secret-box';

/** 43 base64 characters: WeCom's EncodingAESKey and DingTalk's event aes_key alike. */
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey / aes_key');

/** What is sealed per platform; everything else about a tenant is not secret. */
export const wecomSecretsSchema = z.object({
  secret: z.string().min(1),
  token: z.string().min(1),
  aesKey,
});
export const dingtalkSecretsSchema = z
  .object({
    appSecret: z.string().min(1),
    eventToken: z.string().min(1).optional(),
    eventAesKey: aesKey.optional(),
  })
  .refine((s) => (s.eventToken === undefined) === (s.eventAesKey === undefined), {
    message: 'the event token and aes_key go together',
  });

/** The additional data a tenant's secrets are sealed with: they open only on that tenant's row. */
export const sealContextOf = (slug: string) => `tenant:${slug}`;

export interface ApiDefaults {
  wecomApiBase: string;
  dingtalkApiBase: string;
  dingtalkOapiBase: string;
}

/** A tenant's secrets, opened with its own context and validated. */
function openSecrets<S extends z.ZodType>(box: SecretBox, t: StoredTenant, schema: S): z.infer<S> {
  return schema.parse(JSON.parse(box.open(t.secrets, sealContextOf(t.slug))));
}

export function openWecomConfig(box: SecretBox, t: StoredTenant, defaults: ApiDefaults): WecomConfig {
  const s = openSecrets(box, t, wecomSecretsSchema);
  return {
    corpId: t.tenantId,
    agentId: t.appId,
    secret: s.secret,
    token: s.token,
    aesKey: s.aesKey,
    apiBase: t.apiBase ?? defaults.wecomApiBase,
  };
}

export function openDingtalkConfig(box: SecretBox, t: StoredTenant, defaults: ApiDefaults): DingtalkConfig {
  const s = openSecrets(box, t, dingtalkSecretsSchema);
  return {
    corpId: t.tenantId,
    appKey: t.appId,
    appSecret: s.appSecret,
    robotCode: t.robotCode ?? t.appId,
    cardTemplateId: t.cardTemplateId ?? undefined,
    apiBase: t.apiBase ?? defaults.dingtalkApiBase,
    oapiBase: t.oapiBase ?? defaults.dingtalkOapiBase,
    eventToken: s.eventToken,
    eventAesKey: s.eventAesKey,
  };
}
