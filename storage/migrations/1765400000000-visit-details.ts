import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './schema-helpers';

/**
 * What a visit records beyond its check-in: purpose and customer type, where each position came from and
 * the anti-cheat flags it raised, the check-out position, the template's answers, and a pending 结束拜访.
 */
function visitColumns(queryRunner: QueryRunner) {
  return [
    col.str('purpose', 16, true),
    col.str('customer_type', 8, true),
    col.str('source', 16, true),
    col.int('precision_m', true),
    col.str('flags', 128, false, ''),
    col.dbl('end_lat', true),
    col.dbl('end_lng', true),
    col.int('end_distance_m', true),
    col.bool('end_far', false),
    col.str('end_source', 16, true),
    col.int('end_precision_m', true),
    col.str('end_flags', 128, true),
    col.date('end_requested_at', true),
    col.text(queryRunner, 'template_values', true),
  ];
}

/** 拜访 <客户> <目的> waiting for a position keeps the purpose and type it was given. */
const REQUEST_COLUMNS = [col.str('purpose', 16, true), col.str('customer_type', 8, true)];
/** The phone an H5 position came from, for 设备变化 on punches and visits. */
const DEVICE = col.str('device_id', 64, true);

export class VisitDetails1765400000000 implements MigrationInterface {
  name = 'VisitDetails1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    for (const column of visitColumns(queryRunner))
      if (!(await queryRunner.hasColumn('visits', column.name)))
        await queryRunner.addColumn('visits', new TableColumn(column));
    for (const column of REQUEST_COLUMNS)
      if (!(await queryRunner.hasColumn('visit_requests', column.name)))
        await queryRunner.addColumn('visit_requests', new TableColumn(column));
    if (!(await queryRunner.hasColumn('location_shares', DEVICE.name)))
      await queryRunner.addColumn('location_shares', new TableColumn(DEVICE));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('location_shares', DEVICE.name);
    for (const column of REQUEST_COLUMNS) await queryRunner.dropColumn('visit_requests', column.name);
    for (const column of visitColumns(queryRunner).reverse())
      await queryRunner.dropColumn('visits', column.name);
  }
}
