import { addDays } from '../../domain/attendance/calendar';
import { gridCellOf } from '../../domain/geo/grid-cell';
import { SCALE_AREA, Writer, type ScaleOrg, type SeedContext } from './seed-kit';

const TEAMS_PER_REGION = 5;
const REPS_PER_TEAM = 10;
const CUSTOMERS_PER_REP = 55;
const VISIT_RESULTS = ['interested', 'follow_up', 'won', 'not_interested', null];

export interface SeededOrg extends ScaleOrg {
  /** People are numbered 1…people (the admin is 1). */
  people: number;
  departments: number;
  /** Each person's manager: who approves their requests. */
  bossOf: Map<number, number>;
}

export const customerName = (id: number): string => `客户${id}`;

/** Departments, people and leaders: a root (the admin) → regions → 5 teams of a manager and 10 reps. */
export async function seedOrg(ctx: SeedContext, regions: number): Promise<SeededOrg> {
  const { runner, T, rnd, pick, at, workdays, yearStart } = ctx;
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
  return { ...org, people: userId, departments: departmentId, bossOf };
}

/** ~55 customers per rep over Shenzhen, 80 % owned by a rep, the rest in the pool. */
export async function seedCustomers(
  ctx: SeedContext,
  org: SeededOrg,
): Promise<{ count: number; customersOf: (rep: number) => number[] }> {
  const { runner, T, rnd, int, pick, now, yearStart, lastDay } = ctx;
  // --- Customers: ~55 per rep, 80 % owned by a rep, the rest in the pool -----------------------------
  const customerCount = org.reps.length * CUSTOMERS_PER_REP;
  const customers = new Writer(
    runner,
    'customers',
    'id tenant_id name address lat lng geo_cell owner_user_id created_at phone phone_normalized normalized_name category last_follow_up_at owned_since next_visit_date created_by_user_id region',
  );
  const ownedBy = new Map<number, number[]>();
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
  return { count: customers.count, customersOf: (rep) => ownedBy.get(rep) ?? [1] };
}

/** Every person, every workday: two punches (some late) and a visit; 3 % of days off. */
export async function seedPunchesAndVisits(
  ctx: SeedContext,
  people: number,
  customersOf: (rep: number) => number[],
): Promise<{ punches: number; visits: number }> {
  const { runner, T, rnd, int, pick, at, workdays } = ctx;
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
          'im_sdk',
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
  return { punches: punches.count, visits: visits.count };
}
