import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { gridCellOf } from '../../domain/geo/grid-cell';
import { col } from './schema-helpers';

/**
 * What the scale suite (bench/scale/) showed a tenant of 2,000 people needs: customers get a grid cell
 * (domain/geo/grid-cell.ts) so the nearby lookup narrows on both axes, and the indexes its KPI queries
 * lacked.
 */
const GEO_CELL = col.int('geo_cell', true);

const INDICES: Array<{ table: string; index: TableIndex }> = [
  {
    table: 'customers',
    index: new TableIndex({
      name: 'ix_customers_cell',
      columnNames: ['tenant_id', 'geo_cell', 'lat', 'lng'],
    }),
  },
  // 新客户数 per rep (digest, 我的业绩): was a scan of the tenant's customers.
  {
    table: 'customers',
    index: new TableIndex({
      name: 'ix_customers_created_by',
      columnNames: ['tenant_id', 'created_by_user_id', 'created_at'],
    }),
  },
  // Targets overlapping a period: the unique key reads every month a person ever had; this index starts at
  // the periods still running.
  {
    table: 'targets',
    index: new TableIndex({
      name: 'ix_targets_subject_end',
      columnNames: ['tenant_id', 'subject_kind', 'subject_id', 'measure', 'end_date'],
    }),
  },
];

const BACKFILL_CHUNK = 500;

/** Every located customer gets its cell, computed by the same code the repositories write it with. */
async function backfillCells(queryRunner: QueryRunner): Promise<void> {
  const rows = (await queryRunner.query(
    'SELECT id, lat, lng FROM customers WHERE lat IS NOT NULL AND lng IS NOT NULL',
  )) as Array<{ id: number; lat: number; lng: number }>;
  const byCell = new Map<number, number[]>();
  for (const r of rows) {
    const cell = gridCellOf({ lat: Number(r.lat), lng: Number(r.lng) });
    byCell.set(cell, [...(byCell.get(cell) ?? []), Number(r.id)]);
  }
  for (const [cell, ids] of byCell) {
    for (let i = 0; i < ids.length; i += BACKFILL_CHUNK) {
      const chunk = ids.slice(i, i + BACKFILL_CHUNK);
      await queryRunner.query(
        `UPDATE customers SET geo_cell = ? WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        [cell, ...chunk],
      );
    }
  }
}

export class Scale1765100000000 implements MigrationInterface {
  name = 'Scale1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each step checks first: MySQL cannot roll back DDL, so a run that died part-way must run again.
    if (!(await queryRunner.hasColumn('customers', GEO_CELL.name)))
      await queryRunner.addColumn('customers', new TableColumn(GEO_CELL));
    await backfillCells(queryRunner);
    for (const { table, index } of INDICES) {
      const existing = await queryRunner.getTable(table);
      if (!existing?.indices.some((i) => i.name === index.name)) await queryRunner.createIndex(table, index);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, index } of [...INDICES].reverse())
      await queryRunner.dropIndex(table, index.name ?? '');
    await queryRunner.dropColumn('customers', GEO_CELL.name);
  }
}
