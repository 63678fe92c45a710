import type { CustomerReach } from './customer-profile';
/** The slice of a customer the spine needs: who and where. The visits issue grows it. */
export interface CustomerSummary {
  id: number;
  name: string;
  address: string | null;
  lat: number;
  lng: number;
}

/** Storage port: customers by place. */
export interface CustomerDirectory {
  findNear(
    tenantId: string,
    center: { lat: number; lng: number },
    radiusM: number,
  ): Promise<CustomerSummary[]>;
  findById(tenantId: string, id: number): Promise<CustomerSummary | null>;
}

export const CUSTOMER_CATEGORIES = ['A', 'B', 'C'] as const;
export type CustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

export function isCustomerCategory(value: string | null): value is CustomerCategory {
  return (CUSTOMER_CATEGORIES as readonly (string | null)[]).includes(value);
}

/** A customer as the customer commands show it: the card and the list need name, place, phone and owner. */
export interface CustomerRecord {
  id: number;
  name: string;
  normalizedName: string;
  address: string | null;
  phone: string | null;
  phoneNormalized: string | null;
  category: CustomerCategory | null;
  ownerUserId: number | null;
}

export interface NewCustomer {
  name: string;
  address: string;
  phone: string | null;
}

/** Storage port: customers by name and phone, for creating and finding them. */
export interface CustomerRegistry {
  /** Customers that might be `candidate` (a superset; domain/field/customer-matching.ts decides). */
  findDuplicateCandidates(
    tenantId: string,
    candidate: { normalizedName: string; phoneNormalized: string | null },
  ): Promise<CustomerRecord[]>;
  search(
    tenantId: string,
    query: { normalizedName: string; phoneNormalized: string | null },
    reach: CustomerReach,
    limit: number,
  ): Promise<CustomerRecord[]>;
  /** Customers whose names share any of the fragments (bigrams), for closest-name suggestions. */
  findNameCandidates(
    tenantId: string,
    fragments: readonly string[],
    reach: CustomerReach,
    limit: number,
  ): Promise<CustomerRecord[]>;
  findRecord(tenantId: string, id: number): Promise<CustomerRecord | null>;
  create(
    tenantId: string,
    customer: NewCustomer & { ownerUserId: number },
    now: Date,
  ): Promise<CustomerRecord>;
}

/** A 新建客户 held back by a duplicate warning until its creator taps 仍然新建 (or 使用已有). */
export interface CustomerDraft extends NewCustomer {
  id: number;
  tenantId: string;
  userId: number;
  createdAt: Date;
  consumedAt: Date | null;
}

/** A held-back creation is only good for a while: the duplicates it was checked against may change. */
export const CUSTOMER_DRAFT_TTL_MS = 30 * 60 * 1000;

export interface CustomerDraftStore {
  save(tenantId: string, userId: number, draft: NewCustomer, now: Date): Promise<number>;
  findOwn(tenantId: string, userId: number, id: number): Promise<CustomerDraft | null>;
  /** Marks the draft used; false when it already was (a double tap, a redelivered event). */
  consume(tenantId: string, id: number, now: Date): Promise<boolean>;
}

/** The longest region (区域) a customer may have, typed or imported. */
export const MAX_REGION_CHARS = 32;
