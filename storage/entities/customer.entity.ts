import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface CustomerRow {
  id: number;
  tenantId: string;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  /** domain/geo/grid-cell.ts gridCellOf(lat, lng), written with the point; null without one. */
  geoCell?: number | null;
  ownerUserId: number | null;
  phone: string | null;
  /** Digits only, for matching (domain/field/customer-matching.ts). */
  phoneNormalized: string | null;
  /** For duplicate checks and search; written with `name`, never edited alone. */
  normalizedName: string;
  category: string | null;
  createdAt: Date;
  /** 销售区域, free text set by admins or import. */
  region?: string | null;
  /** The pool clock (visits area): last follow-up, ownership start, last recycle warning. */
  lastFollowUpAt?: Date | null;
  ownedSince?: Date | null;
  recycleWarnedAt?: Date | null;
  /** An approved 申请延期: not recycled before then. */
  recycleDeferredUntil?: Date | null;
  nextVisitDate?: string | null;
  createdByUserId?: number | null;
  /** 信用额度 and 账期 set by admins or import; null: none (no limit; the class's or tenant's term). */
  creditLimitFen?: number | null;
  paymentTermDays?: number | null;
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customers',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    name: { type: 'varchar', length: 128 },
    address: { type: 'varchar', length: 256, nullable: true },
    lat: { type: 'double', nullable: true },
    lng: { type: 'double', nullable: true },
    geoCell: { type: 'integer', name: 'geo_cell', nullable: true },
    ownerUserId: { type: 'integer', name: 'owner_user_id', nullable: true },
    phone: { type: 'varchar', length: 32, nullable: true },
    phoneNormalized: { type: 'varchar', length: 16, name: 'phone_normalized', nullable: true },
    normalizedName: { type: 'varchar', length: 128, name: 'normalized_name', default: '' },
    category: { type: 'varchar', length: 1, nullable: true },
    createdAt: dateColumn('created_at'),
    region: { type: 'varchar', length: 32, nullable: true },
    lastFollowUpAt: dateColumn('last_follow_up_at', true),
    ownedSince: dateColumn('owned_since', true),
    recycleWarnedAt: dateColumn('recycle_warned_at', true),
    recycleDeferredUntil: dateColumn('recycle_deferred_until', true),
    nextVisitDate: { type: 'varchar', length: 10, name: 'next_visit_date', nullable: true },
    createdByUserId: { type: 'integer', name: 'created_by_user_id', nullable: true },
    creditLimitFen: {
      type: 'bigint',
      name: 'credit_limit_fen',
      nullable: true,
      // MySQL hands BIGINT back as a string.
      transformer: {
        to: (value: number | null | undefined) => value,
        from: (value: string | number | null) => (value === null ? null : Number(value)),
      },
    },
    paymentTermDays: { type: 'integer', name: 'payment_term_days', nullable: true },
  },
});
