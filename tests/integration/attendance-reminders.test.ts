import { attendanceSettingsSchema, type AttendanceSettings } from '../../domain/attendance/settings';
import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { storePerson } from '../support/record-builders';
import { department, people, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwreminders00001', token: 'remindersToken', aesKey: randomAesKey() };
const SECRET = 'reminders-secret';
const HQ = { lat: 22.5431, lng: 114.0579 };
const JOB = 'attendance-reminders';
/** A second tenant (DingTalk, not configured here: its rows are checked in the outbox, not delivered). */
const NY_TENANT = 'dingreminders-ny';

let fake: FakeWecomApi;
let bot: TestBot;
/** Business time of the bot. Dates are in the past on purpose: the outbox sends a row once its due time has come. */
let now = new Date('2026-11-16T00:30:00Z'); // Monday 08:30 in Shanghai

const { punchViaPage, sentDuring } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7442000000000000000n,
});

/** 签到/签退 through the H5 page with a device fix at the office, at business time `iso`. */
async function punchAt(iso: string, user: string, command: '签到' | '签退'): Promise<void> {
  now = new Date(iso);
  expect(await punchViaPage(user, command, HQ)).toContain(
    command === '签到' ? '上班签到成功' : '下班签退成功',
  );
}

/**
 * Moves the clock to `iso`, runs the job once as its cron tick would, and returns what reached WeCom.
 * State changes come before the clock moves, so a real cron tick meanwhile decides the same as this run.
 */
async function runRemindersAt(iso: string): Promise<Array<{ to: string; text: string }>> {
  now = new Date(iso);
  return sentDuring(async () => expect(await bot.runJob(JOB)).toBe(true));
}

const reminderRows = async () =>
  (await bot.db.dataSource.query(
    "SELECT tenant_id, platform, recipient, idempotency_key, payload FROM outbox_messages WHERE idempotency_key LIKE 'remind:%' ORDER BY id",
  )) as Array<{
    tenant_id: string;
    platform: string;
    recipient: string;
    idempotency_key: string;
    payload: string;
  }>;

async function updateAttendanceSettings(
  tenantId: string,
  change: (s: AttendanceSettings) => AttendanceSettings,
): Promise<void> {
  await bot.db.transaction(async (manager) => {
    const settings = createRepositories(manager).attendanceSettings;
    await settings.write(tenantId, change(await settings.read(tenantId)), now);
  });
}

async function userIdOf(
  tenantId: string,
  platform: 'wecom' | 'dingtalk',
  platformUserId: string,
): Promise<number> {
  const user = await createRepositories(bot.db.manager).users.findByIdentity({
    tenantId,
    platform,
    platformUserId,
  });
  if (!user) throw new Error(`no user ${platformUserId}`);
  return user.id;
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    wecomEnv(app, SECRET, apiBase),
    tenantSeed(
      department('sales', '销售部', { Lead: 'manager' }),
      department('east', '华东组', { ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
      people({ Boss: 'admin' }),
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('punch-in reminder', () => {
  it('goes at 08:50 on a Monday to each rep without a punch-in, not to one who punched or to the admin without a department', async () => {
    await punchAt('2026-11-16T00:40:00Z', 'ZhangSan', '签到'); // 08:40, before any reminder is due
    const reminders = await runRemindersAt('2026-11-16T00:50:00Z');
    const text = '⏰ 还有10分钟上班（09:00），别忘了签到：发送「签到」。';
    expect(reminders).toEqual(
      expect.arrayContaining([
        { to: 'Lead', text },
        { to: 'ZhaoLiu', text },
      ]),
    );
    expect(reminders).toHaveLength(2);
    const zhaoLiu = await userIdOf(app.corpId, 'wecom', 'ZhaoLiu');
    expect((await reminderRows()).map((r) => r.idempotency_key)).toContain(`remind:in:2026-11-16:${zhaoLiu}`);
  });

  it('sends nothing new when the job runs again at 08:50 or at 08:51', async () => {
    expect(await runRemindersAt('2026-11-16T00:50:00Z')).toEqual([]);
    expect(await runRemindersAt('2026-11-16T00:51:00Z')).toEqual([]);
    expect(await reminderRows()).toHaveLength(2);
  });
});

describe('missing punch-out reminder', () => {
  it('goes at 18:30 to the rep punched in but not out, to nobody else', async () => {
    await punchAt('2026-11-16T01:30:00Z', 'ZhaoLiu', '签到'); // 09:30, late
    await punchAt('2026-11-16T10:10:00Z', 'ZhaoLiu', '签退'); // 18:10
    expect(await runRemindersAt('2026-11-16T10:30:00Z')).toEqual([
      { to: 'ZhangSan', text: '今天还没有下班签退（下班时间 18:00），发送「签退」完成打卡。' },
    ]);
    expect(await runRemindersAt('2026-11-16T10:31:00Z')).toEqual([]);
  });
});

describe('each tenant in its own zone and settings', () => {
  it('reminds a New York tenant at 08:50 New York time, when nothing is due in Shanghai', async () => {
    await bot.db.transaction(async (manager) => {
      const repos = createRepositories(manager);
      await storePerson(
        repos,
        { tenantId: NY_TENANT, userId: 'NyRep', platform: 'dingtalk' },
        { name: 'Amy', role: 'rep', departmentId: 1, at: now },
      );
      await repos.attendanceSettings.write(
        NY_TENANT,
        attendanceSettingsSchema.parse({ timeZone: 'America/New_York' }),
        now,
      );
    });
    expect(await createRepositories(bot.db.manager).users.findTenantsWithUsers()).toEqual(
      [app.corpId, NY_TENANT].sort(),
    );
    const rowsBefore = (await reminderRows()).length;

    // Monday 13:50 UTC: 08:50 in New York (EST), 21:50 in Shanghai.
    expect(await runRemindersAt('2026-11-16T13:50:00Z')).toEqual([]);
    const added = (await reminderRows()).slice(rowsBefore);
    const nyRep = await userIdOf(NY_TENANT, 'dingtalk', 'NyRep');
    expect(added).toEqual([
      {
        tenant_id: NY_TENANT,
        platform: 'dingtalk',
        recipient: 'NyRep',
        idempotency_key: `remind:in:2026-11-16:${nyRep}`,
        payload: JSON.stringify({
          kind: 'text',
          text: '⏰ 还有10分钟上班（09:00），别忘了签到：发送「签到」。',
        }),
      },
    ]);
  });
});

describe('days and modes without a reminder', () => {
  it('sends nothing on a Saturday', async () => {
    const rows = (await reminderRows()).length;
    expect(await runRemindersAt('2026-11-21T00:50:00Z')).toEqual([]);
    expect(await runRemindersAt('2026-11-21T10:30:00Z')).toEqual([]);
    expect(await reminderRows()).toHaveLength(rows);
  });

  it("sends nothing on a tenant holiday, and reminds again on the next workday at the tenant's own minutes", async () => {
    await updateAttendanceSettings(app.corpId, (s) => ({ ...s, holidays: ['2026-11-17'] }));
    const rows = (await reminderRows()).length;
    expect(await runRemindersAt('2026-11-17T00:50:00Z')).toEqual([]); // Tuesday 08:50, a holiday
    expect(await reminderRows()).toHaveLength(rows);

    await bot.db.transaction((manager) =>
      createRepositories(manager).reminderSettings.write(
        app.corpId,
        { enabled: true, beforeStartMinutes: 15, afterEndMinutes: 30 },
        now,
      ),
    );
    const wednesday = await runRemindersAt('2026-11-18T00:45:00Z'); // 08:45
    expect(wednesday.map((r) => r.to).sort()).toEqual(['Lead', 'ZhangSan', 'ZhaoLiu']);
    expect(new Set(wednesday.map((r) => r.text))).toEqual(
      new Set(['⏰ 还有15分钟上班（09:00），别忘了签到：发送「签到」。']),
    );
  });

  it('sends no punch-in reminder under free hours', async () => {
    await updateAttendanceSettings(app.corpId, (s) => ({
      ...s,
      schedule: { mode: 'free', dayStartsAt: '05:00', minimumHours: 8 },
    }));
    const rows = (await reminderRows()).length;
    expect(await runRemindersAt('2026-11-19T00:45:00Z')).toEqual([]); // Thursday 08:45
    expect(await runRemindersAt('2026-11-19T00:50:00Z')).toEqual([]);
    expect(await reminderRows()).toHaveLength(rows);
  });
});
