import { EntitySchema } from 'typeorm';

/** Who leads which department, as the platform's address book says (a department may have several leaders). */
export interface DepartmentLeaderRow {
  tenantId: string;
  departmentId: number;
  userId: number;
}

export const DepartmentLeaderEntity = new EntitySchema<DepartmentLeaderRow>({
  name: 'DepartmentLeader',
  tableName: 'department_leaders',
  columns: {
    tenantId: { type: 'varchar', length: 64, name: 'tenant_id', primary: true },
    departmentId: { type: 'integer', name: 'department_id', primary: true },
    userId: { type: 'integer', name: 'user_id', primary: true },
  },
});
