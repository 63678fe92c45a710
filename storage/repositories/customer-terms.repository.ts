import { In, type EntityManager } from 'typeorm';
import { termDaysOf, type CustomerTerms } from '../../domain/orders/credit';
import type { CustomerTermsStore } from '../../domain/orders/ports';
import { isCustomerCategory } from '../../domain/field/customer';
import { CustomerEntity } from '../entities/customer.entity';
import { OrderSettingsRepository } from './order-settings.repository';

/** 信用额度 and 账期, kept on the customer row. */
export class CustomerTermsRepository implements CustomerTermsStore {
  constructor(private readonly manager: EntityManager) {}

  async read(tenantId: string, customerId: number): Promise<CustomerTerms | null> {
    const row = await this.manager.findOne(CustomerEntity, {
      select: { id: true, name: true, category: true, creditLimitFen: true, paymentTermDays: true },
      where: { tenantId, id: customerId },
    });
    if (!row) return null;
    return {
      customerId: row.id,
      name: row.name,
      category: isCustomerCategory(row.category) ? row.category : null,
      creditLimitFen: row.creditLimitFen ?? null,
      paymentTermDays: row.paymentTermDays ?? null,
    };
  }

  async termDays(tenantId: string, customerIds: readonly number[]): Promise<Map<number, number>> {
    const ids = [...new Set(customerIds)];
    const settings = await new OrderSettingsRepository(this.manager).read(tenantId);
    const rows = ids.length
      ? await this.manager.find(CustomerEntity, {
          select: { id: true, category: true, paymentTermDays: true },
          where: { tenantId, id: In(ids) },
        })
      : [];
    const known = new Map(
      rows.map((row) => [
        row.id,
        termDaysOf(
          {
            category: isCustomerCategory(row.category) ? row.category : null,
            paymentTermDays: row.paymentTermDays ?? null,
          },
          settings,
        ),
      ]),
    );
    // A customer since deleted still owes on its orders: the tenant's term.
    return new Map(ids.map((id) => [id, known.get(id) ?? settings.paymentTermDays]));
  }

  async set(
    tenantId: string,
    customerId: number,
    change: Partial<Pick<CustomerTerms, 'creditLimitFen' | 'paymentTermDays'>>,
  ): Promise<CustomerTerms | null> {
    const before = await this.read(tenantId, customerId);
    if (before) await this.manager.update(CustomerEntity, { tenantId, id: customerId }, change);
    return before;
  }
}
