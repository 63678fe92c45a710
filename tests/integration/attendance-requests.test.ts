import { parse } from 'csv-parse/sync';
import type { ReportRenderer } from '../../cards/render/report-page';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwattendreq00001', token: 'attendReqToken', aesKey: randomAesKey() };
const SECRET = 'attendance-requests-secret';
const FIELD = { lat: 22.6, lng: 114.1 };

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T00:58:00Z'); // Monday 08:58 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7446000000000000000n });
const { say, lastCard, lastText, tapXml, deliver, punchViaPage, sentTo } = chat;

/** The digest falls back to its markdown when no image can be drawn; that markdown is what we read here. */
const noImages: ReportRenderer = {
  renderPng: () => Promise.reject(new Error('no renderer in this test')),
  close: () => Promise.resolve(),
};

const download = async (url: string) =>
  parse(Buffer.from(await (await fetch(url.replace(/^https?:\/\/[^/]+/, bot.url))).arrayBuffer()), {
    bom: true,
  }) as string[][];

const makeUpRows = async () =>
  (await bot.db.dataSource.query(
    "SELECT user_id, kind, work_date, status, late_minutes, approval_id FROM punches WHERE source = 'makeup' ORDER BY id",
  )) as Array<Record<string, unknown>>;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    { ...wecomEnv(app, SECRET, await fake.start()), ADMIN_USERS: 'Boss' },
    tenantSeed(
      department('sales', '销售部'),
      department(
        'east',
        '华东组',
        { Lead: ['李经理', 'manager'], ZhangSan: 'rep', WangWu: { role: 'rep', hiredOn: '2025-06-01' } },
        'sales',
      ),
    ),
    () => now,
    { reportRenderer: noImages },
  );
  // Monday: 张三 punches in at 08:58 and forgets to punch out. He joined the week before.
  await bot.db.dataSource.query("UPDATE users SET created_at = '2026-11-16 00:00:00.000'");
  expect(await punchViaPage('ZhangSan', '签到', FIELD, { accuracy: 20 })).toContain('上班签到成功');
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('补卡: a forgotten punch, approved, counts everywhere', () => {
  it('files the make-up at the scheduled end when no time is given, and the manager gets a card', async () => {
    now = new Date('2026-11-23T12:00:00Z'); // Monday 20:00
    expect(await say('ZhangSan', '补卡 今天 下班 忘记打卡')).toBe(
      '已提交补卡申请 #1：补卡 2026-11-23 下班 18:00。等待 李经理 审批（直属主管）。撤回请发送「撤回 1」。',
    );
    const card = lastCard('Lead');
    expect(card?.main_title.title).toBe('张三的补卡申请 #1');
    expect(JSON.stringify(card)).toContain('忘记打卡');
    expect(await makeUpRows()).toEqual([]);
  });

  it('records the punch once approved on the card: 缺卡 goes, the day reads 补卡', async () => {
    await deliver(tapXml('Lead', lastCard('Lead'), '同意'));
    expect(lastText('ZhangSan')).toBe('【已通过】张三的补卡申请 #1 已通过：补卡 2026-11-23 下班 18:00。');
    expect(await makeUpRows()).toEqual([
      expect.objectContaining({ kind: 'out', work_date: '2026-11-23', status: 'normal' }),
    ]);
    expect(Number((await makeUpRows())[0]?.approval_id)).toBe(1);
    expect(await say('ZhangSan', '今日考勤')).toContain('- 下班 18:00 正常 · 补卡');
    expect(await say('ZhangSan', '今日考勤')).toContain('**状态**：正常 · 外勤 · 补卡（下班）');
  });

  it('shows the make-up in the manager’s digest instead of a missing punch', async () => {
    now = new Date('2026-11-24T00:45:00Z'); // Tuesday 08:45: the digest of Monday
    const before = sentTo('Lead').length;
    expect(await bot.runJob('daily-digest')).toBe(true);
    await bot.settle();
    const digest = sentTo('Lead')
      .slice(before)
      .map((m) => m.markdown?.content ?? '')
      .join('\n');
    expect(digest).toContain('补卡：张三（下班）');
    expect(digest).not.toContain('缺卡：张三');
  });

  it('judges a make-up 上班 on the time given: 09:20 is 迟到 20 minutes', async () => {
    now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00, no punch yet
    expect(await say('ZhangSan', '补卡 今天 上班 9:20 路上堵车')).toBe(
      '已提交补卡申请 #2：补卡 2026-11-24 上班 09:20。等待 李经理 审批（直属主管）。撤回请发送「撤回 2」。',
    );
    expect(await say('Lead', '同意 2')).toContain('已同意');
    const today = await say('ZhangSan', '今日考勤');
    expect(today).toContain('- 上班 09:20 迟到20分钟 · 补卡');
    expect(today).toContain('补卡（上班）');
    expect((await makeUpRows()).at(-1)).toMatchObject({ kind: 'in', status: 'late' });
    expect(Number((await makeUpRows()).at(-1)?.late_minutes)).toBe(20);
  });

  it('refuses what is not a make-up, naming the reason', async () => {
    expect(await say('ZhangSan', '补卡 昨天 上班')).toBe(
      '2026-11-23 已有上班打卡（08:58），不需要补卡。打卡时间有误请联系管理员更正考勤。',
    );
    expect(await say('ZhangSan', '补卡 11月22日 上班')).toBe(
      '2026-11-22 是休息日，不需要补卡。休息日上班请申请加班。',
    );
    expect(await say('ZhangSan', '补卡 明天 上班')).toBe('2026-11-25 还没到，补卡只能申请今天或之前的日期。');
    expect(await say('ZhangSan', '补卡 2026-10-01 上班')).toBe(
      '2026-10-01 已超过可补申请的期限（31天内），不能再提交。如确需处理，请联系管理员。',
    );
    expect(await say('ZhangSan', '补卡 下班')).toBe(
      '没看懂「补卡 下班」。正确格式：补卡 <日期> <上班|下班> [时间] [事由]\n例如：补卡 昨天 下班 忘记打卡',
    );
  });

  it('stops at the month’s allowance (3 by default), pending requests included', async () => {
    expect(await say('ZhangSan', '补卡 11月20日 上班 拜访客户')).toContain('已提交补卡申请 #3');
    expect(await say('ZhangSan', '补卡 11月20日 下班')).toBe(
      '11月已申请补卡3次，达到每月上限（3次），不能再补卡。如有特殊情况，请联系管理员更正考勤。',
    );
  });

  it('counts 补卡 in 考勤 本月 and both exports', async () => {
    const month = await say('ZhangSan', '考勤 本月');
    expect(month).toContain('缺卡 0 次 · 补卡 2 次');
    expect(month).toContain('11月23日（周一） 正常 · 外勤 · 补卡（下班）');

    await say('Boss', '导出考勤 本月');
    const buttons = lastCard('Boss')?.button_list ?? [];
    const links = Object.fromEntries(buttons.map((b) => [b.text, b.url ?? '']));
    const summary = await download(links['CSV 月度汇总'] ?? '');
    const column = summary[0]?.indexOf('补卡次数') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(summary.find((r) => r[0] === '张三')?.[column]).toBe('2');
    const raw = await download(links['CSV 打卡原始数据'] ?? '');
    const header = raw[0] ?? [];
    const madeUp = raw.filter((r) => r[header.indexOf('来源')] === '补卡');
    expect(madeUp.map((r) => [r[0], r[1], r[header.indexOf('状态')], r[header.indexOf('纬度')]])).toEqual([
      ['2026-11-23', '18:00', '正常 · 补卡', ''],
      ['2026-11-24', '09:20', '迟到20分钟 · 补卡', ''],
    ]);
    const daily = await download(links['CSV 每日考勤'] ?? '');
    expect(daily.find((r) => r[0] === '2026-11-23' && r[2] === '张三')?.[5]).toBe(
      '正常 · 外勤 · 补卡（下班）',
    );
  });

  it('routes 补卡 like the other requests: 审批流 shows and sets its flow', async () => {
    expect(await say('Boss', '审批流 补卡')).toContain('补卡（默认）：直属主管');
  });
});

describe('conflicts and absurd dates are refused when filed', () => {
  it('names the leave a trip would overlap, and takes the trip once the leave is withdrawn', async () => {
    now = new Date('2026-11-24T04:00:00Z'); // Tuesday 12:00
    expect(await say('ZhangSan', '请假 11月26日-11月27日 年假 回老家')).toContain('已提交请假申请 #4');
    expect(await say('ZhangSan', '出差 广州 11月27日-11月28日 客户年会')).toBe(
      '时间与你的请假申请 #4（年假 2026-11-26 至 2026-11-27，共2天，审批中）重叠，不能重复申请。如需调整，请先发送「撤回 4」再重新申请。',
    );
    expect(await say('ZhangSan', '请假 11月27日 事假')).toContain('请假申请 #4');
    expect(await say('ZhangSan', '撤回 4')).toContain('已撤回');
    expect(await say('ZhangSan', '出差 广州 11月27日-11月28日 客户年会')).toContain('已提交出差申请 #5');
  });

  it('refuses dates before the filing window or more than a year ahead, with the reason', async () => {
    expect(await say('ZhangSan', '请假 2026-10-01 病假')).toBe(
      '2026-10-01 已超过可补申请的期限（31天内），不能再提交。如确需处理，请联系管理员。',
    );
    expect(await say('ZhangSan', '出差 北京 2027-12-01 展会')).toBe(
      '2027-12-01 超出可提前申请的范围（365天内），请检查日期是否写错。',
    );
    expect(await say('ZhangSan', '我的申请')).not.toContain('#6');
  });
});

describe('外出 and 加班', () => {
  it('excuses the hours of an approved 外出: a 17:00 punch-out is no longer 早退', async () => {
    now = new Date('2026-11-25T00:55:00Z'); // Wednesday 08:55
    expect(await punchViaPage('ZhangSan', '签到', FIELD, { accuracy: 20 })).toContain('上班签到成功');
    now = new Date('2026-11-25T05:50:00Z'); // 13:50
    expect(await say('ZhangSan', '外出 今天 14:00-18:00 拜访客户')).toBe(
      '已提交外出申请 #6：外出 2026-11-25 14:00-18:00。等待 李经理 审批（直属主管）。撤回请发送「撤回 6」。',
    );
    now = new Date('2026-11-25T09:00:00Z'); // 17:00, out from the customer's site
    expect(await punchViaPage('ZhangSan', '签退', FIELD, { accuracy: 20 })).toContain('早退1小时');
    expect(await say('ZhangSan', '今日考勤')).toContain('**状态**：早退1小时');
    expect(await say('Lead', '同意 6')).toContain('已同意');
    expect(await say('ZhangSan', '今日考勤')).toContain('**状态**：正常 · 外勤 · 外出');
  });

  it('counts approved 加班 apart from normal hours, in 考勤 本月 and the summary export', async () => {
    expect(await say('ZhangSan', '加班 今天 3小时 上线支持')).toBe(
      '已提交加班申请 #7：加班 2026-11-25 3小时。等待 李经理 审批（直属主管）。撤回请发送「撤回 7」。',
    );
    expect(await say('ZhangSan', '加班 今天 19:00-21:30')).toContain(
      '加班 2026-11-25 19:00-21:30，2小时30分钟',
    );
    expect(await say('ZhangSan', '加班 今天 很久')).toContain(
      '正确格式：加班 <日期> <N小时|开始-结束> [事由]',
    );
    const before = await say('ZhangSan', '考勤 本月');
    expect(before).not.toContain('加班');
    expect(await say('Lead', '同意 7')).toContain('已同意');
    const month = await say('ZhangSan', '考勤 本月');
    expect(month).toContain('加班 **3** 小时');
    expect(month).toContain('11月25日（周三） 正常 · 外勤 · 外出 · 加班3小时');
    // 3 hours of 08:55–17:00 (less no break) move from normal hours to 加班.
    const hours = (text: string) => Number(/工时 \*\*([\d.]+)\*\*/.exec(text)?.[1]);
    expect(hours(before) - hours(month)).toBeCloseTo(3, 5);

    await say('Boss', '导出考勤 本月');
    const links = Object.fromEntries((lastCard('Boss')?.button_list ?? []).map((b) => [b.text, b.url ?? '']));
    const summary = await download(links['CSV 月度汇总'] ?? '');
    const column = summary[0]?.indexOf('加班（小时）') ?? -1;
    expect(summary.find((r) => r[0] === '张三')?.[column]).toBe('3.0');
  });
});

describe('假期余额', () => {
  it('lets an admin set a quota, audited; approved leave deducts, pending holds, withdrawn gives back', async () => {
    now = new Date('2026-11-26T02:00:00Z'); // Thursday 10:00
    expect(await say('ZhangSan', '假期余额')).toContain('还没有为你设置假期额度');
    expect(await say('ZhangSan', '设置假期 张三 年假 5天')).toContain('只有管理员可以使用');
    expect(await say('Boss', '设置假期 张三 年假 5天')).toBe('已设置 张三 2026年年假 5 天。');
    const audit = (await bot.db.dataSource.query(
      "SELECT before_value, after_value FROM audit_log WHERE action = 'leave.quota.set'",
    )) as Array<{ before_value: string; after_value: string }>;
    expect(audit.map((a) => JSON.parse(a.after_value))).toEqual([
      { year: '2026', leaveType: 'annual', days: 5 },
    ]);

    expect(await say('WangWu', '请假 12月8日 事假 搬家')).toContain('已提交请假申请 #9');
    expect(await say('ZhangSan', '请假 12月7日-12月9日 年假 回老家')).toContain('已提交请假申请 #10');
    // The manager decides knowing what is left after this leave and who else is away then.
    expect(lastCard('Lead')?.horizontal_content_list).toEqual([
      { keyname: '审批环节', value: '直属主管' },
      { keyname: '事由', value: '回老家' },
      { keyname: '年假余额', value: '审批后剩余 2 天（额度 5 天，已用 0 天）' },
      { keyname: '同部门同时段', value: '王五（事假 2026-12-08，共1天）' },
    ]);
    expect(await say('ZhangSan', '假期余额')).toContain(
      '年假：剩余 **2** 天（额度 5 天，已用 0 天，审批中 3 天）',
    );
    expect(await say('ZhangSan', '请假 12月14日-12月16日 年假')).toBe(
      '年假余额不足：本次3天，剩余2天。发送「假期余额」查看，或改用其他假期类型。',
    );
    expect(await say('Lead', '同意 10')).toContain('已同意');
    expect(await say('ZhangSan', '假期余额')).toContain('年假：剩余 **2** 天（额度 5 天，已用 3 天）');
    expect(await say('ZhangSan', '请假 12月14日-12月15日 年假')).toContain('已提交请假申请 #11');
    expect(lastCard('Lead')?.horizontal_content_list).toContainEqual({
      keyname: '年假余额',
      value: '审批后剩余 0 天（额度 5 天，已用 3 天）',
    });
    expect(await say('ZhangSan', '撤回 11')).toContain('已撤回');
    expect(await say('ZhangSan', '假期余额')).toContain('年假：剩余 **2** 天');
  });
});

describe('年假 by seniority', () => {
  const annual = async (userId: string) =>
    /年假：剩余 \*\*([\d.]+)\*\* 天（额度 ([\d.]+) 天/.exec(await say(userId, '假期余额'));

  it('gives 年假 from the hire date of the import file by the statutory default', async () => {
    expect(await say('Boss', '年假规则')).toBe(
      '年假规则（按工龄）：0-1年 0天；1-10年 5天；10-20年 10天；20年及以上 15天。修改请发送：年假规则 0年0天 1年5天 10年10天 20年15天',
    );
    // Hired 2025-06-01: one full year by now; the 事假 filed earlier takes nothing from 年假.
    expect((await annual('WangWu'))?.slice(1)).toEqual(['5', '5']);
  });

  it('lets an admin set a hire date in chat, audited, and change the rule, audited', async () => {
    expect(await say('ZhangSan', '设置入职日期 王五 2016-03-01')).toContain('只有管理员可以使用');
    expect(await say('Boss', '设置入职日期 王五 2016-03-01')).toBe(
      '已设置 王五 入职日期 2016-03-01（原为 2025-06-01）：工龄 10 年，按年假规则 2026年年假 10 天（如已用「设置假期」单独设置，以单独设置为准）。',
    );
    expect((await annual('WangWu'))?.slice(1)).toEqual(['10', '10']);
    expect(await say('Boss', '设置入职日期 王五 2016-02-30')).toContain(
      '正确格式：设置入职日期 <姓名或用户ID> <YYYY-MM-DD>',
    );
    expect(await say('Boss', '设置入职日期 王五 2027-01-01')).toContain('还没到');

    expect(await say('Boss', '年假规则 1年6天 10年12天')).toBe(
      '已更新年假规则（按工龄）：0-1年 0天；1-10年 6天；10年及以上 12天。',
    );
    expect((await annual('WangWu'))?.slice(1)).toEqual(['12', '12']);
    expect(await say('Boss', '年假规则 十年12天')).toContain('正确格式：年假规则');
    // A quota set by hand still wins over the rule.
    expect((await annual('ZhangSan'))?.[2]).toBe('5');

    const audit = (await bot.db.dataSource.query(
      "SELECT action, before_value, after_value FROM audit_log WHERE action IN ('user.hire_date.set', 'attendance.annual_leave_rule.set') ORDER BY id",
    )) as Array<{ action: string; before_value: string; after_value: string }>;
    expect(audit.map((a) => a.action)).toEqual(['user.hire_date.set', 'attendance.annual_leave_rule.set']);
    expect(JSON.parse(audit[0]?.before_value ?? '')).toEqual({ hiredOn: '2025-06-01' });
    expect(JSON.parse(audit[1]?.before_value ?? '').leaveBalance.annualBySeniority).toHaveLength(4);
    expect(JSON.parse(audit[1]?.after_value ?? '').leaveBalance.annualBySeniority).toEqual([
      { minYears: 1, days: 6 },
      { minYears: 10, days: 12 },
      { minYears: 0, days: 0 },
    ]);
  });
});

describe('考勤更正', () => {
  const audit = async () =>
    (
      (await bot.db.dataSource.query(
        "SELECT subject, before_value, after_value FROM audit_log WHERE action = 'attendance.day.corrected' ORDER BY id",
      )) as Array<{ subject: string; before_value: string; after_value: string }>
    ).map((a) => ({
      subject: a.subject,
      before: JSON.parse(a.before_value),
      after: JSON.parse(a.after_value),
    }));

  it('changes 考勤 本月 and both exports; the original stays visible as corrected; the audit log holds both', async () => {
    now = new Date('2026-11-26T02:00:00Z'); // Thursday 10:00
    const before = await say('ZhangSan', '考勤 本月');
    expect(before).toContain('迟到 1 次（20分钟） · 早退 0 次 · 缺卡 1 次 · 补卡 2 次');
    expect(await say('ZhangSan', '考勤更正 张三 前天 正常 堵车已核实')).toContain('只有管理员可以使用');
    expect(await say('Boss', '考勤更正 张三 前天 正常 堵车已核实')).toBe(
      '已更正 张三 2026-11-24 的考勤：迟到20分钟 · 缺卡（下班） · 补卡（上班） → 正常（堵车已核实）。原结果仍显示为「已更正」，可在考勤和导出中查看。',
    );
    expect(lastText('ZhangSan')).toBe('你 2026-11-24 的考勤已由管理员更正为「正常」：堵车已核实。');
    const month = await say('ZhangSan', '考勤 本月');
    expect(month).toContain('迟到 0 次（0分钟） · 早退 0 次 · 缺卡 0 次 · 补卡 2 次');
    expect(month).toContain(
      '11月24日（周二） 正常 · 补卡（上班） · 已更正（原：迟到20分钟 · 缺卡（下班） · 补卡（上班）；堵车已核实）',
    );

    await say('Boss', '导出考勤 本月');
    const links = Object.fromEntries((lastCard('Boss')?.button_list ?? []).map((b) => [b.text, b.url ?? '']));
    const daily = await download(links['CSV 每日考勤'] ?? '');
    const header = daily[0] ?? [];
    const row = daily.find((r) => r[0] === '2026-11-24' && r[2] === '张三') ?? [];
    expect(row[header.indexOf('状态')]).toContain('正常 · 补卡（上班） · 已更正（原：迟到20分钟');
    expect([row[header.indexOf('迟到（分钟）')], row[header.indexOf('缺卡次数')]]).toEqual(['0', '0']);
    const summary = await download(links['CSV 月度汇总'] ?? '');
    const zhang = summary.find((r) => r[0] === '张三') ?? [];
    const column = (name: string) => zhang[summary[0]?.indexOf(name) ?? -1];
    expect([column('迟到次数'), column('缺卡次数')]).toEqual(['0', '0']);

    expect(await audit()).toEqual([
      {
        subject: expect.stringContaining('ZhangSan 2026-11-24'),
        before: { original: '迟到20分钟 · 缺卡（下班） · 补卡（上班）', previous: null },
        after: { result: 'normal', reason: '堵车已核实' },
      },
    ]);
  });

  it('names what is wrong: no reason, a future day, nobody by that name', async () => {
    expect(await say('Boss', '考勤更正 张三 前天 正常')).toBe(
      '没看懂「考勤更正 张三 前天 正常」。正确格式：考勤更正 <姓名或用户ID> <日期> <正常|旷工|请假|休息> <原因>\n例如：考勤更正 张三 昨天 正常 外出拜访已核实',
    );
    expect(await say('Boss', '考勤更正 张三 明天 正常 提前')).toBe(
      '2026-11-27 还没到，只能更正今天或之前的考勤。',
    );
    expect(await say('Boss', '考勤更正 张小三 前天 正常 核实')).toBe(
      '本单位没有找到「张小三」。请检查姓名，或改用用户ID。',
    );
    expect(await audit()).toHaveLength(1);
  });

  it('corrects today in 今日考勤 and 团队考勤, then in the digest; a second correction keeps the first in the audit', async () => {
    expect(await say('Lead', '团队考勤')).toContain('- **未签到**：张三、王五');
    await say('Boss', '考勤更正 王五 今天 旷工 未到岗');
    expect(await say('Boss', '考勤更正 王五 今天 请假 病假补交证明')).toContain('→ 请假（病假补交证明）');
    expect(await say('WangWu', '今日考勤')).toContain(
      '**状态**：请假 · 已更正（原：未打卡（上班）；病假补交证明）',
    );
    const team = await say('Lead', '团队考勤');
    expect(team).toContain('- **未签到**：张三');
    expect(team).toContain('- **请假**：王五');
    expect((await audit()).at(-1)?.before).toEqual({
      original: '未打卡（上班）',
      previous: { result: 'absent', reason: '未到岗' },
    });

    now = new Date('2026-11-27T00:45:00Z'); // Friday 08:45: the digest of Thursday
    const sent = sentTo('Lead').length;
    expect(await bot.runJob('daily-digest')).toBe(true);
    await bot.settle();
    const digest = sentTo('Lead')
      .slice(sent)
      .map((m) => m.markdown?.content ?? '')
      .join('\n');
    expect(digest).toContain('考勤：出勤 0/2 人，迟到 0，缺卡 0，旷工 1，请假 1');
    expect(digest).toContain('旷工：张三');
    expect(digest).not.toContain('王五');
  });
});

describe('排班制', () => {
  it('lets an admin define shifts and assign them or rest days by relative dates, audited', async () => {
    now = new Date('2026-11-27T02:00:00Z'); // Friday 10:00
    expect(await say('Boss', '班次')).toBe('还没有班次。新增请发送：班次 早班 08:00-16:00');
    expect(await say('Boss', '班次 早班 7:00-15:00')).toBe(
      '已设置班次「早班」07:00-15:00。排班请发送：排班 张三 下周一至周五 早班',
    );
    expect(await say('Boss', '班次 早班 七点')).toContain('正确格式：班次 <名称> <上班>-<下班>');
    expect(await say('Boss', '排班 张三 明天 晚班')).toBe(
      '没有名为「晚班」的班次。现有班次：早班，或写「休息」。',
    );
    expect(await say('Boss', '排班 张三 明天 早班')).toBe(
      '已为 张三 排班：2026-11-28 早班（07:00-15:00），共1天。',
    );
    expect(await say('Boss', '排班 张三 下周一至周五 早班')).toBe(
      '已为 张三 排班：2026-11-30 至 2026-12-04 早班（07:00-15:00），共5天。',
    );
    expect(await say('Boss', '排班 张三 下周一 休息')).toBe('已为 张三 排班：2026-11-30 休息，共1天。');
    expect(await say('ZhangSan', '排班 张三 明天 早班')).toContain('只有管理员可以使用');
    const audit = (await bot.db.dataSource.query(
      "SELECT action FROM audit_log WHERE action IN ('attendance.shift.set', 'attendance.roster.set')",
    )) as unknown[];
    expect(audit).toHaveLength(4);
  });

  it('judges punches against the assigned shift, a Saturday included', async () => {
    now = new Date('2026-11-27T23:05:00Z'); // Saturday 07:05, on the 早班
    expect(await punchViaPage('ZhangSan', '签到', FIELD, { accuracy: 20 })).toContain('迟到5分钟');
    const today = await say('ZhangSan', '今日考勤');
    expect(today).toContain('**状态**：迟到5分钟 · 未打卡（下班） · 外勤');
    expect(today).toContain('班次：早班 07:00–15:00（排班，打卡时间 06:00–19:00）');
    now = new Date('2026-11-28T07:00:00Z'); // 15:00
    expect(await punchViaPage('ZhangSan', '签退', FIELD, { accuracy: 20 })).toContain('下班签退成功');
    expect(await say('ZhangSan', '今日考勤')).toContain('**状态**：迟到5分钟 · 外勤');
  });

  it('makes a rostered rest day 休息 and falls back to the fixed schedule where nothing is assigned', async () => {
    now = new Date('2026-11-30T02:00:00Z'); // Monday 10:00, rostered 休息
    const rest = await say('ZhangSan', '今日考勤');
    expect(rest).toContain('**状态**：休息');
    expect(rest).toContain('班次：休息（排班）');
    const wang = await say('WangWu', '今日考勤');
    expect(wang).toContain('固定班制 09:00–18:00');

    await say('Boss', '导出考勤 本月');
    const links = Object.fromEntries((lastCard('Boss')?.button_list ?? []).map((b) => [b.text, b.url ?? '']));
    const daily = await download(links['CSV 每日考勤'] ?? '');
    const header = daily[0] ?? [];
    const row = daily.find((r) => r[0] === '2026-11-28' && r[2] === '张三') ?? [];
    expect(row[header.indexOf('状态')]).toBe('迟到5分钟 · 外勤');
    expect(row[header.indexOf('迟到（分钟）')]).toBe('5');
  });
});
