import type { EntityManager } from 'typeorm';
import type { OrderSettingsSource } from '../../domain/orders/ports';
import {
  DEFAULT_ORDER_SETTINGS,
  orderSettingsSchema,
  type OrderSettings,
} from '../../domain/orders/settings';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'orders';

/** A tenant's order settings (group `orders`): the discount threshold and the payment term. */
export class OrderSettingsRepository implements OrderSettingsSource {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<OrderSettings> {
    return this.settings.readValid(tenantId, KEY, orderSettingsSchema, DEFAULT_ORDER_SETTINGS);
  }

  async write(tenantId: string, settings: OrderSettings, now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, settings, now);
  }
}
