import { IsNull, type EntityManager } from 'typeorm';
import type { CustomerDraft, CustomerDraftStore, NewCustomer } from '../../domain/field/customer';
import { CustomerDraftEntity, type CustomerDraftRow } from '../entities/customer-draft.entity';

export class CustomerDraftRepository implements CustomerDraftStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, draft: NewCustomer, now: Date): Promise<number> {
    const result = await this.manager.insert(CustomerDraftEntity, {
      tenantId,
      userId,
      ...draft,
      createdAt: now,
      consumedAt: null,
    });
    return Number(result.identifiers[0]?.id);
  }

  /** Only the creator's own draft: another user's tap finds nothing. */
  async findOwn(tenantId: string, userId: number, id: number): Promise<CustomerDraft | null> {
    const row = await this.manager.findOneBy(CustomerDraftEntity, { tenantId, userId, id });
    return row ? toDraft(row) : null;
  }

  async consume(tenantId: string, id: number, now: Date): Promise<boolean> {
    const result = await this.manager.update(
      CustomerDraftEntity,
      { tenantId, id, consumedAt: IsNull() },
      { consumedAt: now },
    );
    return result.affected === 1;
  }
}

function toDraft(row: CustomerDraftRow): CustomerDraft {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    name: row.name,
    address: row.address,
    phone: row.phone,
    createdAt: row.createdAt,
    consumedAt: row.consumedAt,
  };
}
