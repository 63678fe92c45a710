import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface LeadRow {
  id: number;
  tenantId: string;
  name: string;
  /** domain/field/customer-matching.ts: the same 查重 as customers. */
  normalizedName: string;
  contactName: string | null;
  phone: string | null;
  phoneNormalized: string | null;
  source: string | null;
  note: string | null;
  status: string;
  /** Null: in the lead pool (线索公海). */
  ownerUserId: number | null;
  createdByUserId: number | null;
  createdAt: Date;
  ownedSince: Date | null;
  lastFollowUpAt: Date | null;
  recycleWarnedAt: Date | null;
  convertedCustomerId: number | null;
  convertedOpportunityId: number | null;
  convertedAt: Date | null;
}

export const LeadEntity = new EntitySchema<LeadRow>({
  name: 'Lead',
  tableName: 'leads',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    name: { type: 'varchar', length: 128 },
    normalizedName: { type: 'varchar', length: 128, name: 'normalized_name' },
    contactName: { type: 'varchar', length: 32, name: 'contact_name', nullable: true },
    phone: { type: 'varchar', length: 32, nullable: true },
    phoneNormalized: { type: 'varchar', length: 16, name: 'phone_normalized', nullable: true },
    source: { type: 'varchar', length: 32, nullable: true },
    note: { type: 'varchar', length: 200, nullable: true },
    status: { type: 'varchar', length: 12 },
    ownerUserId: { type: 'integer', name: 'owner_user_id', nullable: true },
    createdByUserId: { type: 'integer', name: 'created_by_user_id', nullable: true },
    createdAt: dateColumn('created_at'),
    ownedSince: dateColumn('owned_since', true),
    lastFollowUpAt: dateColumn('last_follow_up_at', true),
    recycleWarnedAt: dateColumn('recycle_warned_at', true),
    convertedCustomerId: { type: 'integer', name: 'converted_customer_id', nullable: true },
    convertedOpportunityId: { type: 'integer', name: 'converted_opportunity_id', nullable: true },
    convertedAt: dateColumn('converted_at', true),
  },
});

export interface LeadFollowUpRow {
  id: number;
  tenantId: string;
  leadId: number;
  userId: number;
  content: string;
  createdAt: Date;
}

export const LeadFollowUpEntity = new EntitySchema<LeadFollowUpRow>({
  name: 'LeadFollowUp',
  tableName: 'lead_follow_ups',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    leadId: { type: 'integer', name: 'lead_id' },
    userId: { type: 'integer', name: 'user_id' },
    content: { type: 'varchar', length: 500 },
    createdAt: dateColumn('created_at'),
  },
});
