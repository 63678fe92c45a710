import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/** A registered company's own admin seats (comma-separated platform user ids), named at registration. */
export class TenantAdmins1765320000000 implements MigrationInterface {
  name = 'TenantAdmins1765320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const adminUsers = col.text(queryRunner, 'admin_users', true);
    // Checked first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('tenants', adminUsers.name)))
      await queryRunner.addColumn('tenants', new TableColumn(adminUsers));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('tenants', 'admin_users');
  }
}
