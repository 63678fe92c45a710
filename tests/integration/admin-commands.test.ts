import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { storePerson } from '../support/record-builders';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwadmincmds0001', token: 'adminToken', aesKey: randomAesKey() };
const SECRET = 'admin-secret';
/** Another company in the same database: none of its people or audit entries may show up here. */
const OTHER_TENANT = 'wwothercorp0002';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const { say } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7442000000000000000n,
});

const repos = () => createRepositories(bot.db.manager);
async function userRow(platformUserId: string): Promise<{ role: string; role_source: string }> {
  const rows = (await bot.db.dataSource.query(
    'SELECT role, role_source FROM users WHERE tenant_id = ? AND platform_user_id = ?',
    [app.corpId, platformUserId],
  )) as Array<{ role: string; role_source: string }>;
  if (!rows[0]) throw new Error(`no user ${platformUserId}`);
  return rows[0];
}
const roleAudits = async () =>
  (await bot.db.dataSource.query(
    "SELECT tenant_id, actor_user_id, subject, before_value, after_value FROM audit_log WHERE action = 'org.role.set' ORDER BY id",
  )) as Array<{ tenant_id: string; subject: string; before_value: string; after_value: string }>;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    {
      ...wecomEnv(app, SECRET, apiBase),
      ADMIN_USERS: 'Boss',
    },
    tenantSeed(
      department('sales', '销售部', {
        Boss: 'admin',
        ZhangSan: 'rep',
        ZhangSanB: ['张三', 'rep'],
        WangWu: 'rep',
      }),
      {
        attendance: { schedule: { mode: 'fixed', start: '08:30', end: '17:30' } },
      },
    ),
    () => now,
  );
  // The other company: an admin, a person only it has, and one of its audit entries.
  const other = repos();
  const at = new Date('2026-11-23T01:30:00Z');
  for (const [userId, name, role] of [
    ['OtherBoss', '外司管理员', 'admin'],
    ['Stranger', '赵六', 'rep'],
    ['WangWu2', '王五', 'rep'],
  ] as const)
    await storePerson(other, { tenantId: OTHER_TENANT, userId }, { name, role, at });
  await other.auditLog.append({
    tenantId: OTHER_TENANT,
    actorUserId: null,
    action: 'attendance.location.set',
    subject: 'other-company-secret',
    before: undefined,
    after: undefined,
    at,
  });
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('admin-only commands', () => {
  it.each(['管理 帮助', '设置角色 王五 主管', '审计 最近'])('refuses a rep: %s', async (command) => {
    const word = command.split(' ')[0];
    expect(await say('ZhangSan', command)).toBe(`「${word}」只有管理员可以使用。如需使用，请联系管理员。`);
  });

  it('writes nothing when a rep tries', async () => {
    expect(await roleAudits()).toEqual([]);
    expect(await userRow('WangWu')).toEqual({ role: 'rep', role_source: 'import' });
  });
});

describe('管理 帮助', () => {
  it('lists every admin-only command with its usage in one message, and no rep or manager command', async () => {
    const answer = await say('Boss', '管理 帮助');
    expect(answer).toContain('### 管理员命令');
    for (const usage of [
      '管理 帮助',
      '设置角色 张三 主管',
      '审计 最近 10',
      '设置考勤地点 总部 22.5431,114.0579 300米',
      '考勤设置',
      '导出考勤 本月',
    ]) {
      expect(answer).toContain(`- ${usage}`);
    }
    expect(answer).not.toContain('团队考勤');
    expect(answer).not.toContain('- 签到');
    expect(answer).not.toContain('- 请假');
    expect(Buffer.byteLength(answer, 'utf8')).toBeLessThanOrEqual(2048);
  });

  it("shows up in the admin's 帮助 but not in a rep's", async () => {
    expect(await say('Boss', '帮助')).toContain('设置角色');
    expect(await say('Boss', '帮助 管理')).toContain('**设置角色 张三 主管**');
    expect(await say('ZhangSan', '帮助')).not.toContain('设置角色');
  });
});

describe('设置角色', () => {
  it('sets a role by display name, pinned against the contacts sync and audited', async () => {
    now = new Date('2026-11-23T01:10:00Z');
    expect(await say('Boss', '设置角色 王五 主管')).toBe(
      '王五（WangWu）的角色已从销售改为主管。这是管理员设置，通讯录同步不会再更改。',
    );
    expect(await userRow('WangWu')).toEqual({ role: 'manager', role_source: 'admin' });
    const [row] = await roleAudits();
    expect(row?.tenant_id).toBe(app.corpId);
    expect(row?.subject).toMatch(/^user:\d+:WangWu$/);
    expect(JSON.parse(row?.before_value ?? '{}')).toEqual({ role: 'rep', roleSource: 'import' });
    expect(JSON.parse(row?.after_value ?? '{}')).toEqual({ role: 'manager', roleSource: 'admin' });
  });

  it('sets a role by platform user id (case-insensitive)', async () => {
    now = new Date('2026-11-23T01:20:00Z');
    expect(await say('Boss', '设置角色 zhangsanb 审批人')).toBe(
      '张三（ZhangSanB）的角色已从销售改为审批人。这是管理员设置，通讯录同步不会再更改。',
    );
    expect(await userRow('ZhangSanB')).toEqual({ role: 'approver', role_source: 'admin' });
    expect(await userRow('ZhangSan')).toEqual({ role: 'rep', role_source: 'import' });
  });

  it('lists the matches of an ambiguous name and asks for the id', async () => {
    const answer = await say('Boss', '设置角色 张三 主管');
    expect(answer).toBe(
      '有2位同事叫「张三」：\n- 张三（ZhangSan） 销售\n- 张三（ZhangSanB） 审批人\n请改用用户ID，例如：设置角色 ZhangSan 主管',
    );
  });

  it('says so for an unknown person, including people of another company', async () => {
    expect(await say('Boss', '设置角色 Nobody 主管')).toBe(
      '本单位没有找到「Nobody」。请检查姓名，或改用用户ID。',
    );
    expect(await say('Boss', '设置角色 Stranger 主管')).toContain('本单位没有找到「Stranger」');
    expect(await say('Boss', '设置角色 赵六 主管')).toContain('本单位没有找到「赵六」');
  });

  it('answers a malformed command with the right form', async () => {
    expect(await say('Boss', '设置角色 王五 老板')).toBe(
      '没看懂「设置角色 王五 老板」。正确格式：设置角色 <姓名或用户ID> <销售|主管|审批人|管理员>\n例如：设置角色 张三 主管',
    );
  });

  it('keeps the last admin from removing their own admin role', async () => {
    const before = (await roleAudits()).length;
    expect(await say('Boss', '设置角色 Boss 销售')).toBe(
      '你是本单位唯一的管理员，不能取消自己的管理员角色。请先把另一位同事设为管理员。',
    );
    expect(await userRow('Boss')).toEqual({ role: 'admin', role_source: 'import' });
    expect(await roleAudits()).toHaveLength(before);
  });

  it('never touched the other company', async () => {
    const rows = (await bot.db.dataSource.query(
      'SELECT platform_user_id, role FROM users WHERE tenant_id = ? ORDER BY platform_user_id',
      [OTHER_TENANT],
    )) as Array<{ platform_user_id: string; role: string }>;
    expect(rows).toEqual([
      { platform_user_id: 'OtherBoss', role: 'admin' },
      { platform_user_id: 'Stranger', role: 'rep' },
      { platform_user_id: 'WangWu2', role: 'rep' },
    ]);
    expect((await roleAudits()).every((r) => r.tenant_id === app.corpId)).toBe(true);
  });
});

describe('审计 最近', () => {
  it("shows the tenant's entries newest first, one line each, with Chinese labels", async () => {
    now = new Date('2026-11-23T01:40:00Z');
    expect(await say('Boss', '设置上班时间 09:00-18:00')).toContain('已设置上班时间');
    const answer = await say('Boss', '审计 最近');
    expect(answer.split('\n')).toEqual([
      '### 最近4条审计记录',
      '- 11月23日 09:40 王总 设置上班时间 attendance',
      '- 11月23日 09:20 王总 设置角色 张三',
      '- 11月23日 09:10 王总 设置角色 王五',
      '- 11月23日 09:00 系统 导入考勤规则 attendance',
    ]);
    expect(answer).not.toContain('other-company-secret');
  });

  it('limits to N entries and refuses more than 50', async () => {
    const answer = await say('Boss', '审计 最近 2');
    expect(answer.split('\n')).toHaveLength(3);
    expect(answer).toContain('设置上班时间');
    expect(answer).not.toContain('导入考勤规则');
    expect(await say('Boss', '审计 最近 51')).toBe(
      '没看懂「审计 最近 51」。正确格式：审计 最近 [条数，最多50]\n例如：审计 最近 20',
    );
  });

  it("keeps the other company's history to itself", async () => {
    const theirs = await repos().auditLog.listRecent(OTHER_TENANT, 50);
    expect(theirs.map((e) => e.subject)).toEqual(['other-company-secret']);
    const ours = await repos().auditLog.listRecent(app.corpId, 50);
    expect(ours.every((e) => e.tenantId === app.corpId)).toBe(true);
  });
});

describe('a second admin', () => {
  it('lets the former last admin step down once another admin exists', async () => {
    now = new Date('2026-11-23T01:50:00Z');
    expect(await say('Boss', '设置角色 王五 管理员')).toContain('已从主管改为管理员');
    expect(await say('Boss', '设置角色 Boss 主管')).toContain('王总（Boss）的角色已从管理员改为主管');
    expect(await say('Boss', '审计 最近')).toBe('「审计」只有管理员可以使用。如需使用，请联系管理员。');
    expect(await say('WangWu', '审计 最近 1')).toContain('- 11月23日 09:50 王总 设置角色 王总');
  });
});
