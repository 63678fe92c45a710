import type { ContactsSource } from '../../domain/org/ports';
import type { Platform } from '../../domain/messages/inbound-event';
import type { Database } from '../../storage/database';
import { TenantRepository, type StoredTenant } from '../../storage/repositories/tenant.repository';
import type { AppConfig, DingtalkConfig, WecomConfig } from '../config';
import { DingtalkClient } from '../dingtalk/client';
import { DingtalkContacts } from '../dingtalk/contacts';
import type { Logger } from '../logger';
import type { PlatformSender } from '../outbox/platform';
import { WecomClient } from '../wecom/client';
import { WecomContacts } from '../wecom/contacts';
import { SecretBox } from './secret-box';
import { openDingtalkConfig, openWecomConfig, type ApiDefaults } from './tenant-secrets';

export interface TenantDirectoryDeps {
  db: Database;
  config: AppConfig;
  logger: Logger;
  /** The environment's clients (the default tenants), built by the server. */
  defaults: { wecom?: WecomClient; dingtalk?: DingtalkClient };
  /** The deployment's mark for WeCom task_ids. */
  taskIdTag?: string;
}

interface LoadedTenant {
  slug: string;
  active: boolean;
  /** Changes when the row's credentials change, so a client (and its token cache) is rebuilt only then. */
  fingerprint: string;
  /** The admin seats named at registration. */
  adminUsers: string[];
  wecom?: WecomConfig;
  dingtalk?: DingtalkConfig;
}

type Clients = { wecom?: WecomClient; dingtalk?: DingtalkClient; fingerprint: string };

/**
 * Every corp this deployment serves: the environment's (the default tenant of each platform, routes
 * without a name) and those registered in the `tenants` table (routes `/<platform>/<slug>/callback`).
 * Each tenant gets its own API client, hence its own access-token cache. Registered tenants are re-read
 * at most every TENANT_CACHE_SECONDS, so `npm run tenant -- add|disable` takes effect without a restart.
 */
export class TenantDirectory {
  private readonly box?: SecretBox;
  private readonly apiDefaults: ApiDefaults;
  private loaded: LoadedTenant[] = [];
  private loadedAt = -Infinity;
  private loading?: Promise<void>;
  private readonly clients = new Map<string, Clients>();

  constructor(private readonly deps: TenantDirectoryDeps) {
    const { config } = deps;
    this.box = config.secretKey ? new SecretBox(config.secretKey) : undefined;
    this.apiDefaults = {
      wecomApiBase: config.wecom?.apiBase ?? 'https://qyapi.weixin.qq.com',
      dingtalkApiBase: config.dingtalk?.apiBase ?? 'https://api.dingtalk.com',
      dingtalkOapiBase: config.dingtalk?.oapiBase ?? 'https://oapi.dingtalk.com',
    };
  }

  /** Reads the registered tenants now; throws when their secrets cannot be opened (a start must stop). */
  async load(): Promise<void> {
    const rows = await new TenantRepository(this.deps.db.manager).list();
    if (rows.length > 0 && !this.box)
      throw new Error(
        `${rows.length} tenant(s) are registered in the database but FIELDBOT_SECRET_KEY is not set: set it to the key they were registered with`,
      );
    this.loaded = rows.map((row) => this.open(row));
    this.loadedAt = Date.now();
  }

  /** The WeCom app a callback route names; no slug: the environment's. Unknown or disabled: undefined. */
  async wecomRoute(slug?: string): Promise<WecomConfig | undefined> {
    if (slug === undefined) return this.deps.config.wecom;
    const t = await this.bySlug(slug);
    return t?.active ? t.wecom : undefined;
  }

  async dingtalkRoute(slug?: string): Promise<DingtalkConfig | undefined> {
    if (slug === undefined) return this.deps.config.dingtalk;
    const t = await this.bySlug(slug);
    return t?.active ? t.dingtalk : undefined;
  }

  async wecomClient(tenantId: string): Promise<WecomClient | undefined> {
    if (this.deps.config.wecom?.corpId === tenantId) return this.deps.defaults.wecom;
    return (await this.clientsOf('wecom', tenantId))?.wecom;
  }

  async dingtalkClient(tenantId: string): Promise<DingtalkClient | undefined> {
    if (this.deps.config.dingtalk?.corpId === tenantId) return this.deps.defaults.dingtalk;
    return (await this.clientsOf('dingtalk', tenantId))?.dingtalk;
  }

  /** For the outbox: the client that sends as `tenantId` on `platform`; undefined for a disabled or unknown one. */
  async sender(platform: string, tenantId: string): Promise<PlatformSender | undefined> {
    if (platform === 'wecom') return this.wecomClient(tenantId);
    if (platform === 'dingtalk') return this.dingtalkClient(tenantId);
    return undefined;
  }

  /**
   * Who holds an admin seat in a company: ADMIN_USERS in the environment's own corps only; a registered
   * company's own list (named at registration) in that company; nobody elsewhere.
   */
  async adminSeats(tenantId: string, platform: Platform): Promise<readonly string[]> {
    const { config } = this.deps;
    const ownCorps =
      platform === 'wecom' ? [config.wecom?.corpId, config.wecomBot?.corpId] : [config.dingtalk?.corpId];
    if (ownCorps.includes(tenantId)) return config.adminUsers;
    await this.refreshIfStale();
    const registered = this.loaded.find(
      (l) => (platform === 'wecom' ? l.wecom : l.dingtalk)?.corpId === tenantId,
    );
    return registered?.adminUsers ?? [];
  }

  /** The address books to sync: the environment's (not the simulator's) and every active registered one. */
  async contactSources(): Promise<ContactsSource[]> {
    const { config, defaults } = this.deps;
    const sources: ContactsSource[] = [];
    if (config.wecom && defaults.wecom && !config.simulator)
      sources.push(wecomSource(config.wecom.corpId, defaults.wecom, config.adminUsers));
    if (config.dingtalk && defaults.dingtalk)
      sources.push(dingtalkSource(config.dingtalk.corpId, defaults.dingtalk, config.adminUsers));
    await this.refreshIfStale();
    for (const t of this.loaded.filter((l) => l.active)) {
      const corp = t.wecom?.corpId ?? t.dingtalk?.corpId ?? '';
      if (sources.some((s) => s.tenantId === corp && s.platform === (t.wecom ? 'wecom' : 'dingtalk')))
        continue;
      const clients = this.clientsFor(t);
      if (clients.wecom) sources.push(wecomSource(corp, clients.wecom, t.adminUsers));
      if (clients.dingtalk) sources.push(dingtalkSource(corp, clients.dingtalk, t.adminUsers));
    }
    return sources;
  }

  private async bySlug(slug: string): Promise<LoadedTenant | undefined> {
    await this.refreshIfStale();
    return this.loaded.find((t) => t.slug === slug);
  }

  private async clientsOf(platform: Platform, tenantId: string): Promise<Clients | undefined> {
    await this.refreshIfStale();
    const t = this.loaded.find(
      (l) => l.active && (platform === 'wecom' ? l.wecom : l.dingtalk)?.corpId === tenantId,
    );
    return t ? this.clientsFor(t) : undefined;
  }

  private clientsFor(t: LoadedTenant): Clients {
    const cached = this.clients.get(t.slug);
    if (cached?.fingerprint === t.fingerprint) return cached;
    const { logger } = this.deps;
    const built: Clients = {
      fingerprint: t.fingerprint,
      wecom: t.wecom
        ? new WecomClient({ config: t.wecom, logger, taskIdTag: this.deps.taskIdTag })
        : undefined,
      dingtalk: t.dingtalk ? new DingtalkClient({ config: t.dingtalk, logger }) : undefined,
    };
    this.clients.set(t.slug, built);
    return built;
  }

  private async refreshIfStale(): Promise<void> {
    if (Date.now() - this.loadedAt < this.deps.config.tenantCacheMs) return;
    this.loading ??= this.load()
      .catch((error: unknown) => {
        // Keep serving what was loaded; the next call tries again.
        this.deps.logger.error({ err: error }, 'could not re-read the registered tenants');
      })
      .finally(() => {
        this.loading = undefined;
      });
    await this.loading;
  }

  private open(row: StoredTenant): LoadedTenant {
    const box = this.box as SecretBox;
    const base = {
      slug: row.slug,
      active: row.active,
      adminUsers: row.adminUsers,
      fingerprint: [
        row.secrets,
        row.appId,
        row.apiBase,
        row.oapiBase,
        row.robotCode,
        row.cardTemplateId,
      ].join('\u0000'),
    };
    return row.platform === 'wecom'
      ? { ...base, wecom: openWecomConfig(box, row, this.apiDefaults) }
      : { ...base, dingtalk: openDingtalkConfig(box, row, this.apiDefaults) };
  }
}

function wecomSource(tenantId: string, client: WecomClient, admins: readonly string[]): ContactsSource {
  return sourceOf(tenantId, 'wecom', admins, new WecomContacts(client));
}

function dingtalkSource(tenantId: string, client: DingtalkClient, admins: readonly string[]): ContactsSource {
  return sourceOf(tenantId, 'dingtalk', admins, new DingtalkContacts(client));
}

function sourceOf(
  tenantId: string,
  platform: Platform,
  adminUserIds: readonly string[],
  contacts: Pick<ContactsSource, 'fetchSnapshot' | 'fetchPerson' | 'fetchDepartment'>,
): ContactsSource {
  return {
    tenantId,
    platform,
    adminUserIds,
    fetchSnapshot: () => contacts.fetchSnapshot(),
    fetchPerson: (userId) => contacts.fetchPerson(userId),
    fetchDepartment: (key) => contacts.fetchDepartment(key),
  };
}
