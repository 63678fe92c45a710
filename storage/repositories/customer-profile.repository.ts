import type { EntityManager } from 'typeorm';
import type { ImportContact } from '../../domain/field/customer-import';
import type {
  CustomerFieldPatch,
  CustomerProfile,
  CustomerProfileStore,
} from '../../domain/field/customer-profile';
import { normalizePhone } from '../../domain/field/customer-matching';
import type { TimelineEntry, TimelineSource } from '../../domain/field/timeline';
import { CustomerEntity } from '../entities/customer.entity';
import { CustomerContactEntity } from '../entities/opportunity.entities';

/** Customers' region and contacts; the customers' part of a handover (交接) and of the timeline (the creation). */
export class CustomerProfileRepository implements CustomerProfileStore, TimelineSource {
  constructor(private readonly manager: EntityManager) {}

  async profile(tenantId: string, customerId: number): Promise<CustomerProfile | null> {
    const row = await this.manager.findOneBy(CustomerEntity, { tenantId, id: customerId });
    if (!row) return null;
    const contacts = await this.manager.find(CustomerContactEntity, {
      where: { tenantId, customerId },
      order: { id: 'ASC' },
    });
    return {
      region: row.region ?? null,
      createdAt: row.createdAt,
      contacts: contacts.map((c) => ({ name: c.name, phone: c.phone })),
    };
  }

  async update(tenantId: string, customerId: number, patch: CustomerFieldPatch): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.manager.update(CustomerEntity, { tenantId, id: customerId }, patch);
  }

  async saveContact(tenantId: string, customerId: number, contact: ImportContact, now: Date): Promise<void> {
    const phoneNormalized = contact.phone === null ? null : normalizePhone(contact.phone);
    const existing = await this.manager.findOneBy(CustomerContactEntity, {
      tenantId,
      customerId,
      name: contact.name,
    });
    if (existing) {
      await this.manager.update(
        CustomerContactEntity,
        { id: existing.id },
        { phone: contact.phone, phoneNormalized },
      );
      return;
    }
    await this.manager.insert(CustomerContactEntity, {
      tenantId,
      customerId,
      name: contact.name,
      phone: contact.phone,
      phoneNormalized,
      createdAt: now,
    });
  }

  async removeContact(tenantId: string, customerId: number, name: string): Promise<boolean> {
    const result = await this.manager.delete(CustomerContactEntity, { tenantId, customerId, name });
    return (result.affected ?? 0) > 0;
  }

  /** Timeline: the customer's creation. */
  async entriesFor(tenantId: string, customerId: number, limit: number): Promise<TimelineEntry[]> {
    if (limit <= 0) return [];
    const row = await this.manager.findOneBy(CustomerEntity, { tenantId, id: customerId });
    if (!row) return [];
    return [
      {
        at: row.createdAt,
        kind: '客户',
        text: `新建客户「${row.name}」`,
        userId: row.createdByUserId ?? null,
      },
    ];
  }
}
