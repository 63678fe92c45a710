import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwdailyreport001', token: 'reportToken', aesKey: randomAesKey() };
const SECRET = 'report-secret';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:03:00Z'); // Monday 09:03 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7446000000000000000n });
const { say, punchViaPage, sentTo, lastText, contentOf } = chat;

/** The page link of the 日报 copy a manager received. */
function reportPageOf(copy: string): string {
  const link = /\[打开日报页\]\((http[^)]+)\)/.exec(copy)?.[1];
  if (!link) throw new Error(`no report page link in: ${copy}`);
  return link;
}

async function runJobAt(name: string, at: Date): Promise<Array<{ to: string; text: string }>> {
  now = at;
  return chat.sentDuring(async () => expect(await bot.runJob(name)).toBe(true));
}

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    {
      ...wecomEnv(app, SECRET, await fake.start()),
      ADMIN_USERS: 'Boss',
      // These pages are opened days after sending, from a browser: the link alone must still open them
      // (signing in through the IM is tested in h5-sign-in.test.ts).
      H5_LINK_FALLBACK_MINUTES: String(31 * 24 * 60),
    },
    tenantSeed(
      department('east', '华东组', { Lead: ['李经理', 'manager'], ZhangSan: 'rep', LiSi: 'rep' }),
      department('west', '华西组', { WestLead: ['西经理', 'manager'] }),
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('日报 from draft to 点评', () => {
  it('opens a draft pre-filled with the day and asks for tomorrow’s plan', async () => {
    await punchViaPage('ZhangSan', '签到', { lat: 22.6, lng: 114.1 });
    now = new Date('2026-11-23T09:30:00Z'); // 17:30
    await say('ZhangSan', '报销 50 交通费 拜访华为');
    const draft = await say('ZhangSan', '日报');
    expect(draft).toContain('日报 #1（11月23日）· 草稿');
    expect(draft).toContain('> 考勤：上班 09:03（迟到3分钟 · 外勤）');
    expect(draft).toMatch(/> 审批：报销 #\d+（交通费 ¥50\.00，审批中）/);
    expect(draft).toContain('**明日计划**\n> （未填写）');
    expect(draft).toContain('发送「日报 计划 ＜内容＞」填写明日计划');
  });

  it('refuses to submit without a plan, and shows the right form for a malformed edit', async () => {
    expect(await say('ZhangSan', '提交日报')).toContain('提交前请先填写明日计划');
    expect(await say('ZhangSan', '日报 心得 很好')).toBe(
      '没看懂「日报 心得 很好」。正确格式：日报｜日报 计划 <内容>｜日报 问题 <内容>\n例如：日报 计划 上午拜访华为深圳，下午报价',
    );
  });

  it('submits with plan and problems; the manager receives it and the rep can no longer edit', async () => {
    expect(await say('ZhangSan', '日报 计划 拜访华为深圳，报价')).toContain('> 拜访华为深圳，报价');
    expect(await say('ZhangSan', '日报 问题 报价审批慢')).toContain('> 报价审批慢');
    expect(await say('ZhangSan', '提交日报')).toBe('日报 #1 已提交，已发送给李经理。');
    const copy = lastText('Lead');
    expect(copy).toContain('### 张三的日报 #1（11月23日）');
    expect(copy).toContain('> 拜访华为深圳，报价');
    expect(copy).toContain('> 报价审批慢');
    expect(copy).toContain('回复「点评 <内容>」');
    expect(await say('ZhangSan', '日报 计划 改一下')).toBe(
      '11月23日的日报已提交，不能再修改。发送「日报」查看。',
    );
    expect(await say('ZhangSan', '日报')).toContain('· 已提交');
  });

  it('shows the author 未读 until the manager opens the report page, then 已读 with the time', async () => {
    expect(await say('ZhangSan', '日报')).toContain('> 李经理：未读');
    const page = reportPageOf(lastText('Lead'));
    now = new Date('2026-11-23T10:05:00Z'); // 18:05
    const opened = await fetch(page);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain('<h1>张三的日报 #1（11月23日）</h1>');
    expect(html).toContain('<li>拜访华为深圳，报价</li>');
    now = new Date('2026-11-23T11:00:00Z');
    expect((await fetch(page)).status).toBe(200); // reusable; the first opening is the one that counts
    expect(await say('ZhangSan', '日报')).toContain('> 李经理：已读（18:05）');

    const tampered = page.replace(/t=([^.]+)\./, (_m, body: string) => `t=${body.slice(0, -2)}AA.`);
    expect((await fetch(tampered)).status).toBe(400);
  });

  it('keeps the page from a reader who no longer oversees the author', async () => {
    const page = reportPageOf(lastText('Lead'));
    expect(await say('Boss', '设置角色 李经理 销售')).toContain('销售');
    const refused = await fetch(page);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('不在你可以查看的范围内');
    expect(await say('Boss', '设置角色 李经理 主管')).toContain('主管');
    expect((await fetch(page)).status).toBe(200);
  });

  it('lets the manager comment on the latest report received; the author is told', async () => {
    expect(await say('Lead', '点评 报价今天发出去')).toBe('已点评张三的日报 #1，已通知本人。');
    expect(lastText('ZhangSan')).toBe('李经理点评了你的日报 #1（11月23日）：报价今天发出去');
    expect(await say('Lead', '点评 #1 明天跟进')).toBe('已点评张三的日报 #1，已通知本人。');
    const rows = (await bot.db.dataSource.query(
      'SELECT report_id, body FROM daily_report_comments ORDER BY id',
    )) as Array<{ report_id: number; body: string }>;
    expect(rows).toEqual([
      { report_id: 1, body: '报价今天发出去' },
      { report_id: 1, body: '明天跟进' },
    ]);
    const html = await (
      await fetch(
        reportPageOf(
          chat
            .sentTo('Lead')
            .map(contentOf)
            .find((t) => t.includes('/h5/daily-report')) ?? '',
        ),
      )
    ).text();
    expect(html).toContain('<li>李经理：报价今天发出去</li>');
  });

  it('refuses a comment from a manager of another team and a comment without content', async () => {
    expect(await say('WestLead', '点评 1 不错')).toBe('没有找到你可以点评的日报 #1。');
    expect(await say('WestLead', '点评 不错')).toBe(
      '你还没有收到日报。可以用「点评 <日报编号> <内容>」指定。',
    );
    expect(await say('Lead', '点评')).toContain('正确格式：点评 <内容>｜点评 <日报编号> <内容>');
  });

  it('shows the manager who has submitted today', async () => {
    const status = await say('Lead', '日报情况');
    expect(status).toContain('**已提交 1 人**\n> 张三');
    expect(status).toContain('**应交 2 人（当天上班的成员），未交 1 人**\n> 李四');
  });
});

describe('日报提醒 and 日报汇总', () => {
  const JOB = 'daily-report-reminders';

  it('reminds those who have not submitted at 18:00 and sums up for the manager at 19:00, once', async () => {
    expect(await runJobAt(JOB, new Date('2026-11-23T09:50:00Z'))).toEqual([]); // 17:50
    // 18:00 moves 1–9 minutes later by the tenant's jitter.
    const reminders = await runJobAt(JOB, new Date('2026-11-23T10:15:00Z')); // 18:15
    expect(reminders.map((m) => m.to)).toEqual(['LiSi']);
    expect(reminders[0]?.text).toContain('今天的日报还没有提交');
    expect(await runJobAt(JOB, new Date('2026-11-23T10:30:00Z'))).toEqual([]);
    const summary = await runJobAt(JOB, new Date('2026-11-23T11:15:00Z')); // 19:15
    // The admin oversees the whole company, so gets the summary too.
    expect(summary.map((m) => m.to).sort()).toEqual(['Boss', 'Lead']);
    const lead = summary.find((m) => m.to === 'Lead');
    expect(lead?.text).toContain('日报提交情况（11月23日）');
    expect(lead?.text).toContain('**应交 2 人（当天上班的成员），未交 1 人**\n> 李四');
    expect(await runJobAt(JOB, new Date('2026-11-23T11:40:00Z'))).toEqual([]);
  });

  it('does not remind someone who unsubscribed', async () => {
    expect(await say('LiSi', '退订 日报提醒')).toBe(
      '已退订日报提醒，之后不再推送。发送「订阅 日报提醒」可恢复。',
    );
    const tuesday = await runJobAt(JOB, new Date('2026-11-24T10:15:00Z')); // Tuesday 18:15
    expect(tuesday.map((m) => m.to)).toEqual(['ZhangSan']);
    expect(await say('LiSi', '订阅 日报提醒')).toBe('已订阅日报提醒，将按时推送。');
    expect((await runJobAt(JOB, new Date('2026-11-24T10:16:00Z'))).map((m) => m.to)).toEqual(['LiSi']);
  });

  it('lets an admin move the reminder time, with the right form when malformed', async () => {
    expect(await say('Boss', '设置 推送时间 日报提醒 17:45')).toBe('已设置日报提醒推送时间 17:45。');
    expect(await say('Boss', '设置 推送时间 午报 17:45')).toContain(
      '正确格式：设置 推送时间 简报（日报）｜周报｜月报｜日报提醒｜日报汇总 HH:MM',
    );
    expect(await say('ZhangSan', '设置 推送时间 简报 07:00')).toContain('只有管理员可以使用');
    expect(await say('Boss', '推送设置')).toContain('日报提醒：17:45');
    expect(sentTo('ZhangSan').length).toBeGreaterThan(0);
  });

  it('shows admins who got which push and whether it was delivered', async () => {
    const history = await say('Boss', '推送记录 20');
    expect(history).toContain('日报汇总 2026-11-23 → 李经理：已送达');
    expect(history).toContain('日报提醒 2026-11-23 → 李四：已送达');
    expect(await say('Boss', '推送记录 100')).toContain('正确格式：推送记录 [条数，最多50]');
    expect(await say('Lead', '推送记录')).toContain('只有管理员可以使用');
  });
});

describe('what a rep writes', () => {
  it('gives the manager what a rep wrote as text, never as markup', async () => {
    await say('LiSi', '日报 计划 # 标题 [链接](http://x) <font color=red>红字</font>');
    expect(await say('LiSi', '提交日报')).toContain('已提交');
    const copy = lastText('Lead');
    expect(copy).toContain('> ＃ 标题 ［链接］(http://x) ＜font color=red＞红字＜/font＞');
    expect(copy).not.toMatch(/^\s*#\s*标题/m);
    expect(copy).not.toContain('<font');
    expect(copy).not.toContain('[链接]');
  });
});
