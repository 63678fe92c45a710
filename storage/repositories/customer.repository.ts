import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { CustomerReach } from '../../domain/field/customer-profile';
import {
  isCustomerCategory,
  type CustomerDirectory,
  type CustomerRecord,
  type CustomerRegistry,
  type CustomerSummary,
  type NewCustomer,
} from '../../domain/field/customer';
import type { CustomerImportStore, ImportCustomer, KnownCustomer } from '../../domain/field/customer-import';
import {
  containedNameCandidates,
  normalizeCustomerName,
  normalizePhone,
} from '../../domain/field/customer-matching';
import type { LatLng } from '../../domain/geo/distance';
import { gridCellOrNull } from '../../domain/geo/grid-cell';
import { CustomerEntity, type CustomerRow } from '../entities/customer.entity';
import { whereNear } from './near-box';

/** Enough candidates for the domain to pick the real duplicates from; a tenant rarely has more similar names. */
const MAX_DUPLICATE_CANDIDATES = 50;
/** Enough bigrams to find a name with a typo or two in a long one. */
const MAX_NAME_FRAGMENTS = 12;

export class CustomerRepository implements CustomerDirectory, CustomerRegistry, CustomerImportStore {
  constructor(private readonly manager: EntityManager) {}

  /** Customers inside the box around `center` (an index-friendly prefilter; callers rank by real distance). */
  async findNear(tenantId: string, center: LatLng, radiusM: number): Promise<CustomerSummary[]> {
    const rows = await whereNear(
      this.manager.createQueryBuilder(CustomerEntity, 'c').where('c.tenantId = :tenantId', { tenantId }),
      'c',
      center,
      radiusM,
    )
      .take(200)
      .getMany();
    return rows.flatMap((r) =>
      r.lat === null || r.lng === null
        ? []
        : [{ id: r.id, name: r.name, address: r.address, lat: r.lat, lng: r.lng }],
    );
  }

  async findById(tenantId: string, id: number): Promise<CustomerSummary | null> {
    const r = await this.manager.findOneBy(CustomerEntity, { tenantId, id });
    if (!r || r.lat === null || r.lng === null) return null;
    return { id: r.id, name: r.name, address: r.address, lat: r.lat, lng: r.lng };
  }

  /** Seed/import: creates the customer unless one with the same name exists in the tenant. */
  async ensure(
    tenantId: string,
    customer: {
      name: string;
      address: string | null;
      lat: number | null;
      lng: number | null;
      ownerUserId: number | null;
    },
    now: Date,
  ): Promise<void> {
    const existing = await this.manager.findOneBy(CustomerEntity, { tenantId, name: customer.name });
    if (existing) return;
    await this.manager.insert(CustomerEntity, {
      tenantId,
      ...customer,
      geoCell: gridCellOrNull(customer.lat, customer.lng),
      normalizedName: normalizeCustomerName(customer.name),
      createdAt: now,
      ownedSince: customer.ownerUserId === null ? null : now,
      // Seeded, as imported: not a customer a rep won this period (新客户数 counts those).
      createdByUserId: null,
    });
  }

  async findDuplicateCandidates(
    tenantId: string,
    candidate: { normalizedName: string; phoneNormalized: string | null },
  ): Promise<CustomerRecord[]> {
    const contained = containedNameCandidates(candidate.normalizedName);
    const rows = await this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere(
        new Brackets((q) => {
          q.where('c.normalizedName LIKE :like', { like: containsPattern(candidate.normalizedName) });
          if (contained.length) q.orWhere('c.normalizedName IN (:...contained)', { contained });
          if (candidate.phoneNormalized)
            q.orWhere('c.phoneNormalized = :phone', { phone: candidate.phoneNormalized });
        }),
      )
      .orderBy('c.id')
      .take(MAX_DUPLICATE_CANDIDATES)
      .getMany();
    return rows.map(toRecord);
  }

  async search(
    tenantId: string,
    query: { normalizedName: string; phoneNormalized: string | null },
    reach: CustomerReach,
    limit: number,
  ): Promise<CustomerRecord[]> {
    const qb = this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere(
        new Brackets((q) => {
          q.where('c.normalizedName LIKE :like', { like: containsPattern(query.normalizedName) });
          if (query.phoneNormalized)
            q.orWhere('c.phoneNormalized = :phone', { phone: query.phoneNormalized });
        }),
      );
    withinReach(qb, reach);
    const rows = await qb.orderBy('c.id').take(limit).getMany();
    return rows.map(toRecord);
  }

  async findNameCandidates(
    tenantId: string,
    fragments: readonly string[],
    reach: CustomerReach,
    limit: number,
  ): Promise<CustomerRecord[]> {
    const patterns = fragments
      .slice(0, MAX_NAME_FRAGMENTS)
      .map(containsPattern)
      .filter((p) => p !== '%%');
    if (patterns.length === 0) return [];
    const qb = this.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .andWhere(
        new Brackets((q) =>
          patterns.forEach((like, i) => q.orWhere(`c.normalizedName LIKE :f${i}`, { [`f${i}`]: like })),
        ),
      );
    withinReach(qb, reach);
    const rows = await qb.orderBy('c.id').take(limit).getMany();
    return rows.map(toRecord);
  }

  async findRecord(tenantId: string, id: number): Promise<CustomerRecord | null> {
    const row = await this.manager.findOneBy(CustomerEntity, { tenantId, id });
    return row ? toRecord(row) : null;
  }

  async create(
    tenantId: string,
    customer: NewCustomer & { ownerUserId: number },
    now: Date,
  ): Promise<CustomerRecord> {
    const row: Omit<CustomerRow, 'id'> = {
      tenantId,
      name: customer.name,
      normalizedName: normalizeCustomerName(customer.name),
      // A customer converted from a lead may come without an address: none, rather than an empty one.
      address: customer.address || null,
      phone: customer.phone,
      phoneNormalized: customer.phone === null ? null : normalizePhone(customer.phone),
      category: null,
      lat: null,
      lng: null,
      geoCell: null,
      ownerUserId: customer.ownerUserId,
      createdAt: now,
      ownedSince: now,
      createdByUserId: customer.ownerUserId,
    };
    const result = await this.manager.insert(CustomerEntity, row);
    return toRecord({ ...row, id: Number(result.identifiers[0]?.id) });
  }

  async listMatchable(tenantId: string): Promise<KnownCustomer[]> {
    return this.manager.find(CustomerEntity, {
      where: { tenantId },
      select: { id: true, name: true, normalizedName: true, phoneNormalized: true },
      order: { id: 'ASC' },
    });
  }

  async createImported(
    tenantId: string,
    customer: ImportCustomer,
    ownerUserId: number | null,
    now: Date,
  ): Promise<number> {
    const result = await this.manager.insert(CustomerEntity, {
      tenantId,
      name: customer.name,
      normalizedName: customer.normalizedName,
      address: customer.address,
      phone: customer.phone,
      phoneNormalized: customer.phoneNormalized,
      category: customer.category,
      region: customer.region,
      lat: customer.location?.lat ?? null,
      lng: customer.location?.lng ?? null,
      geoCell: gridCellOrNull(customer.location?.lat, customer.location?.lng),
      ownerUserId,
      // Imported, not won by a rep this period; the pool clock starts at the import.
      createdByUserId: null,
      ownedSince: ownerUserId === null ? null : now,
      createdAt: now,
    });
    return Number(result.identifiers[0]?.id);
  }
}

function toRecord(r: CustomerRow): CustomerRecord {
  return {
    id: r.id,
    name: r.name,
    normalizedName: r.normalizedName,
    address: r.address,
    phone: r.phone,
    phoneNormalized: r.phoneNormalized,
    category: isCustomerCategory(r.category) ? r.category : null,
    ownerUserId: r.ownerUserId,
  };
}

/**
 * A LIKE pattern for a normalised name. Those hold letters and digits only, so no % or _ can steer the
 * pattern; anything else is dropped rather than escaped, as SQLite knows no default LIKE escape character.
 */
function containsPattern(normalizedName: string): string {
  return `%${normalizedName.replace(/[^\p{L}\p{N}]/gu, '')}%`;
}

/** Limits a query on customers (aliased `c`) to what the reach allows: the reader's owners, and the pool. */
export function withinReach<T extends object>(qb: SelectQueryBuilder<T>, reach: CustomerReach): void {
  if (reach.kind === 'all') return;
  const ids = reach.userIds.length > 0 ? [...reach.userIds] : [0];
  qb.andWhere(
    new Brackets((q) => {
      q.where('c.ownerUserId IN (:...ids)', { ids });
      if (reach.includeUnowned) q.orWhere('c.ownerUserId IS NULL');
    }),
  );
}
