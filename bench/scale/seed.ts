import { performance } from 'node:perf_hooks';
import { addDays, isoWeekdayOf, localDateOf } from '../../domain/attendance/calendar';
import { createDataSource } from '../../storage/data-source';
import { Database } from '../../storage/database';
import { SCALE_ZONE, seedContext, type ScaleOrg } from './seed-kit';
import { seedCustomers, seedOrg, seedPunchesAndVisits } from './seed-people';
import { seedApprovals, seedOpportunities, seedOrders, seedTargetsAndReports } from './seed-sales';

/**
 * The scale suite's dataset (issue 9, suite 8): one tenant of about 2,000 people and a year of their work,
 * written with multi-row INSERTs into the tables the real migrations create (the database is emptied and
 * migrated first). SCALE_FACTOR=20 seeds 1/20 of it (fewer regions, same shape per person) for iterating.
 *
 * Org: a root (the admin) → REGIONS regions (大区, one manager each) → 5 teams each (one manager, 10 reps).
 * Per person over the year's workdays: 2 punches a day, 1 visit a day, ~100 orders (paid when completed),
 * 25 opportunities with their stage moves, 10 approvals; per rep ~50 customers; a month of 日报; monthly
 * order-amount targets for everyone and every department.
 */

const FULL_REGIONS = 36;

export interface SeedResult {
  org: ScaleOrg;
  /** The last seeded day: data runs through it. */
  lastDay: string;
  rows: Record<string, number>;
  seconds: number;
}

/** Only a database named in SCALE_DATABASE_URL with "scale" in its name is ever emptied. */
export function scaleDatabaseUrl(): string {
  const url = process.env.SCALE_DATABASE_URL;
  if (!url || !/^(mysql|mariadb):\/\//.test(url))
    throw new Error('set SCALE_DATABASE_URL=mysql://…/<database> (a MariaDB database this run may empty)');
  const name = new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.replace(/^\//, '');
  if (!/scale/i.test(name))
    throw new Error(`refusing to empty "${name}": the scale database's name must contain "scale"`);
  return url;
}

/** Drops every table, without running migrations first (a half-migrated database must be emptied too). */
async function emptyDatabase(url: string): Promise<void> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const expected = new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.replace(/^\//, '');
    const [{ name }] = (await dataSource.query('SELECT DATABASE() AS name')) as [{ name: string }];
    if (name !== expected) throw new Error(`connected to "${name}", not "${expected}"`);
    const tables = (await dataSource.query('SHOW TABLES')) as Array<Record<string, string>>;
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const row of tables) await dataSource.query(`DROP TABLE \`${Object.values(row)[0]}\``);
  } finally {
    await dataSource.destroy();
  }
}

function workdaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekdayOf(d) <= 5) days.push(d);
  return days;
}

export async function seedScale(url: string, factor: number, now: Date): Promise<SeedResult> {
  const started = performance.now();
  await emptyDatabase(url);
  const db = await Database.open(url); // runs every migration on the empty database
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  const lastDay = addDays(localDateOf(now, SCALE_ZONE), -1);
  const firstDay = addDays(lastDay, -364);
  const ctx = seedContext(runner, now, { firstDay, lastDay, workdays: workdaysBetween(firstDay, lastDay) });

  const org = await seedOrg(ctx, Math.max(2, Math.round(FULL_REGIONS / factor)));
  const customers = await seedCustomers(ctx, org);
  const field = await seedPunchesAndVisits(ctx, org.people, customers.customersOf);
  const sales = await seedOrders(ctx, org, customers.customersOf);
  const pipeline = await seedOpportunities(ctx, org.people, customers.customersOf);
  const approvalRequests = await seedApprovals(ctx, org);
  const plans = await seedTargetsAndReports(ctx, org);

  const rows = {
    users: org.people,
    departments: org.departments,
    customers: customers.count,
    punches: field.punches,
    visits: field.visits,
    orders: sales.orders,
    payments: sales.payments,
    opportunities: pipeline.opportunities,
    opportunityStageMoves: pipeline.moves,
    approvalRequests,
    targets: plans.targets,
    dailyReports: plans.reports,
  };
  for (const table of [
    'customers',
    'punches',
    'visits',
    'orders',
    'payments',
    'opportunities',
    'opportunity_stage_moves',
    'approval_requests',
    'targets',
    'daily_reports',
    'users',
  ])
    await runner.query(`ANALYZE TABLE ${table}`);
  await runner.release();
  await db.close();
  return { org, lastDay, rows, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
