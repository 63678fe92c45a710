import { Between, type EntityManager } from 'typeorm';
import type { CustomerDirectory, CustomerSummary } from '../../domain/field/customer';
import { boundingBox, type LatLng } from '../../domain/geo/distance';
import { CustomerEntity } from '../entities/customer.entity';

export class CustomerRepository implements CustomerDirectory {
  constructor(private readonly manager: EntityManager) {}

  /** Customers inside the box around `center` (an index-friendly prefilter; callers rank by real distance). */
  async findNear(tenantId: string, center: LatLng, radiusM: number): Promise<CustomerSummary[]> {
    const box = boundingBox(center, radiusM);
    const rows = await this.manager.find(CustomerEntity, {
      where: { tenantId, lat: Between(box.minLat, box.maxLat), lng: Between(box.minLng, box.maxLng) },
      take: 200,
    });
    return rows.flatMap((r) => (r.lat === null || r.lng === null ? [] : [{ id: r.id, name: r.name, address: r.address, lat: r.lat, lng: r.lng }]));
  }

  async findById(tenantId: string, id: number): Promise<CustomerSummary | null> {
    const r = await this.manager.findOneBy(CustomerEntity, { tenantId, id });
    if (!r || r.lat === null || r.lng === null) return null;
    return { id: r.id, name: r.name, address: r.address, lat: r.lat, lng: r.lng };
  }

  /** Seed/import: creates the customer unless one with the same name exists in the tenant. */
  async ensure(tenantId: string, customer: { name: string; address: string | null; lat: number | null; lng: number | null; ownerUserId: number | null }, now: Date): Promise<void> {
    const existing = await this.manager.findOneBy(CustomerEntity, { tenantId, name: customer.name });
    if (existing) return;
    await this.manager.insert(CustomerEntity, { tenantId, ...customer, createdAt: now });
  }
}
