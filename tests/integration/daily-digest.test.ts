import type { ReportPage, ReportRenderer } from '../../cards/render/report-page';
import { createReportRenderer } from '../../cards/render/report-renderer';
import { jobLeasesOver, jobStoresOver } from '../../bot/job-stores';
import { dailyDigestJob } from '../../jobs/daily-digest.job';
import { Scheduler } from '../../jobs/scheduler';
import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat, type Sent } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwdigest00000001', token: 'digestToken', aesKey: randomAesKey() };
const SECRET = 'digest-secret';
const JOB = 'daily-digest';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-22T12:00:00Z'); // Sunday 20:00 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7445000000000000000n });
const { say, punchViaPage, sentTo } = chat;

/** The real renderer (Chromium at CHROMIUM_PATH or /usr/bin/chromium), recording what it was asked to draw. */
const pages: ReportPage[] = [];
const pngs: Buffer[] = [];
const chromium = createReportRenderer({ deviceScaleFactor: 1 });
let failRenders = false;
const renderer: ReportRenderer = {
  async renderPng(page) {
    if (failRenders) throw new Error('Chromium is gone');
    pages.push(page);
    const png = await chromium.renderPng(page);
    pngs.push(png);
    return png;
  },
  close: () => chromium.close(),
};

const FIELD = { lat: 22.6, lng: 114.1 };
const uploads = () => fake.requestsTo('/cgi-bin/media/upload').length;
const pushed = (user: string, since: number): Sent[] => sentTo(user).slice(since);

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    {
      departments: [
        { key: 'sales', name: '销售部' },
        { key: 'east', name: '华东组', parent: 'sales' },
      ],
      users: [
        { userId: 'Director', name: '周总', role: 'manager', department: 'sales' },
        { userId: 'Lead', name: '李经理', role: 'manager', department: 'east' },
        { userId: 'ZhangSan', name: '张三', role: 'rep', department: 'east' },
        { userId: 'LiSi', name: '李四', role: 'rep', department: 'east' },
        { userId: 'WangWu', name: '王五', role: 'rep', department: 'east' },
      ],
    },
    () => now,
    { reportRenderer: renderer },
  );
  // Two weeks earlier: 张三 opens an opportunity that stays in its first stage (stalled by 11-23).
  now = new Date('2026-11-08T12:00:00Z');
  expect(await say('ZhangSan', '新建客户 华为深圳 深圳市龙岗区坂田')).toContain('华为深圳');
  expect(await say('ZhangSan', '商机 华为深圳 50万 初步接洽')).toBeDefined();
  now = new Date('2026-11-22T12:00:00Z');
  // Sunday evening: 张三 files an expense that 李经理 leaves pending past 24 h.
  expect(await say('ZhangSan', '报销 268.5 交通费 拜访华为')).toContain('#');
  // Monday: 张三 12 minutes late from a device fix; 王五 in on time from a picked point, never out; 李四 absent.
  now = new Date('2026-11-23T01:12:00Z');
  expect(await punchViaPage('ZhangSan', '签到', FIELD)).toContain('上班签到成功');
  now = new Date('2026-11-23T00:55:00Z');
  expect(await punchViaPage('WangWu', '签到', FIELD, {})).toContain('上班签到成功');
  now = new Date('2026-11-23T10:05:00Z');
  expect(await punchViaPage('ZhangSan', '签退', FIELD)).toContain('下班签退成功');
});

afterAll(async () => {
  await bot?.close(); // closes the renderer it was given
  await fake?.stop();
});

describe('the manager daily digest', () => {
  it('sends nothing before the tenant’s digest time', async () => {
    now = new Date('2026-11-24T00:29:00Z'); // Tuesday 08:29
    const before = chat.sent().length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(chat.sent().length).toBe(before);
  });

  it('sends each manager exactly one image and one markdown with the exception lines of their team', async () => {
    now = new Date('2026-11-24T00:45:00Z'); // Tuesday 08:45, past 08:30 and its jitter
    const [leadBefore, directorBefore, uploadsBefore] = [
      sentTo('Lead').length,
      sentTo('Director').length,
      uploads(),
    ];
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();

    const lead = pushed('Lead', leadBefore);
    const director = pushed('Director', directorBefore);
    expect(lead.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(director.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(uploads() - uploadsBefore).toBe(2);
    expect(pages.map((p) => p.title).sort()).toEqual(['周总的团队简报', '李经理的团队简报']);
    expect(pages.every((p) => p.charts.some((c) => c.title.includes('考勤')))).toBe(true);
    // Real PNGs went up to media/upload: the signature, a plausible size, the 2 MB cap.
    expect(pngs).toHaveLength(2);
    for (const png of pngs) {
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(10_000);
      expect(png.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
    const uploaded = fake.requestsTo('/cgi-bin/media/upload').slice(uploadsBefore);
    expect(uploaded.map((r) => r.files?.[0]?.bytes.length)).toEqual(pngs.map((p) => p.length));
    // Reps get nothing.
    expect(sentTo('ZhangSan').filter((m) => m.msgtype === 'image')).toEqual([]);

    const text = lead[1]?.markdown?.content ?? '';
    expect(text).toContain('李经理的团队简报（11月23日）');
    // The push links each manager to the live page, signed for them.
    expect(text).toMatch(/\[查看完整简报（实时数据）\]\(http[^)]+\/h5\/digest\?t=[\w-]+\.[\w-]+\)/);
    expect(text).toContain('考勤：出勤 2/3 人，迟到 1，缺卡 1，旷工 1，请假 0');
    expect(text).toContain('迟到：张三（12分钟）');
    expect(text).toContain('旷工：李四');
    expect(text).toContain('缺卡：王五（缺下班卡）');
    expect(text).toContain('打卡异常标记：王五（上班：手动选点）');
    expect(text).toMatch(/审批超时未处理：#\d+ 张三的报销，待李经理审批36小时/);
    expect(text).toContain('商机停滞：华为深圳 初步接洽 15天（张三，¥50万）');
    expect(text).toContain('商机：在途 1 个 ¥50万，加权 ¥10万');
    // The director's team is the whole sales subtree, the east lead included (who did not punch either).
    const directorText = director[1]?.markdown?.content ?? '';
    expect(directorText).toContain('旷工：李经理、李四');
    expect(directorText).toContain('迟到：张三（12分钟）');
  });

  it('sends nothing new when the job runs again the same day', async () => {
    now = new Date('2026-11-24T01:30:00Z');
    const before = chat.sent().length;
    const rendered = pages.length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(chat.sent().length).toBe(before);
    expect(pages.length).toBe(rendered);
    const log = (await bot.db.dataSource.query(
      "SELECT kind, period_key, status FROM push_log WHERE kind = 'digest' ORDER BY id",
    )) as Array<{ kind: string; period_key: string; status: string }>;
    expect(log).toEqual([
      { kind: 'digest', period_key: '2026-11-23', status: 'queued' },
      { kind: 'digest', period_key: '2026-11-23', status: 'queued' },
    ]);
  });
});

describe('resuming and racing', () => {
  const digestsOn = async (period: string) =>
    (await bot.db.dataSource.query(
      "SELECT user_id FROM push_log WHERE kind = 'digest' AND period_key = ? ORDER BY user_id",
      [period],
    )) as Array<{ user_id: number }>;

  it('resumes a run that died after the first manager: only the others get their digest', async () => {
    // As a run that crashed right after committing 周总's digest leaves it: the push-log row with its outbox rows.
    const [director] = (await bot.db.dataSource.query(
      "SELECT id FROM users WHERE platform_user_id = 'Director'",
    )) as Array<{ id: number }>;
    await createRepositories(bot.db.manager).pushLog.record(
      {
        tenantId: app.corpId,
        userId: director?.id ?? 0,
        kind: 'digest',
        periodKey: '2026-11-24',
        outboxKeys: [],
        status: 'queued',
      },
      new Date(),
    );
    now = new Date('2026-11-25T00:45:00Z'); // Wednesday 08:45
    const [lead, dir] = [sentTo('Lead').length, sentTo('Director').length];
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(pushed('Lead', lead).map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(pushed('Director', dir)).toEqual([]);
  });

  it('lets exactly one of two instances racing for the lease send the digests', async () => {
    now = new Date('2026-11-26T00:45:00Z'); // Thursday 08:45: the bot's own lease ran out long ago
    const deps = {
      ...jobStoresOver(bot.db, 'Asia/Shanghai'),
      renderer,
      logger: bot.logger,
      onRepliesQueued: () => undefined,
    };
    const job = dailyDigestJob();
    const [a, b] = [
      new Scheduler(jobLeasesOver(bot.db), deps, bot.logger, () => now),
      new Scheduler(jobLeasesOver(bot.db), deps, bot.logger, () => now),
    ];
    const ran = await Promise.all([a.runOnce(job), b.runOnce(job)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    await bot.settle();
    expect((await digestsOn('2026-11-25')).length).toBe(2);
    const thursday = chat
      .sent()
      .filter((m) => m.msgtype === 'markdown' && m.markdown?.content.includes('（11月25日）'));
    expect(thursday.map((m) => m.touser).sort()).toEqual(['Director', 'Lead']);
  });

  it('still sends the text, and records why, when the image cannot be drawn', async () => {
    failRenders = true;
    now = new Date('2026-11-27T00:45:00Z'); // Friday 08:45
    const [lead, dir] = [sentTo('Lead').length, sentTo('Director').length];
    try {
      expect(await bot.runJob(JOB)).toBe(true);
      await bot.settle();
    } finally {
      failRenders = false;
    }
    expect(pushed('Lead', lead).map((m) => m.msgtype)).toEqual(['markdown']);
    expect(pushed('Director', dir).map((m) => m.msgtype)).toEqual(['markdown']);
    const log = (await bot.db.dataSource.query(
      "SELECT detail FROM push_log WHERE kind = 'digest' AND period_key = '2026-11-26'",
    )) as Array<{ detail: string | null }>;
    expect(log).toEqual([{ detail: 'image render failed' }, { detail: 'image render failed' }]);
  });
});

describe('on demand and weekly', () => {
  it('gives a manager the digest now with 今日简报, image first: today so far and the month through today', async () => {
    now = new Date('2026-11-24T03:00:00Z');
    const before = sentTo('Lead').length;
    await say('Lead', '今日简报');
    const answer = pushed('Lead', before);
    expect(answer.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    const text = answer[1]?.markdown?.content ?? '';
    expect(text).toContain('李经理的团队简报（今日）');
    expect(text).toContain('拜访：今日 0 次；本月截至今日');
    // Monday's lateness was Monday's: today so far names nobody late.
    expect(text).not.toContain('迟到：张三');
  });

  it('refuses 今日简报 to a rep, ranks by order amount without targets, and 漏斗 from the opportunities', async () => {
    expect(await say('ZhangSan', '今日简报')).toBe(
      '「今日简报」只有主管和管理员可以使用。你可以发送「日报」写今天的日报。',
    );
    // No targets and no orders yet: ranked by the month's order amount, everyone level at ¥0.
    expect(await say('Lead', '团队排行')).toBe(
      '### 团队排行（本月截至今日，订单金额）\n**排名**\n> 1. 李四 ¥0.00\n> 1. 王五 ¥0.00\n> 1. 张三 ¥0.00',
    );
    const funnel = await say('Lead', '漏斗');
    expect(funnel).toContain('初步接洽（20%）：1 个 ¥50万');
    expect(funnel).toContain('**加权金额**\n> ¥10万');
  });

  it('sends no digest on a rest day, and on Monday reports on Friday', async () => {
    now = new Date('2026-11-28T00:45:00Z'); // Saturday 08:45
    const before = chat.sent().length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(chat.sent().length).toBe(before);
    now = new Date('2026-11-30T00:45:00Z'); // Monday 08:45
    const lead = sentTo('Lead').length;
    expect(await bot.runJob(JOB)).toBe(true);
    await bot.settle();
    expect(pushed('Lead', lead)[1]?.markdown?.content).toContain('李经理的团队简报（11月27日）');
  });

  it('sends the weekly report on Monday to each manager once, and nothing to those who unsubscribed', async () => {
    expect(await say('Director', '退订 周报')).toContain('已退订周报');
    now = new Date('2026-11-30T00:50:00Z'); // Monday 08:50
    const before = sentTo('Lead').length;
    const directorBefore = sentTo('Director').length;
    expect(await bot.runJob('periodic-reports')).toBe(true);
    await bot.settle();
    const weekly = pushed('Lead', before);
    expect(weekly.map((m) => m.msgtype)).toEqual(['image', 'markdown']);
    expect(weekly[1]?.markdown?.content).toContain('### 李经理的团队周报（11月23日–11月29日）');
    expect(weekly[1]?.markdown?.content).toContain('**考勤汇总**');
    expect(pushed('Director', directorBefore)).toEqual([]);
    expect(await bot.runJob('periodic-reports')).toBe(true);
    await bot.settle();
    expect(pushed('Lead', before)).toHaveLength(2);
  });
});
