import type { CustomerCategory } from './customer';
import type { ImportContact } from './customer-import';

/**
 * The customer fields beyond name, address and phone: category (A/B/C), sales region (销售区域) and
 * contacts (联系人), edited with `客户 <名称> 设置 …` or set by import.
 */
export interface CustomerContact {
  name: string;
  phone: string | null;
}

export interface CustomerProfile {
  region: string | null;
  contacts: CustomerContact[];
  createdAt: Date;
}

/**
 * Whose customers a viewer reaches: all of the tenant's, or those owned by these people, with or without
 * the unowned ones (公海; readable by everyone, changed by managers and admins only).
 */
export type CustomerReach =
  { kind: 'all' } | { kind: 'owners'; userIds: readonly number[]; includeUnowned: boolean };

export function canReach(reach: CustomerReach, ownerUserId: number | null): boolean {
  if (reach.kind === 'all') return true;
  return ownerUserId === null ? reach.includeUnowned : reach.userIds.includes(ownerUserId);
}

export interface CustomerFieldPatch {
  category?: CustomerCategory | null;
  region?: string | null;
}

/** Storage port: a customer's extra fields and contacts. */
export interface CustomerProfileStore {
  profile(tenantId: string, customerId: number): Promise<CustomerProfile | null>;
  update(tenantId: string, customerId: number, patch: CustomerFieldPatch): Promise<void>;
  /** Adds the contact, or updates the phone of the one with that name. */
  saveContact(tenantId: string, customerId: number, contact: ImportContact, now: Date): Promise<void>;
  /** Removes the contact with that name; false when there was none. */
  removeContact(tenantId: string, customerId: number, name: string): Promise<boolean>;
}

/** A command held until its sender picks which of several same-named customers it meant. */
export interface CustomerChoice {
  commandText: string;
  query: string;
  candidateIds: number[];
  createdAt: Date;
}

/** Storage port: held commands, used once by their own sender. */
export interface CustomerChoiceStore {
  save(tenantId: string, userId: number, choice: CustomerChoice): Promise<number>;
  /** The sender's own held command if not used yet, left unused; null when unknown, someone else's or used. */
  find(tenantId: string, userId: number, id: number): Promise<CustomerChoice | null>;
  /** The sender's own held command, marked used; null when unknown, someone else's or used already. */
  take(tenantId: string, userId: number, id: number, now: Date): Promise<CustomerChoice | null>;
}

/** A pick on the choice card is good for as long as a duplicate card's 仍然新建. */
export const CUSTOMER_CHOICE_TTL_MS = 30 * 60 * 1000;
