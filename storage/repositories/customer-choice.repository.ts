import { IsNull, type EntityManager } from 'typeorm';
import type { CustomerChoice, CustomerChoiceStore } from '../../domain/field/customer-profile';
import { CustomerChoiceEntity, type CustomerChoiceRow } from '../entities/opportunity.entities';

export class CustomerChoiceRepository implements CustomerChoiceStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, choice: CustomerChoice): Promise<number> {
    const result = await this.manager.insert(CustomerChoiceEntity, {
      tenantId,
      userId,
      commandText: choice.commandText,
      query: choice.query,
      candidateIds: choice.candidateIds.join(','),
      createdAt: choice.createdAt,
      consumedAt: null,
    });
    return Number(result.identifiers[0]?.id);
  }

  async find(tenantId: string, userId: number, id: number): Promise<CustomerChoice | null> {
    const row = await this.unused(tenantId, userId, id);
    return row ? toChoice(row) : null;
  }

  async take(tenantId: string, userId: number, id: number, now: Date): Promise<CustomerChoice | null> {
    const row = await this.unused(tenantId, userId, id);
    if (!row) return null;
    // Conditional on still unused: of two taps at once, one takes it.
    const result = await this.manager.update(
      CustomerChoiceEntity,
      { tenantId, userId, id, consumedAt: IsNull() },
      { consumedAt: now },
    );
    return result.affected === 1 ? toChoice(row) : null;
  }

  private unused(tenantId: string, userId: number, id: number): Promise<CustomerChoiceRow | null> {
    return this.manager.findOneBy(CustomerChoiceEntity, { tenantId, userId, id, consumedAt: IsNull() });
  }
}

function toChoice(row: CustomerChoiceRow): CustomerChoice {
  return {
    commandText: row.commandText,
    query: row.query,
    candidateIds: row.candidateIds.split(',').map(Number),
    createdAt: row.createdAt,
  };
}
