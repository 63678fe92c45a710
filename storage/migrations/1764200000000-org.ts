import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Department leaders from the platforms' address books, and who decided each user's role. */
function tables(): TableSpec[] {
  const { tenant, int } = col;
  return [
    {
      name: 'department_leaders',
      columns: [
        tenant(true),
        { ...int('department_id'), isPrimary: true },
        { ...int('user_id'), isPrimary: true },
      ],
      // A manager's scope is read by user: which departments does this person lead?
      indices: [{ name: 'ix_department_leaders_user', columnNames: ['tenant_id', 'user_id'] }],
    },
  ];
}

/** domain/org/role-source.ts: 'default' | 'sync' | 'import' | 'admin'. */
const roleSourceColumn = () => new TableColumn(col.str('role_source', 8, false, 'default'));

export class Org1764200000000 implements MigrationInterface {
  name = 'Org1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables());
    // MySQL cannot roll DDL back: a run that died after this column was added must be able to run again.
    if (!(await queryRunner.hasColumn('users', 'role_source')))
      await queryRunner.addColumn('users', roleSourceColumn());
    // Until now only the import file made managers: keep the sync from demoting them.
    await queryRunner.query(
      "UPDATE users SET role_source = 'import' WHERE role = 'manager' AND role_source = 'default'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasColumn('users', 'role_source'))
      await queryRunner.dropColumn('users', 'role_source');
    await dropTables(queryRunner, tables());
  }
}
