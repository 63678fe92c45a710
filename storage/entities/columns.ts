import type { EntitySchemaColumnOptions } from 'typeorm';

/** Column shapes shared by every table, so both databases see the same types. */
export const idColumn: EntitySchemaColumnOptions = { type: 'integer', primary: true, generated: 'increment' };
export const tenantColumn: EntitySchemaColumnOptions = { type: 'varchar', length: 64, name: 'tenant_id' };
export const dateColumn = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'datetime',
  name,
  nullable,
  precision: 3,
});
