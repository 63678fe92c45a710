import type { EntityManager } from 'typeorm';
import type { CustomerTerms } from '../../domain/orders/credit';
import type { CustomerTermsStore } from '../../domain/orders/ports';
import { isCustomerCategory } from '../../domain/field/customer';
import { CustomerEntity } from '../entities/customer.entity';

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
