import { performance } from 'node:perf_hooks';
import type { QueryRunner } from 'typeorm';
import { addDays, isoWeekdayOf, localDateOf, zonedTimeToUtc } from '../../domain/attendance/calendar';
import { gridCellOf } from '../../domain/geo/grid-cell';
import { createDataSource } from '../../storage/data-source';
import { Database } from '../../storage/database';

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
export const SCALE_TENANT = 'wwscale000000001';
export const SCALE_ZONE = 'Asia/Shanghai';
/** Shenzhen, roughly 40 km × 45 km. */
export const SCALE_AREA = { minLat: 22.45, maxLat: 22.85, minLng: 113.75, maxLng: 114.35 };

const FULL_REGIONS = 36;
const TEAMS_PER_REGION = 5;
const REPS_PER_TEAM = 10;
const CUSTOMERS_PER_REP = 55;
const ORDERS_PER_PERSON = 100;
const OPPORTUNITIES_PER_PERSON = 25;
const APPROVALS_PER_PERSON = 10;
const DAILY_REPORT_DAYS = 30;
const BATCH_ROWS = 1000;
const OPEN_STAGES = ['初步接洽', '需求确认', '方案报价', '谈判审核'];
const VISIT_RESULTS = ['interested', 'follow_up', 'won', 'not_interested', null];
const PRODUCTS = [
  { code: 'A100', name: '净水器A100', unit: '台', priceFen: 199_900 },
  { code: 'B200', name: '滤芯B200', unit: '支', priceFen: 12_900 },
  { code: 'C300', name: '安装服务', unit: '次', priceFen: 30_000 },
];

export interface ScaleOrg {
  adminId: number;
  /** Region manager → everyone below them (5 team managers + 50 reps). */
  regionManagers: number[];
  /** Team manager → their 10 reps. */
  teamManagers: number[];
  reps: number[];
  departmentOf: Map<number, number>;
}

export interface SeedResult {
  org: ScaleOrg;
  /** The last seeded day: data runs through it. */
  lastDay: string;
  rows: Record<string, number>;
  seconds: number;
}

/** mulberry32: the same dataset on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

/** Rows of one table, flushed as multi-row INSERTs of BATCH_ROWS. */
class Writer {
  private rows: unknown[][] = [];
  count = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly table: string,
    /** Column names, separated by spaces. */
    private readonly columnList: string,
  ) {}

  private get columns(): string[] {
    return this.columnList.split(' ');
  }

  async add(row: unknown[]): Promise<void> {
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const one = `(${this.columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${this.rows.map(() => one).join(',')}`;
    const params = this.rows.flat();
    this.rows = [];
    await this.runner.query(sql, params);
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
  const rnd = seededRandom(9);
  const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const at = (day: string, minutes: number): Date =>
    new Date(zonedTimeToUtc(day, '00:00', SCALE_ZONE).getTime() + minutes * 60_000);
  const T = SCALE_TENANT;

  const lastDay = addDays(localDateOf(now, SCALE_ZONE), -1);
  const firstDay = addDays(lastDay, -364);
  const workdays = workdaysBetween(firstDay, lastDay);
  const yearStart = at(firstDay, 0);
  const regions = Math.max(2, Math.round(FULL_REGIONS / factor));

  // --- Org: departments, people, leaders ------------------------------------------------------------
  const departments = new Writer(runner, 'departments', 'id tenant_id external_key name parent_id');
  const users = new Writer(
    runner,
    'users',
    'id tenant_id platform platform_user_id name role department_id active created_at role_source',
  );
  const leaders = new Writer(runner, 'department_leaders', 'tenant_id department_id user_id');
  const org: ScaleOrg = {
    adminId: 1,
    regionManagers: [],
    teamManagers: [],
    reps: [],
    departmentOf: new Map(),
  };
  let userId = 0;
  let departmentId = 0;
  const bossOf = new Map<number, number>();
  const person = async (role: string, department: number, boss: number): Promise<number> => {
    userId += 1;
    org.departmentOf.set(userId, department);
    bossOf.set(userId, boss);
    const joined = rnd() < 0.9 ? yearStart : at(pick(workdays), 0);
    await users.add([
      userId,
      T,
      'wecom',
      `u${userId}`,
      `员工${userId}`,
      role,
      department,
      1,
      joined,
      'default',
    ]);
    return userId;
  };
  const root = ++departmentId;
  await departments.add([root, T, 'root', '总部', null]);
  await person('admin', root, 1);
  for (let r = 0; r < regions; r++) {
    const region = ++departmentId;
    await departments.add([region, T, `r${r}`, `大区${r + 1}`, root]);
    const regionManager = await person('manager', region, org.adminId);
    org.regionManagers.push(regionManager);
    await leaders.add([T, region, regionManager]);
    for (let t = 0; t < TEAMS_PER_REGION; t++) {
      const team = ++departmentId;
      await departments.add([team, T, `r${r}t${t}`, `大区${r + 1}-${t + 1}组`, region]);
      const teamManager = await person('manager', team, regionManager);
      org.teamManagers.push(teamManager);
      await leaders.add([T, team, teamManager]);
      for (let p = 0; p < REPS_PER_TEAM; p++) org.reps.push(await person('rep', team, teamManager));
    }
  }
  for (const w of [departments, users, leaders]) await w.flush();
  const people = userId;

  // --- Customers: ~55 per rep, 80 % owned by a rep, the rest in the pool -----------------------------
  const customerCount = org.reps.length * CUSTOMERS_PER_REP;
  const customers = new Writer(
    runner,
    'customers',
    'id tenant_id name address lat lng geo_cell owner_user_id created_at phone phone_normalized normalized_name category last_follow_up_at owned_since next_visit_date created_by_user_id region',
  );
  const ownedBy = new Map<number, number[]>();
  const customerName = (id: number): string => `客户${id}`;
  for (let id = 1; id <= customerCount; id++) {
    const lat = SCALE_AREA.minLat + rnd() * (SCALE_AREA.maxLat - SCALE_AREA.minLat);
    const lng = SCALE_AREA.minLng + rnd() * (SCALE_AREA.maxLng - SCALE_AREA.minLng);
    const owner = rnd() < 0.8 ? pick(org.reps) : null;
    const created = new Date(yearStart.getTime() + rnd() * (now.getTime() - yearStart.getTime()));
    const lastFollowUp = owner === null ? null : new Date(now.getTime() - rnd() * 30 * 86_400_000);
    const nextVisit = owner !== null && rnd() < 0.05 ? addDays(lastDay, int(-10, 14)) : null;
    if (owner !== null) ownedBy.set(owner, [...(ownedBy.get(owner) ?? []), id]);
    const phone = `138${String(id).padStart(8, '0')}`;
    await customers.add([
      id,
      T,
      `${customerName(id)}有限公司`,
      `深圳市第${id}号`,
      lat,
      lng,
      gridCellOf({ lat, lng }),
      owner,
      created,
      phone,
      phone,
      customerName(id),
      pick(['A', 'B', 'C', null]),
      lastFollowUp,
      owner === null ? null : created,
      nextVisit,
      owner !== null && rnd() < 0.6 ? owner : null,
      `片区${id % 20}`,
    ]);
  }
  await customers.flush();
  const customersOf = (rep: number): number[] => ownedBy.get(rep) ?? [1];

  // --- Punches and visits: every person, every workday ------------------------------------------------
  const punches = new Writer(
    runner,
    'punches',
    'tenant_id user_id kind work_date punched_at lat lng precision_m source place_name inside_geofence is_field distance_m status late_minutes early_minutes flags created_at',
  );
  const visits = new Writer(
    runner,
    'visits',
    'tenant_id user_id customer_id started_at ended_at lat lng distance_m off_site auto_closed note result',
  );
  for (let id = 1; id <= people; id++) {
    const mine = customersOf(id);
    for (const day of workdays) {
      if (rnd() < 0.03) continue; // a day off or forgotten
      const inAt = at(day, 8 * 60 + int(30, 70));
      const late = Math.max(0, Math.round((inAt.getTime() - at(day, 9 * 60).getTime()) / 60_000));
      const outAt = at(day, 18 * 60 + int(0, 45));
      for (const [kind, when, status, lateMinutes] of [
        ['in', inAt, late > 0 ? 'late' : 'normal', late],
        ['out', outAt, 'normal', 0],
      ] as const)
        await punches.add([
          T,
          id,
          kind,
          day,
          when,
          22.54 + rnd() * 0.01,
          114.05 + rnd() * 0.01,
          20,
          'device',
          '总部',
          1,
          0,
          int(5, 150),
          status,
          lateMinutes,
          0,
          '',
          when,
        ]);
      const start = at(day, 10 * 60 + int(0, 360));
      await visits.add([
        T,
        id,
        pick(mine),
        start,
        new Date(start.getTime() + int(20, 90) * 60_000),
        22.6,
        114.0,
        int(5, 400),
        0,
        0,
        rnd() < 0.3 ? '客户关注价格' : null,
        pick(VISIT_RESULTS),
      ]);
    }
  }
  await punches.flush();
  await visits.flush();

  // --- Orders and payments ------------------------------------------------------------------------------
  const orders = new Writer(
    runner,
    'orders',
    'tenant_id customer_id customer_name rep_user_id department_id status discount_mode discount_value lines_json subtotal_fen discount_fen total_fen paid_fen command_text created_at submitted_at confirmed_at shipped_at completed_at closed_at',
  );
  const payments = new Writer(
    runner,
    'payments',
    'tenant_id customer_id order_id rep_user_id recorded_by amount_fen received_on received_at created_at',
  );
  let orderId = 0;
  for (let id = 1; id <= people; id++) {
    const mine = customersOf(id);
    for (let n = 0; n < ORDERS_PER_PERSON; n++) {
      orderId += 1;
      const customer = pick(mine);
      const product = pick(PRODUCTS);
      const qty = int(1, 20);
      const total = product.priceFen * qty;
      const day = pick(workdays);
      const submitted = at(day, int(9 * 60, 19 * 60));
      const ageDays = (now.getTime() - submitted.getTime()) / 86_400_000;
      const roll = rnd();
      const status =
        roll < 0.04
          ? 'cancelled'
          : roll < 0.07
            ? 'pending_approval'
            : ageDays > 20
              ? 'completed'
              : ageDays > 5
                ? 'shipped'
                : 'confirmed';
      const sold = status === 'confirmed' || status === 'shipped' || status === 'completed';
      const shipped =
        status === 'shipped' || status === 'completed'
          ? new Date(submitted.getTime() + 3 * 86_400_000)
          : null;
      const completed = status === 'completed' ? new Date(submitted.getTime() + 15 * 86_400_000) : null;
      const paid = status === 'completed' ? total : 0;
      const line = { ...product, unitPriceFen: product.priceFen, qty, lineFen: total };
      await orders.add([
        T,
        customer,
        `${customerName(customer)}有限公司`,
        id,
        org.departmentOf.get(id),
        status,
        'none',
        0,
        JSON.stringify([
          {
            code: line.code,
            name: line.name,
            unit: line.unit,
            unitPriceFen: line.unitPriceFen,
            qty,
            lineFen: total,
          },
        ]),
        total,
        0,
        total,
        paid,
        `下单 ${customerName(customer)} ${product.name}×${qty}`,
        submitted,
        submitted,
        sold ? submitted : null,
        shipped,
        completed,
        status === 'cancelled' ? submitted : completed,
      ]);
      if (completed)
        await payments.add([
          T,
          customer,
          orderId,
          id,
          id,
          total,
          localDateOf(completed, SCALE_ZONE),
          completed,
          completed,
        ]);
    }
  }
  await orders.flush();
  await payments.flush();

  // --- Opportunities and their stage moves --------------------------------------------------------------
  const opportunities = new Writer(
    runner,
    'opportunities',
    'id tenant_id customer_id owner_user_id amount_fen stage_key status stage_entered_at lost_reason version created_by_user_id created_at closed_at',
  );
  const moves = new Writer(
    runner,
    'opportunity_stage_moves',
    'tenant_id opportunity_id from_stage to_stage moved_at user_id amount_fen days_in_from_stage lost_reason',
  );
  let opportunityId = 0;
  for (let id = 1; id <= people; id++) {
    for (let n = 0; n < OPPORTUNITIES_PER_PERSON; n++) {
      opportunityId += 1;
      const created = at(pick(workdays), int(9 * 60, 18 * 60));
      const amount = int(1, 500) * 100_000;
      // Deals older than a quarter are mostly closed; open ones entered their stage within four weeks.
      const ageMs = Math.max(0, now.getTime() - created.getTime());
      const closedShare = ageMs > 90 * 86_400_000 ? 0.9 : 0.3;
      const roll = rnd();
      const stage = roll < closedShare / 2 ? '赢单' : roll < closedShare ? '输单' : pick(OPEN_STAGES);
      const status = stage === '赢单' ? 'won' : stage === '输单' ? 'lost' : 'open';
      const entered =
        status === 'open'
          ? new Date(now.getTime() - rnd() * Math.min(ageMs, 28 * 86_400_000))
          : new Date(created.getTime() + rnd() * Math.min(ageMs, 90 * 86_400_000));
      const lost = status === 'lost' ? '价格太高' : null;
      await opportunities.add([
        opportunityId,
        T,
        pick(customersOf(id)),
        id,
        amount,
        stage,
        status,
        entered,
        lost,
        2,
        id,
        created,
        status === 'open' ? null : entered,
      ]);
      await moves.add([T, opportunityId, null, OPEN_STAGES[0], created, id, amount, null, null]);
      if (stage !== OPEN_STAGES[0])
        await moves.add([
          T,
          opportunityId,
          OPEN_STAGES[0],
          stage,
          entered,
          id,
          amount,
          Math.floor((entered.getTime() - created.getTime()) / 86_400_000),
          lost,
        ]);
    }
  }
  await opportunities.flush();
  await moves.flush();

  // --- Approvals: expenses, a few still pending ---------------------------------------------------------
  const requests = new Writer(
    runner,
    'approval_requests',
    'id tenant_id requester_user_id type status state version created_at updated_at',
  );
  const tasks = new Writer(
    runner,
    'approval_tasks',
    'tenant_id request_id step_id approver_user_id started_at',
  );
  let requestId = 0;
  for (let id = 2; id <= people; id++) {
    const approver = bossOf.get(id) ?? org.adminId;
    for (let n = 0; n < APPROVALS_PER_PERSON; n++) {
      requestId += 1;
      const submitted = at(pick(workdays), int(9 * 60, 18 * 60));
      const recent = now.getTime() - submitted.getTime() < 5 * 86_400_000;
      const status = recent && rnd() < 0.5 ? 'pending' : rnd() < 0.9 ? 'approved' : 'rejected';
      const closed = status === 'pending' ? null : new Date(submitted.getTime() + 3_600_000);
      const state = {
        request: {
          id: String(requestId),
          requesterId: id,
          departmentId: org.departmentOf.get(id) ?? null,
          form: {
            type: 'expense',
            amountFen: int(1000, 200_000),
            category: '交通费',
            note: '',
            receiptPhotoKeys: [],
          },
        },
        status,
        version: 2,
        round: 1,
        flow: { definitionId: 'default', definitionVersion: 1, resubmitFrom: 'first_step' },
        steps: [
          {
            id: 's1',
            name: '直属主管',
            mode: 'any',
            approverIds: [approver],
            fallback: null,
            status: status === 'pending' ? 'pending' : status,
            skip: null,
            startedAt: submitted,
            closedAt: closed,
            decisions:
              status === 'pending'
                ? []
                : [
                    {
                      approverId: approver,
                      decision: status === 'approved' ? 'approve' : 'reject',
                      reason: null,
                      at: closed,
                      carriedFromStepId: null,
                    },
                  ],
          },
        ],
        ccIds: [],
        submittedAt: submitted,
        closedAt: closed,
      };
      await requests.add([
        requestId,
        T,
        id,
        'expense',
        status,
        JSON.stringify(state),
        2,
        submitted,
        closed ?? submitted,
      ]);
      if (status === 'pending') await tasks.add([T, requestId, 's1', approver, submitted]);
    }
  }
  await requests.flush();
  await tasks.flush();

  // --- Targets (monthly order amount, people and departments) and a month of 日报 -----------------------
  const targets = new Writer(
    runner,
    'targets',
    'tenant_id subject_kind subject_id measure period_kind period_key start_date end_date value set_by updated_at',
  );
  const nextMonth = (month: string): string => addDays(`${month}-28`, 5).slice(0, 7);
  const monthEnd = (month: string): string => addDays(`${nextMonth(month)}-01`, -1);
  const months: string[] = [];
  for (let m = firstDay.slice(0, 7); m <= lastDay.slice(0, 7); m = nextMonth(m)) months.push(m);
  for (const month of months) {
    for (let id = 1; id <= people; id++)
      await targets.add([
        T,
        'user',
        id,
        'order_amount',
        'month',
        month,
        `${month}-01`,
        monthEnd(month),
        int(50, 300) * 1_000_000,
        1,
        yearStart,
      ]);
    for (let d = 1; d <= departmentId; d++)
      await targets.add([
        T,
        'department',
        d,
        'order_amount',
        'month',
        month,
        `${month}-01`,
        monthEnd(month),
        int(500, 3000) * 1_000_000,
        1,
        yearStart,
      ]);
  }
  await targets.flush();
  const reports = new Writer(
    runner,
    'daily_reports',
    'tenant_id user_id report_date status activity plan problems submitted_at created_at updated_at',
  );
  for (const day of workdays.slice(-Math.round((DAILY_REPORT_DAYS * 5) / 7)))
    for (let id = 1; id <= people; id++) {
      if (rnd() < 0.2) continue;
      const submitted = at(day, 18 * 60 + int(0, 120));
      await reports.add([
        T,
        id,
        day,
        'submitted',
        JSON.stringify(['拜访客户']),
        '继续跟进',
        null,
        submitted,
        submitted,
        submitted,
      ]);
    }
  await reports.flush();

  const rows = {
    users: people,
    departments: departmentId,
    customers: customers.count,
    punches: punches.count,
    visits: visits.count,
    orders: orders.count,
    payments: payments.count,
    opportunities: opportunities.count,
    opportunityStageMoves: moves.count,
    approvalRequests: requests.count,
    targets: targets.count,
    dailyReports: reports.count,
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
