import { Table, TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Column shapes for migrations written with TypeORM's schema API, so one migration serves SQLite and
 * MySQL/MariaDB. A shipped migration must never change what it creates: change a column with a new
 * migration, never by editing these shapes.
 */
export const col = {
  id: (): TableColumnOptions => ({
    name: 'id',
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  }),
  tenant: (isPrimary = false): TableColumnOptions => ({
    name: 'tenant_id',
    type: 'varchar',
    length: '64',
    isPrimary,
  }),
  date: (name: string, isNullable = false): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable,
  }),
  str: (name: string, length: number, isNullable = false, def?: string): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
    default: def === undefined ? undefined : `'${def}'`,
  }),
  int: (name: string, isNullable = false, def?: number): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable,
    default: def,
  }),
  dbl: (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'double', isNullable }),
  bool: (name: string, def?: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def }),
  /** TEXT is 64 KB on MySQL; large payloads need LONGTEXT there. */
  text: (queryRunner: QueryRunner, name: string, isNullable = false, large = false): TableColumnOptions => ({
    name,
    type: large && queryRunner.connection.options.type === 'mysql' ? 'longtext' : 'text',
    isNullable,
  }),
};

export interface TableSpec {
  name: string;
  columns: TableColumnOptions[];
  indices?: Array<{ name: string; columnNames: string[]; isUnique?: boolean }>;
}

/**
 * Creates the tables with their indexes. An existing table is skipped together with its indexes: MySQL
 * cannot roll back DDL, so a run that died part-way must be able to run again.
 */
export async function createTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) {
    const table = new Table({ name: spec.name, columns: spec.columns });
    table.indices.push(...(spec.indices ?? []).map((i) => new TableIndex(i)));
    await queryRunner.createTable(table, true);
  }
}

export async function dropTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of [...specs].reverse()) await queryRunner.dropTable(spec.name, true);
}
