import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startFieldbot } from '../../bot/server';
import { FakeDingtalkApi } from '../support/fake-dingtalk-api';
import { fail, FakeWecomApi, type FakeWecomUser } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { freshDatabaseUrl } from '../support/test-database';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * The contacts sync end to end: the real bot reads a fake platform's address book through its real
 * clients (`runJob('contacts-sync')`), and what it stored is read back from the database and seen
 * through 团队考勤, sent like a user would.
 */
const JOB = 'contacts-sync';

type UserRow = {
  id: number;
  platform_user_id: string;
  name: string;
  role: string;
  role_source: string;
  department: string | null;
  active: boolean;
};

/** Departments as `key → [name, parent key]`. */
async function departmentsOf(
  bot: TestBot,
  tenantId: string,
): Promise<Record<string, [string, string | null]>> {
  const rows = (await bot.db.dataSource.query(
    'SELECT d.external_key AS k, d.name AS name, p.external_key AS parent FROM departments d LEFT JOIN departments p ON p.id = d.parent_id WHERE d.tenant_id = ? ORDER BY d.id',
    [tenantId],
  )) as Array<{ k: string; name: string; parent: string | null }>;
  return Object.fromEntries(rows.map((r) => [r.k, [r.name, r.parent]]));
}

async function usersOf(
  bot: TestBot,
  tenantId: string,
): Promise<Record<string, Omit<UserRow, 'platform_user_id'>>> {
  const rows = (await bot.db.dataSource.query(
    'SELECT u.id, u.platform_user_id, u.name, u.role, u.role_source, d.external_key AS department, u.active FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.tenant_id = ? ORDER BY u.id',
    [tenantId],
  )) as UserRow[];
  return Object.fromEntries(
    rows.map(({ platform_user_id, ...r }) => [
      platform_user_id,
      { ...r, id: Number(r.id), active: Boolean(Number(r.active)) },
    ]),
  );
}

/** Leaders as "department key:user id", sorted. */
async function leadersOf(bot: TestBot, tenantId: string): Promise<string[]> {
  const rows = (await bot.db.dataSource.query(
    'SELECT d.external_key AS k, u.platform_user_id AS u FROM department_leaders l JOIN departments d ON d.id = l.department_id JOIN users u ON u.id = l.user_id WHERE l.tenant_id = ?',
    [tenantId],
  )) as Array<{ k: string; u: string }>;
  return rows.map((r) => `${r.k}:${r.u}`).sort();
}

const pick = <T extends object, K extends keyof T>(o: T | undefined, ...keys: K[]) =>
  o ? Object.fromEntries(keys.map((k) => [k, o[k]])) : undefined;

describe('WeCom address book', () => {
  const app: WecomApp = { corpId: 'wwcontacts000001', token: 'contactsToken', aesKey: randomAesKey() };
  const SECRET = 'contacts-secret-not-real';
  let fake: FakeWecomApi;
  let bot: TestBot;
  const { say } = createWecomChat({
    bot: () => bot,
    fake: () => fake,
    app,
    msgIdBase: 7443000000000000000n,
  });

  const user = (
    userid: string,
    name: string,
    department: number[],
    more: Partial<FakeWecomUser> = {},
  ): FakeWecomUser => ({
    userid,
    name,
    department,
    is_leader_in_dept: department.map(() => 0),
    status: 1,
    ...more,
  });

  beforeAll(async () => {
    fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
    const apiBase = await fake.start();
    fake.contacts = {
      departments: [
        { id: 1, name: '示例公司', parentid: 0, order: 100000000, department_leader: ['Ceo'] },
        // Listed before its parent on purpose.
        { id: 3, name: '华东组', parentid: 2, order: 1 },
        { id: 2, name: '销售部', parentid: 1, order: 2, department_leader: ['Lead'] },
        { id: 4, name: '华南组', parentid: 2, order: 3 },
        { id: 5, name: '财务部', parentid: 1, order: 4 },
      ],
      users: [
        user('Ceo', '王总', [1]),
        user('Lead', '李四', [2], { is_leader_in_dept: [1] }),
        // Sits in 销售部 (the main department, listed second) but leads 华东组: the team is 华东组.
        user('EastLead', '周八', [3, 2], { main_department: 2, is_leader_in_dept: [1, 0] }),
        user('ZhangSan', '张三', [3]),
        user('ZhaoLiu', '赵六', [4], { status: 4 }), // not activated yet: still on the staff
        user('Accountant', '钱七', [5]),
        user('Disabled', '孙九', [4], { status: 2 }),
      ],
    };
    bot = await startTestBot({
      ...wecomEnv(app, SECRET, apiBase),
      ADMIN_USERS: 'Ceo',
    });
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.stop();
  });

  afterEach(() => {
    expect(fake.unexpected).toEqual([]);
    const logs = JSON.stringify(bot.logs);
    for (const token of fake.issuedTokens) expect(logs).not.toContain(token);
    expect(logs).not.toContain(SECRET);
  });

  it('does not sync at start when jobs are not scheduled (tests, simulator runs)', () => {
    expect(fake.requestsTo('/cgi-bin/department/list')).toEqual([]);
  });

  it('stores the departments, the people with roles and primary departments, and the leaders', async () => {
    expect(await bot.runJob(JOB)).toBe(true);
    expect(await departmentsOf(bot, app.corpId)).toEqual({
      '1': ['示例公司', null],
      '2': ['销售部', '1'],
      '3': ['华东组', '2'],
      '4': ['华南组', '2'],
      '5': ['财务部', '1'],
    });
    const users = await usersOf(bot, app.corpId);
    const view = (id: string) => pick(users[id], 'name', 'role', 'role_source', 'department', 'active');
    expect(view('Ceo')).toEqual({
      name: '王总',
      role: 'admin',
      role_source: 'admin',
      department: '1',
      active: true,
    });
    expect(view('Lead')).toEqual({
      name: '李四',
      role: 'manager',
      role_source: 'sync',
      department: '2',
      active: true,
    });
    expect(view('EastLead')).toEqual({
      name: '周八',
      role: 'manager',
      role_source: 'sync',
      department: '2',
      active: true,
    });
    expect(view('ZhangSan')).toEqual({
      name: '张三',
      role: 'rep',
      role_source: 'sync',
      department: '3',
      active: true,
    });
    expect(view('ZhaoLiu')).toEqual({
      name: '赵六',
      role: 'rep',
      role_source: 'sync',
      department: '4',
      active: true,
    });
    expect(view('Accountant')).toEqual({
      name: '钱七',
      role: 'rep',
      role_source: 'sync',
      department: '5',
      active: true,
    });
    expect(users.Disabled).toBeUndefined();
    expect(await leadersOf(bot, app.corpId)).toEqual(['1:Ceo', '2:Lead', '3:EastLead']);
    // One user/list call per department, each with the token WeCom issued.
    const listed = fake.requestsTo('/cgi-bin/user/list');
    expect(listed.map((r) => r.query.department_id)).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(listed.map((r) => r.query.access_token))).toEqual(new Set([fake.issuedTokens[0]]));
  });

  it('shows a manager exactly the subtree they lead in 团队考勤, and refuses a rep', async () => {
    const lead = await say('Lead', '团队考勤');
    expect(lead).toContain('共 3 人');
    for (const name of ['周八', '张三', '赵六']) expect(lead).toContain(name);
    for (const name of ['钱七', '王总', '李四']) expect(lead).not.toContain(name);

    // Leads 华东组 from 销售部: their own department's other people (李四, 赵六) are not their team.
    const east = await say('EastLead', '团队考勤');
    expect(east).toContain('共 1 人');
    expect(east).toContain('张三');
    for (const name of ['李四', '赵六', '钱七']) expect(east).not.toContain(name);

    expect(await say('ZhangSan', '团队考勤')).toBe(
      '「团队考勤」只有主管和管理员可以使用。你可以发送「今日考勤」查看自己的考勤。',
    );
  });

  it('finds nothing to change when the address book is the same', async () => {
    const before = await usersOf(bot, app.corpId);
    expect(await bot.runJob(JOB)).toBe(true);
    expect(await usersOf(bot, app.corpId)).toEqual(before);
    const synced = bot.logs.filter((l) => l.msg === 'contacts synced').at(-1);
    expect(synced).toMatchObject({
      tenant: app.corpId,
      platform: 'wecom',
      usersCreated: 0,
      usersUpdated: 0,
      usersDeactivated: 0,
      departmentsCreated: 0,
      departmentsUpdated: 0,
      leadersAdded: 0,
      leadersRemoved: 0,
    });
  });

  it('deactivates leavers keeping their records, and follows moves, renames and a change of leader', async () => {
    const before = await usersOf(bot, app.corpId);
    const handledBefore = (await bot.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM inbox_events WHERE user_id = 'ZhangSan'",
    )) as Array<{ n: number | string }>;
    const c = fake.contacts;
    c.users = c.users.filter((u) => u.userid !== 'ZhangSan');
    c.users = c.users.map((u) => (u.userid === 'Accountant' ? { ...u, status: 5 } : u));
    c.users = c.users.map((u) => (u.userid === 'Lead' ? { ...u, is_leader_in_dept: [0] } : u));
    c.users = c.users.map((u) =>
      u.userid === 'ZhaoLiu' ? { ...u, department: [3], is_leader_in_dept: [0], status: 1 } : u,
    );
    c.users.push(user('NewLead', '吴十', [2], { is_leader_in_dept: [1] }));
    c.departments = c.departments.map((d) =>
      d.id === 2
        ? { ...d, department_leader: ['NewLead'] }
        : d.id === 4
          ? { ...d, name: '华南大区', parentid: 1 }
          : d,
    );

    expect(await bot.runJob(JOB)).toBe(true);

    const after = await usersOf(bot, app.corpId);
    expect(pick(after.ZhangSan, 'id', 'name', 'active')).toEqual({
      id: before.ZhangSan?.id,
      name: '张三',
      active: false,
    });
    expect(pick(after.Accountant, 'id', 'active')).toEqual({ id: before.Accountant?.id, active: false });
    expect(pick(after.Lead, 'role', 'role_source', 'active')).toEqual({
      role: 'rep',
      role_source: 'sync',
      active: true,
    });
    expect(pick(after.NewLead, 'role', 'department')).toEqual({ role: 'manager', department: '2' });
    expect(after.ZhaoLiu?.department).toBe('3');
    expect((await departmentsOf(bot, app.corpId))['4']).toEqual(['华南大区', '1']);
    expect(await leadersOf(bot, app.corpId)).toEqual(['1:Ceo', '2:NewLead', '3:EastLead']);
    // Records stay with the person: nothing of theirs is deleted.
    expect(
      await bot.db.dataSource.query("SELECT COUNT(*) AS n FROM inbox_events WHERE user_id = 'ZhangSan'"),
    ).toEqual(handledBefore);

    const audit = (await bot.db.dataSource.query(
      "SELECT action, subject, before_value, after_value, actor_user_id FROM audit_log WHERE action LIKE 'org.sync.%' ORDER BY id",
    )) as Array<Record<string, unknown>>;
    expect(
      audit.map((a) => [
        a.action,
        String(a.subject).split(':').at(-1),
        a.before_value,
        a.after_value,
        a.actor_user_id,
      ]),
    ).toEqual([
      ['org.sync.role', 'Lead', '"manager"', '"rep"', null],
      ['org.sync.deactivate', 'ZhangSan', '{"active":true}', '{"active":false}', null],
      ['org.sync.deactivate', 'Accountant', '{"active":true}', '{"active":false}', null],
    ]);

    expect(await say('Lead', '团队考勤')).toBe(
      '「团队考勤」只有主管和管理员可以使用。你可以发送「今日考勤」查看自己的考勤。',
    );
    const team = await say('NewLead', '团队考勤');
    expect(team).toContain('共 3 人');
    for (const name of ['李四', '周八', '赵六']) expect(team).toContain(name);
    for (const name of ['张三', '钱七']) expect(team).not.toContain(name);
    // Someone who left keeps their records but is no longer served.
    expect(await say('ZhangSan', '今日考勤')).toBe('你的账号已停用，如有疑问请联系管理员。');
  });

  it('reactivates someone who left and came back, under the same user row', async () => {
    const before = await usersOf(bot, app.corpId);
    fake.contacts.users.push(user('ZhangSan', '张三', [4]));
    expect(await bot.runJob(JOB)).toBe(true);
    const after = await usersOf(bot, app.corpId);
    expect(pick(after.ZhangSan, 'id', 'active', 'department', 'role')).toEqual({
      id: before.ZhangSan?.id,
      active: true,
      department: '4',
      role: 'rep',
    });
    const actions = (await bot.db.dataSource.query(
      "SELECT action FROM audit_log WHERE action LIKE 'org.sync.%' ORDER BY id",
    )) as Array<{ action: string }>;
    expect(actions.at(-1)?.action).toBe('org.sync.reactivate');
    expect(await say('ZhangSan', '今日考勤')).toContain('今日考勤');
  });

  it('refreshes an expired token once and carries on', async () => {
    const tokens = fake.issuedTokens.length;
    fake.expireTokens();
    expect(await bot.runJob(JOB)).toBe(true);
    expect(fake.issuedTokens.length).toBe(tokens + 1);
  });

  it('changes nothing when WeCom refuses a call part-way', async () => {
    const before = await usersOf(bot, app.corpId);
    fake.contacts.users = fake.contacts.users.filter((u) => u.userid !== 'EastLead');
    fake.failNext('/cgi-bin/user/list', fail(60011, 'no privilege to access/modify contact/party/agent'));
    expect(await bot.runJob(JOB)).toBe(false);
    expect(await usersOf(bot, app.corpId)).toEqual(before);
    expect(JSON.stringify(bot.logs.filter((l) => l.msg === 'job run failed').at(-1))).toContain('60011');
  });

  it('refuses an address book that lists nobody instead of deactivating everyone', async () => {
    const before = await usersOf(bot, app.corpId);
    fake.contacts.users = [];
    expect(await bot.runJob(JOB)).toBe(false);
    expect(await usersOf(bot, app.corpId)).toEqual(before);
    expect(JSON.stringify(bot.logs.filter((l) => l.msg === 'job run failed').at(-1))).toContain(
      'visible range',
    );
  });
});

describe('start-up sync', () => {
  it('reads the address book once at start when jobs are scheduled', async () => {
    const app = { corpId: 'wwcontactsstart1', token: 'startToken', aesKey: randomAesKey() };
    const fake = new FakeWecomApi({ corpId: app.corpId, secret: 'start-secret' });
    const apiBase = await fake.start();
    fake.contacts = {
      departments: [{ id: 1, name: '示例公司', parentid: 0 }],
      users: [{ userid: 'Solo', name: '独行', department: [1], status: 1 }],
    };
    const bot = await startFieldbot({
      env: {
        PORT: '0',
        SIMULATOR: 'off',
        DATABASE_URL: await freshDatabaseUrl(),
        LINK_SECRET: 'test-link-secret-0123456789',
        MEDIA_DIR: mkdtempSync(join(tmpdir(), 'fieldbot-media-')),
        WECOM_CORP_ID: app.corpId,
        WECOM_AGENT_ID: '1000002',
        WECOM_SECRET: 'start-secret',
        WECOM_TOKEN: app.token,
        WECOM_AES_KEY: app.aesKey,
        WECOM_API_BASE: apiBase,
      },
      logger: pino({ level: 'silent' }),
    });
    try {
      for (
        let i = 0;
        i < 100 &&
        (await bot.db.dataSource.query("SELECT id FROM users WHERE platform_user_id = 'Solo'")).length === 0;
        i += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(fake.requestsTo('/cgi-bin/department/list')).toHaveLength(1);
      expect(await bot.db.dataSource.query("SELECT name FROM users WHERE platform_user_id = 'Solo'")).toEqual(
        [{ name: '独行' }],
      );
    } finally {
      await bot.close();
      await fake.stop();
    }
  });
});

describe('DingTalk address book', () => {
  const APP_KEY = 'dingcontactsappkey';
  const APP_SECRET = 'contacts-app-secret-not-real-9f2c';
  const CORP_ID = 'dingcontacts0000001';
  let api: FakeDingtalkApi;
  let bot: TestBot;

  const reps = ['R1', 'R2', 'R3', 'R4', 'R5'].map((id, i) => ({
    userid: id,
    name: `销售${i + 1}`,
    dept_id_list: [3],
    leader_in_dept: [{ dept_id: 3, leader: false }],
    active: true,
  }));

  beforeAll(async () => {
    api = new FakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET });
    await api.start();
    api.userPageLimit = 2; // five members of 一组 come in three pages
    api.contacts = {
      departments: [
        { dept_id: 1, name: '钉钉示例公司' },
        { dept_id: 2, name: '销售部', parent_id: 1 },
        { dept_id: 3, name: '一组', parent_id: 2 },
        { dept_id: 4, name: '二组', parent_id: 2 },
      ],
      users: [
        {
          userid: 'Boss',
          name: '老板',
          dept_id_list: [1],
          leader_in_dept: [{ dept_id: 1, leader: true }],
          active: true,
        },
        // Listed in two departments (and so twice), leading one of them.
        {
          userid: 'Manager',
          name: '经理',
          dept_id_list: [2, 4],
          leader_in_dept: [
            { dept_id: 2, leader: true },
            { dept_id: 4, leader: false },
          ],
          active: true,
        },
        ...reps,
        { userid: 'Newbie', name: '新人', dept_id_list: [4], active: false },
      ],
    };
    bot = await startTestBot({
      DINGTALK_APP_KEY: APP_KEY,
      DINGTALK_APP_SECRET: APP_SECRET,
      DINGTALK_ROBOT_CODE: 'dingrobotcontacts01',
      DINGTALK_CORP_ID: CORP_ID,
      DINGTALK_API_BASE: api.baseUrl,
      DINGTALK_OAPI_BASE: api.oapiBase,
    });
  });

  afterAll(async () => {
    await bot?.close();
    await api?.stop();
  });

  afterEach(() => {
    expect(api.unexpected).toEqual([]);
    const logs = JSON.stringify(bot.logs);
    for (const token of api.issuedTokens) expect(logs).not.toContain(token);
    expect(logs).not.toContain(APP_SECRET);
  });

  it('walks the department tree from the root and pages through the members', async () => {
    expect(await bot.runJob(JOB)).toBe(true);
    expect(await departmentsOf(bot, CORP_ID)).toEqual({
      '1': ['钉钉示例公司', null],
      '2': ['销售部', '1'],
      '3': ['一组', '2'],
      '4': ['二组', '2'],
    });
    const users = await usersOf(bot, CORP_ID);
    expect(Object.keys(users).sort()).toEqual(['Boss', 'Manager', 'Newbie', 'R1', 'R2', 'R3', 'R4', 'R5']);
    expect(pick(users.Boss, 'role', 'department')).toEqual({ role: 'manager', department: '1' });
    expect(pick(users.Manager, 'role', 'department')).toEqual({ role: 'manager', department: '2' });
    expect(pick(users.R3, 'name', 'role', 'department', 'active')).toEqual({
      name: '销售3',
      role: 'rep',
      department: '3',
      active: true,
    });
    expect(pick(users.Newbie, 'role', 'active')).toEqual({ role: 'rep', active: true });
    expect(await leadersOf(bot, CORP_ID)).toEqual(['1:Boss', '2:Manager']);

    const pages = api
      .requestsTo('/oapi/topapi/v2/user/list')
      .map((r) => JSON.parse(r.body.toString('utf8')) as { dept_id: number; cursor: number; size: number })
      .filter((b) => b.dept_id === 3);
    expect(pages).toEqual([
      { dept_id: 3, cursor: 0, size: 100 },
      { dept_id: 3, cursor: 2, size: 100 },
      { dept_id: 3, cursor: 4, size: 100 },
    ]);
    expect(
      api
        .requestsTo('/oapi/topapi/v2/department/listsub')
        .map((r) => (JSON.parse(r.body.toString('utf8')) as { dept_id: number }).dept_id),
    ).toEqual([1, 2, 3, 4]);
  });

  it('deactivates someone DingTalk no longer lists and demotes a manager who stopped leading, after a token refresh', async () => {
    const before = await usersOf(bot, CORP_ID);
    api.contacts.users = api.contacts.users
      .filter((u) => u.userid !== 'R2')
      .map((u) =>
        u.userid === 'Manager'
          ? { ...u, leader_in_dept: [] }
          : u.userid === 'R5'
            ? { ...u, leader_in_dept: [{ dept_id: 3, leader: true }] }
            : u,
      );
    api.expireTokens();
    expect(await bot.runJob(JOB)).toBe(true);
    const after = await usersOf(bot, CORP_ID);
    expect(pick(after.R2, 'id', 'active')).toEqual({ id: before.R2?.id, active: false });
    expect(after.Manager?.role).toBe('rep');
    expect(after.R5?.role).toBe('manager');
    expect(await leadersOf(bot, CORP_ID)).toEqual(['1:Boss', '3:R5']);
    expect(api.issuedTokens).toHaveLength(2);
  });
});
