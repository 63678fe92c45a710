import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import { rawQuery, type SqlParam } from './raw-sql';

/** A column's value to match; `null` matches IS NULL. */
type Condition = string | number | boolean | Date | null;

export interface LeanQuery<T> {
  /** Columns (by property name) equal to these values, all of them. */
  where: { [K in keyof T & string]?: Condition };
  orderBy?: ReadonlyArray<readonly [keyof T & string, 'ASC' | 'DESC']>;
  limit?: number;
}

interface Plan {
  sql: string;
  /** The columns the `?` placeholders bind, in order. */
  bound: ColumnMetadata[];
  columns: ColumnMetadata[];
}

const plans = new WeakMap<EntityManager['connection'], Map<string, Plan>>();

/**
 * `find` for the reads every event makes (an open visit, an open form, a setting): the same entity, the same
 * conversions of each value in and out (the driver's own `preparePersistentValue` / `prepareHydratedValue`),
 * without building the query anew each time. TypeORM's query builder and result mapping cost several times
 * the database's own work for a one-row read by index; here the SQL is built once per shape of query from
 * the entity's metadata and the row is mapped column by column.
 */
export async function leanFind<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntitySchema<T>,
  query: LeanQuery<T>,
): Promise<T[]> {
  const plan = planFor(manager, entity, query);
  const { driver } = manager.connection;
  const where = query.where as Record<string, Condition>;
  const params = plan.bound.map((column) =>
    driver.preparePersistentValue(where[column.propertyName], column),
  );
  const { rows } = await rawQuery<Record<string, unknown>>(manager, plan.sql, params as SqlParam[]);
  return rows.map((row) => {
    const entityRow: Record<string, unknown> = {};
    for (const column of plan.columns)
      entityRow[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
    return entityRow as T;
  });
}

export async function leanFindOne<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntitySchema<T>,
  query: Omit<LeanQuery<T>, 'limit'>,
): Promise<T | null> {
  return (await leanFind(manager, entity, { ...query, limit: 1 }))[0] ?? null;
}

function planFor<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntitySchema<T>,
  query: LeanQuery<T>,
): Plan {
  const connection = manager.connection;
  const where = query.where as Record<string, Condition>;
  const keys = Object.keys(where);
  const shape = [
    entity.options.name,
    keys.map((key) => (where[key] === null ? `${key} null` : key)).join(','),
    (query.orderBy ?? []).map(([key, direction]) => `${key} ${direction}`).join(','),
    query.limit ?? '',
  ].join('|');
  const cache = plans.get(connection) ?? new Map<string, Plan>();
  plans.set(connection, cache);
  const cached = cache.get(shape);
  if (cached) return cached;

  const metadata = connection.getMetadata(entity);
  const q = (name: string): string => connection.driver.escape(name);
  const columnOf = (key: string): ColumnMetadata => {
    const column = metadata.findColumnWithPropertyName(key);
    if (!column) throw new Error(`${metadata.name} has no column ${key}`);
    return column;
  };
  const conditions = keys.map((key) =>
    where[key] === null ? `${q(columnOf(key).databaseName)} IS NULL` : `${q(columnOf(key).databaseName)} = ?`,
  );
  const order = (query.orderBy ?? []).map(
    ([key, direction]) => `${q(columnOf(key).databaseName)} ${direction}`,
  );
  const sql = [
    `SELECT ${metadata.columns.map((column) => q(column.databaseName)).join(', ')} FROM ${q(metadata.tableName)}`,
    conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    order.length > 0 ? `ORDER BY ${order.join(', ')}` : '',
    query.limit !== undefined ? `LIMIT ${query.limit}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const plan: Plan = {
    sql,
    bound: keys.filter((key) => where[key] !== null).map(columnOf),
    columns: metadata.columns,
  };
  cache.set(shape, plan);
  return plan;
}
