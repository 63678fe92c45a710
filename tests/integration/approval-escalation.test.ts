import { createRepositories } from '../../storage/repositories';
import { TenantSettingsRepository } from '../../storage/repositories/tenant-settings.repository';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwescalation0001', token: 'escalationToken', aesKey: randomAesKey() };
const SECRET = 'escalation-secret';
const JOB = 'approval-escalation';
const T0 = new Date('2026-11-23T01:05:00Z'); // Monday 09:05 in Shanghai
const hoursAfter = (h: number, from = T0) => new Date(from.getTime() + h * 3_600_000);

let fake: FakeWecomApi;
let bot: TestBot;
let now = T0;
const { say, sentDuring } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7443000000000000000n,
});

/** Moves the clock to `at`, runs the job once as its cron tick would, and returns what reached WeCom. */
async function runJobAt(at: Date): Promise<Array<{ to: string; text: string }>> {
  now = at;
  return sentDuring(async () => expect(await bot.runJob(JOB)).toBe(true));
}

const escalationRows = async () =>
  (await bot.db.dataSource.query(
    "SELECT recipient, idempotency_key FROM outbox_messages WHERE idempotency_key LIKE 'apr-esc:%' ORDER BY id",
  )) as Array<{ recipient: string; idempotency_key: string }>;

const audits = async (requestId: number) =>
  (
    (await bot.db.dataSource.query(
      "SELECT subject, after_value FROM audit_log WHERE action = 'approval.escalated' AND subject LIKE ? ORDER BY id",
      [`approval:${requestId} %`],
    )) as Array<{ subject: string; after_value: string }>
  ).map((r) => ({
    subject: r.subject,
    after: JSON.parse(r.after_value) as { level: number; recipientIds: number[]; limitHours: number },
  }));

async function userIdOf(platformUserId: string): Promise<number> {
  const user = await createRepositories(bot.db.manager).users.findByIdentity({
    tenantId: app.corpId,
    platform: 'wecom',
    platformUserId,
  });
  if (!user) throw new Error(`no user ${platformUserId}`);
  return user.id;
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    tenantSeed(
      department('sales', '销售部', { Director: 'manager' }),
      department('east', '华东组', { Lead: 'manager', ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('a leave request left pending (default 24 h)', () => {
  it('is filed at 09:05 on Monday and waits for the direct manager', async () => {
    expect(await say('ZhangSan', '请假 11月25日-11月26日 年假 回老家')).toContain('已提交请假申请 #1');
    const repos = createRepositories(bot.db.manager);
    expect((await repos.approvals.listPending(app.corpId)).map((s) => s.request.id)).toEqual(['1']);
    expect(await repos.approvals.listPending('wwanothertenant1')).toEqual([]);
  });

  it('sends nothing at 23 h', async () => {
    expect(await runJobAt(hoursAfter(23))).toEqual([]);
    expect(await escalationRows()).toEqual([]);
  });

  it('reminds the approver at 25 h, once, with an audit entry', async () => {
    expect(await runJobAt(hoursAfter(25))).toEqual([
      {
        to: 'Lead',
        text: '⏰ 张三的请假申请 #1 已等待你审批超过24小时，请尽快处理：回复「同意 1」或「驳回 1 原因」。',
      },
    ]);
    const lead = await userIdOf('Lead');
    expect(await escalationRows()).toEqual([
      { recipient: 'Lead', idempotency_key: `apr-esc:1:1:manager:${lead}:1:${lead}` },
    ]);
    expect(await audits(1)).toEqual([
      {
        subject: `approval:1 escalation:1:manager:${lead}:1`,
        after: expect.objectContaining({ level: 1, recipientIds: [lead], limitHours: 24 }),
      },
    ]);
  });

  it('sends nothing new when the job runs again at 25 h or at 26 h', async () => {
    expect(await runJobAt(hoursAfter(25))).toEqual([]);
    expect(await runJobAt(hoursAfter(26))).toEqual([]);
    expect(await escalationRows()).toHaveLength(1);
    expect(await audits(1)).toHaveLength(1);
  });

  it("tells the approver's manager at 49 h, once", async () => {
    expect(await runJobAt(hoursAfter(49))).toEqual([
      {
        to: 'Director',
        text: '⚠ 张三的请假申请 #1 在「直属主管」李四处已超过48小时未处理，请督促或代为协调。',
      },
    ]);
    expect(await runJobAt(hoursAfter(49.5))).toEqual([]);
    const director = await userIdOf('Director');
    expect((await audits(1)).map((a) => [a.after.level, a.after.recipientIds])).toEqual([
      [1, [await userIdOf('Lead')]],
      [2, [director]],
    ]);
  });

  it('sends nothing more once the manager has approved', async () => {
    now = hoursAfter(50);
    expect(await say('Lead', '同意 1')).toBe('已同意申请 #1。');
    expect(await runJobAt(hoursAfter(73))).toEqual([]);
    expect(await runJobAt(hoursAfter(200))).toEqual([]);
    expect(await escalationRows()).toHaveLength(2);
  });
});

describe('a tenant limit of 4 h', () => {
  const T1 = new Date('2026-12-07T01:05:00Z'); // two weeks on, Monday 09:05 in Shanghai: after every run above

  it('reminds after 4 h and escalates after 8 h', async () => {
    now = T1;
    await bot.db.transaction((manager) =>
      createRepositories(manager).approvalSettings.write(app.corpId, { escalationHours: 4 }, now),
    );
    expect(await createRepositories(bot.db.manager).approvalSettings.read(app.corpId)).toEqual({
      escalationHours: 4,
    });
    expect(await say('ZhaoLiu', '请假 12月9日 事假 家里有事')).toContain('已提交请假申请 #2');

    expect(await runJobAt(hoursAfter(3.9, T1))).toEqual([]);
    expect(await runJobAt(hoursAfter(4.25, T1))).toEqual([
      {
        to: 'Lead',
        text: '⏰ 赵六的请假申请 #2 已等待你审批超过4小时，请尽快处理：回复「同意 2」或「驳回 2 原因」。',
      },
    ]);
    expect(await runJobAt(hoursAfter(7.75, T1))).toEqual([]);
    expect(await runJobAt(hoursAfter(8, T1))).toEqual([
      {
        to: 'Director',
        text: '⚠ 赵六的请假申请 #2 在「直属主管」李四处已超过8小时未处理，请督促或代为协调。',
      },
    ]);
    expect(await runJobAt(hoursAfter(30, T1))).toEqual([]);
    expect((await audits(2)).map((a) => [a.after.level, a.after.limitHours])).toEqual([
      [1, 4],
      [2, 4],
    ]);
  });
});

describe('the approvals settings group', () => {
  const tenantId = 'wwsettingsonly01';

  it('reads 24 h when the stored group does not validate, and keeps keys it does not know when written', async () => {
    await bot.db.transaction(async (manager) => {
      const raw = new TenantSettingsRepository(manager);
      const settings = createRepositories(manager).approvalSettings;
      expect(await settings.read(tenantId)).toEqual({ escalationHours: 24 });
      await raw.write(tenantId, 'approvals', { escalationHours: 0, noApprover: 'admins' }, now);
      expect(await settings.read(tenantId)).toEqual({ escalationHours: 24 });
      await settings.write(tenantId, { escalationHours: 6 }, now);
      expect(await raw.read(tenantId, 'approvals')).toEqual({ escalationHours: 6, noApprover: 'admins' });
    });
  });
});
