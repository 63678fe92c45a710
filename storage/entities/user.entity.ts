import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

export interface UserRow {
  id: number;
  tenantId: string;
  platform: string;
  platformUserId: string;
  name: string | null;
  role: string;
  /** Who decided `role` (domain/org/role-source.ts): the contacts sync changes only its own and defaults. */
  roleSource: string;
  departmentId: number | null;
  active: boolean;
  createdAt: Date;
  /** 入职日期, YYYY-MM-DD; null until an admin or the import file sets it. */
  hiredOn?: string | null;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    platform: { type: 'varchar', length: 16 },
    platformUserId: { type: 'varchar', length: 64, name: 'platform_user_id' },
    name: { type: 'varchar', length: 64, nullable: true },
    role: { type: 'varchar', length: 16 },
    roleSource: { type: 'varchar', length: 8, name: 'role_source', default: 'default' },
    departmentId: { type: 'integer', name: 'department_id', nullable: true },
    active: { type: 'boolean', default: true },
    createdAt: dateColumn('created_at'),
    hiredOn: { type: 'varchar', length: 10, name: 'hired_on', nullable: true },
  },
});
