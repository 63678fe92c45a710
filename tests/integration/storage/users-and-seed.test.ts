import { Database } from '../../../storage/database';
import { createRepositories } from '../../../storage/repositories';
import { CustomerEntity } from '../../../storage/entities/customer.entity';
import { DepartmentEntity } from '../../../storage/entities/department.entity';
import { UserEntity } from '../../../storage/entities/user.entity';
import { UserRepository, type UserIdentity } from '../../../storage/repositories/user.repository';
import { applySeed, DEMO_SEED_PATH, readSeedFile } from '../../../storage/seed/seed-file';
import { seedFileSchema, type SeedFile } from '../../../storage/seed/seed-schema';
import { freshDatabaseUrl } from '../../support/test-database';

const NOW = new Date('2026-03-01T23:59:58.123Z');

let db: Database;
let users: UserRepository;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  users = new UserRepository(db.manager);
});

afterAll(async () => {
  await db.close();
});

const wecom = (tenantId: string, platformUserId: string): UserIdentity => ({
  tenantId,
  platform: 'wecom',
  platformUserId,
});

describe('UserRepository.findOrCreate', () => {
  test('creates the user with the given role once', async () => {
    const first = await users.findOrCreate(wecom('t-users', 'ZhangSan'), 'admin', NOW);
    const second = await users.findOrCreate(wecom('t-users', 'ZhangSan'), 'rep', NOW);

    expect(first).toEqual({
      created: true,
      user: {
        id: expect.any(Number),
        tenantId: 't-users',
        platform: 'wecom',
        platformUserId: 'ZhangSan',
        name: null,
        role: 'admin',
        departmentId: null,
        createdAt: NOW,
        active: true,
      },
    });
    expect(second).toEqual({ created: false, user: first.user });
    expect(await db.manager.countBy(UserEntity, { tenantId: 't-users', platformUserId: 'ZhangSan' })).toBe(1);
  });

  test('never overrides a role stored by an import', async () => {
    await users.upsertFromImport(
      wecom('t-users', 'LiSi'),
      { name: '李四', role: 'manager', departmentId: null },
      NOW,
    );
    const { user, created } = await users.findOrCreate(wecom('t-users', 'LiSi'), 'admin', NOW);
    expect({ created, role: user.role, name: user.name }).toEqual({
      created: false,
      role: 'manager',
      name: '李四',
    });
  });

  test('the same platform user id in two tenants, or on two platforms, is two users', async () => {
    const a = await users.findOrCreate(wecom('t-a', 'WangWu'), 'rep', NOW);
    const b = await users.findOrCreate(wecom('t-b', 'WangWu'), 'approver', NOW);
    const c = await users.findOrCreate(
      { tenantId: 't-a', platform: 'dingtalk', platformUserId: 'WangWu' },
      'admin',
      NOW,
    );

    expect([a.created, b.created, c.created]).toEqual([true, true, true]);
    expect(new Set([a.user.id, b.user.id, c.user.id]).size).toBe(3);
    expect([a.user.role, b.user.role, c.user.role]).toEqual(['rep', 'approver', 'admin']);
    expect(await users.findById('t-b', a.user.id)).toBeNull();
    expect(await users.findById('t-a', a.user.id)).toEqual(a.user);
  });

  test('first messages from one new user arriving together create one user', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.transaction((manager) =>
          new UserRepository(manager).findOrCreate(wecom('t-race', 'ZhaoLiu'), 'rep', NOW),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.some((r) => r.created)).toBe(true);
    expect(await db.manager.countBy(UserEntity, { tenantId: 't-race' })).toBe(1);
  });
});

describe('applySeed', () => {
  const seed: SeedFile = seedFileSchema.parse({
    departments: [
      { key: 'sales', name: '销售部' },
      { key: 'sales-1', name: '销售一部', parent: 'sales' },
      { key: 'sales-1-east', name: '销售一部东区', parent: 'sales-1' },
      { key: 'finance', name: '财务部' },
    ],
    users: [
      { userId: 'ZhangSan', name: '张三', role: 'rep', department: 'sales-1-east' },
      { userId: 'LiSi', name: '李四', role: 'manager', department: 'sales-1' },
      { userId: 'WangWu', name: '王五', role: 'approver', department: 'finance' },
      { userId: 'Admin', name: '管理员', role: 'admin' },
    ],
    customers: [
      {
        name: '华为深圳',
        address: '深圳市龙岗区坂田街道华为基地',
        lat: 22.6543,
        lng: 114.0612,
        owner: 'ZhangSan',
      },
      { name: '无主客户' },
    ],
  });
  const tenant = { tenantId: 't-seed', platform: 'wecom' } as const;

  async function snapshot(tenantId: string) {
    const order = { id: 'ASC' } as const;
    return {
      departments: await db.manager.find(DepartmentEntity, { where: { tenantId }, order }),
      users: await db.manager.find(UserEntity, { where: { tenantId }, order }),
      customers: await db.manager.find(CustomerEntity, { where: { tenantId }, order }),
    };
  }

  test('stores the department tree, the users with roles and departments, and the customers with owners', async () => {
    await applySeed(db, seed, tenant, NOW);
    const { departments, users: rows, customers } = await snapshot('t-seed');

    const dept = new Map(departments.map((d) => [d.externalKey, d]));
    expect(departments.map((d) => ({ key: d.externalKey, name: d.name, parent: d.parentId }))).toEqual([
      { key: 'sales', name: '销售部', parent: null },
      { key: 'sales-1', name: '销售一部', parent: dept.get('sales')?.id },
      { key: 'sales-1-east', name: '销售一部东区', parent: dept.get('sales-1')?.id },
      { key: 'finance', name: '财务部', parent: null },
    ]);

    expect(
      rows.map((u) => ({
        userId: u.platformUserId,
        name: u.name,
        role: u.role,
        department: u.departmentId,
        platform: u.platform,
      })),
    ).toEqual([
      {
        userId: 'ZhangSan',
        name: '张三',
        role: 'rep',
        department: dept.get('sales-1-east')?.id,
        platform: 'wecom',
      },
      {
        userId: 'LiSi',
        name: '李四',
        role: 'manager',
        department: dept.get('sales-1')?.id,
        platform: 'wecom',
      },
      {
        userId: 'WangWu',
        name: '王五',
        role: 'approver',
        department: dept.get('finance')?.id,
        platform: 'wecom',
      },
      { userId: 'Admin', name: '管理员', role: 'admin', department: null, platform: 'wecom' },
    ]);

    const zhang = await users.findByIdentity(wecom('t-seed', 'ZhangSan'));
    expect(
      customers.map((c) => ({
        name: c.name,
        address: c.address,
        lat: c.lat,
        lng: c.lng,
        owner: c.ownerUserId,
      })),
    ).toEqual([
      {
        name: '华为深圳',
        address: '深圳市龙岗区坂田街道华为基地',
        lat: 22.6543,
        lng: 114.0612,
        owner: zhang?.id,
      },
      { name: '无主客户', address: null, lat: null, lng: null, owner: null },
    ]);
  });

  test('applying the same seed again changes nothing', async () => {
    const before = await snapshot('t-seed');
    await applySeed(db, seed, tenant, new Date(NOW.getTime() + 86_400_000));
    expect(await snapshot('t-seed')).toEqual(before);
  });

  test('a department naming an unknown parent fails clearly and stores nothing', async () => {
    const broken = seedFileSchema.parse({
      departments: [
        { key: 'ok', name: '正常部门' },
        { key: 'orphan', name: '孤儿部门', parent: 'nowhere' },
      ],
      users: [{ userId: 'Someone', name: '某人', role: 'rep', department: 'ok' }],
    });
    await expect(applySeed(db, broken, { tenantId: 't-broken', platform: 'wecom' }, NOW)).rejects.toThrow(
      'seed: department orphan names unknown parent nowhere',
    );
    expect(await snapshot('t-broken')).toEqual({ departments: [], users: [], customers: [] });
  });

  test('a parent listed after its child is reported too', async () => {
    const reversed = seedFileSchema.parse({
      departments: [
        { key: 'child', name: '子部门', parent: 'parent' },
        { key: 'parent', name: '父部门' },
      ],
    });
    await expect(applySeed(db, reversed, { tenantId: 't-reversed', platform: 'wecom' }, NOW)).rejects.toThrow(
      /department child names unknown parent parent/,
    );
  });

  test('the demo seed file applies to a tenant of its own', async () => {
    const demo = readSeedFile(DEMO_SEED_PATH);
    await applySeed(db, demo, { tenantId: 't-demo', platform: 'dingtalk' }, NOW);
    const { departments, users: rows, customers } = await snapshot('t-demo');
    expect([departments.length, rows.length, customers.length]).toEqual([
      demo.departments.length,
      demo.users.length,
      demo.customers.length,
    ]);
    expect(customers.every((c) => c.ownerUserId !== null)).toBe(true);
  });
});

describe('applySeed attendance rules', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(await freshDatabaseUrl());
  });
  afterAll(async () => db.close());

  const tenant = { tenantId: 'seed-attendance', platform: 'wecom' as const, timeZone: 'Asia/Shanghai' };
  const at = new Date('2026-11-23T00:00:00Z');
  const rules = {
    locations: [{ name: '总部', lat: 22.5431, lng: 114.0579 }],
    schedule: { mode: 'fixed', start: '08:30', end: '17:30' },
  };

  it('imports the rules once, audited, and leaves them alone when the file is unchanged', async () => {
    await applySeed(db, seedFileSchema.parse({ attendance: rules }), tenant, at);
    await applySeed(db, seedFileSchema.parse({ attendance: rules }), tenant, at);
    const settings = await createRepositories(db.manager).attendanceSettings.read(tenant.tenantId);
    expect(settings.schedule).toEqual({ mode: 'fixed', start: '08:30', end: '17:30' });
    expect(settings.locations).toEqual([{ name: '总部', lat: 22.5431, lng: 114.0579, radiusM: 300 }]);
    const audit = await createRepositories(db.manager).auditLog.listRecent(tenant.tenantId, 10);
    expect(audit.map((a) => a.action)).toEqual(['attendance.settings.import']);
  });

  it('stops on invalid rules, naming the field', async () => {
    const bad = seedFileSchema.parse({ attendance: { schedule: { mode: 'fixed', start: '25:00' } } });
    await expect(applySeed(db, bad, tenant, at)).rejects.toThrow(
      'seed: attendance is invalid: schedule.start',
    );
  });
});

describe('applySeed visit and pool rules', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(await freshDatabaseUrl());
  });
  afterAll(async () => db.close());

  const tenant = { tenantId: 'seed-visits', platform: 'wecom' as const };
  const at = new Date('2026-11-23T00:00:00Z');

  it('imports the rules with defaults for what the file leaves out, audited once', async () => {
    const rules = { recycleDays: 45, recycleDaysA: 90, protectWonCustomers: false, dailyClaimCap: 20 };
    await applySeed(db, seedFileSchema.parse({ visitSettings: rules }), tenant, at);
    await applySeed(db, seedFileSchema.parse({ visitSettings: rules }), tenant, at);
    const repos = createRepositories(db.manager);
    expect(await repos.visitSettings.read(tenant.tenantId)).toMatchObject({
      ...rules,
      radiusM: 500,
      claimCooldownDays: 7,
      protectOpenDeals: true,
    });
    const audit = await repos.auditLog.listRecent(tenant.tenantId, 10);
    expect(audit.map((a) => a.action)).toEqual(['visit.settings.import']);
  });

  it('stops on rules that contradict each other, naming the field', async () => {
    const bad = seedFileSchema.parse({ visitSettings: { recycleDaysC: 3, warnDaysBefore: 3 } });
    await expect(applySeed(db, bad, tenant, at)).rejects.toThrow(
      'seed: visitSettings is invalid: warnDaysBefore: must be below every recycle days',
    );
  });
});

describe('a role an admin set in chat', () => {
  it('survives the import file applied again at the next start', async () => {
    const db = await Database.open(await freshDatabaseUrl());
    try {
      const tenant = { tenantId: 'keep-admin-role', platform: 'wecom' as const };
      const seed = seedFileSchema.parse({ users: [{ userId: 'ZhangSan', name: '张三', role: 'rep' }] });
      const at = new Date('2026-11-23T00:00:00Z');
      await applySeed(db, seed, tenant, at);
      const users = createRepositories(db.manager).users;
      const stored = await users.findByIdentity({ ...tenant, platformUserId: 'ZhangSan' });
      await db.transaction((m) =>
        createRepositories(m).users.assignRoleByAdmin(tenant.tenantId, stored?.id ?? 0, 'manager'),
      );
      await applySeed(db, seed, tenant, at);
      expect((await users.findByIdentity({ ...tenant, platformUserId: 'ZhangSan' }))?.role).toBe('manager');
    } finally {
      await db.close();
    }
  });
});
