import { EntitySchema } from 'typeorm';
import { idColumn, tenantColumn } from './columns';

export interface DepartmentRow {
  id: number;
  tenantId: string;
  /** The department's id in the platform or the import file. */
  externalKey: string;
  name: string;
  parentId: number | null;
}

export const DepartmentEntity = new EntitySchema<DepartmentRow>({
  name: 'Department',
  tableName: 'departments',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    externalKey: { type: 'varchar', length: 64, name: 'external_key' },
    name: { type: 'varchar', length: 64 },
    parentId: { type: 'integer', name: 'parent_id', nullable: true },
  },
});
