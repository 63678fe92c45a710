import { EntitySchema } from 'typeorm';
import { dateColumn } from './columns';

/** Job leases are per deployment, not per tenant: one runner per schedule across instances. */
export interface JobLeaseRow {
  name: string;
  holder: string;
  expiresAt: Date;
}

export const JobLeaseEntity = new EntitySchema<JobLeaseRow>({
  name: 'JobLease',
  tableName: 'job_leases',
  columns: {
    name: { type: 'varchar', length: 64, primary: true },
    holder: { type: 'varchar', length: 64 },
    expiresAt: dateColumn('expires_at'),
  },
});
