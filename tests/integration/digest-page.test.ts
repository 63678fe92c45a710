import { FakeWecomApi } from '../support/fake-wecom-api';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { recordingRenderer } from '../support/recording-renderer';
import { customer, department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwdigestpage0001', token: 'digestPageToken', aesKey: randomAesKey() };
const SECRET = 'digest-page-secret';
const DAY_MS = 86_400_000;

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-24T03:00:00Z'); // Tuesday 11:00 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7446100000000000000n });
const { say, sentTo } = chat;

// Ten reps: more than the chat message names in one exception line.
const REPS = Array.from({ length: 10 }, (_, i) => ({ userId: `Rep${i + 1}`, name: `销售${i + 1}号` }));

/** The live page's link in the digest markdown the manager received last. */
function digestLinkOf(user: string): string {
  const markdown = sentTo(user)
    .map((m) => m.markdown?.content ?? '')
    .filter(Boolean)
    .at(-1);
  const link = /\[查看完整简报（实时数据）\]\((http[^)]+)\)/.exec(markdown ?? '')?.[1];
  if (!link) throw new Error(`no digest page link in: ${markdown}`);
  return link;
}

beforeAll(async () => {
  const { renderer } = await recordingRenderer();
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
      department('east', '华东组', {
        Lead: ['李经理', 'manager'],
        ...Object.fromEntries(REPS.map((r) => [r.userId, [r.name, 'rep'] as const])),
      }),
      department('west', '华西组', { WestLead: ['西经理', 'manager'], WestRep: ['西部销售', 'rep'] }),
      {
        // Each rep holds a customer and no opportunity: one exception line names all ten.
        customers: REPS.map((r) => customer(`${r.name}的客户`, { address: '上海', owner: r.userId })),
        targets: [{ period: '2026-11', user: 'Rep1', measure: '订单金额', value: 50000 }],
      },
    ),
    () => now,
    { reportRenderer: renderer },
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('the live digest page', () => {
  it('is linked from 今日简报 and shows the charts and everyone an exception names', async () => {
    await say('Lead', '今日简报');
    const markdown = sentTo('Lead').at(-1)?.markdown?.content ?? '';
    expect(markdown).toContain('> 有客户无商机：');
    expect(markdown).toContain('等 10 项');

    const page = await fetch(digestLinkOf('Lead'));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    const html = await page.text();
    expect(html).toContain('<h1>李经理的团队简报（今日）</h1>');
    expect(html).toContain('<figcaption>目标完成率 vs 时间进度</figcaption><svg');
    const named = /<li>有客户无商机：([^<]*)<\/li>/.exec(html)?.[1] ?? '';
    expect(named.split('、').sort()).toEqual(REPS.map((r) => `${r.name}（1个客户）`).sort());
    expect(html).not.toContain('等 10 项');
  });

  it('is live: a customer created after the message shows at the next opening', async () => {
    const link = digestLinkOf('Lead');
    await say('Rep3', '新建客户 华为深圳 深圳市龙岗区坂田');
    const html = await (await fetch(link)).text();
    expect(html).toContain('<h1>李经理的团队简报（今日）</h1>');
    expect(html).toMatch(/新客户：今日 1 个；本月截至今日 \d+ 个/);
    now = new Date(now.getTime() + DAY_MS); // the next day: yesterday's customer is in the month, not today
    expect(await (await fetch(link)).text()).toMatch(/新客户：今日 0 个；本月截至今日 [1-9]\d* 个/);
  });

  it('drills down from the team to one member’s day, record by record, within the reader’s team only', async () => {
    const link = digestLinkOf('Lead');
    const team = await (await fetch(link)).text();
    const rep3 = /<a href="([^"]+)">销售3号<\/a>/.exec(team)?.[1]?.replace(/&amp;/g, '&');
    expect(rep3).toMatch(/^\/h5\/digest\?t=[^&]+&rep=\d+$/);
    const day = await fetch(new URL(rep3 ?? '', link));
    expect(day.status).toBe(200);
    const html = await day.text();
    expect(html).toContain('<h1>销售3号的记录</h1>');
    expect(html).toContain(
      '<h2>11月24日（简报所报的一天）</h2><ul><li>考勤：未打卡</li><li>新客户 1 个：华为深圳</li>',
    );
    expect(html).toContain('<h2>今天（截至 11:00）</h2><ul><li>考勤：未打卡</li></ul>');

    const westRep = (
      (await bot.db.dataSource.query(
        "SELECT id FROM users WHERE tenant_id = ? AND platform_user_id = 'WestRep'",
        [app.corpId],
      )) as Array<{ id: number }>
    )[0]?.id;
    const outside = await fetch(`${link}&rep=${westRep}`);
    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain('这位同事不在你的团队里');
    expect((await fetch(`${link}&rep=abc`)).status).toBe(403);
  });

  it('refuses a tampered or expired link, and a reader who no longer leads a team', async () => {
    const link = digestLinkOf('Lead');
    const tampered = link.replace(/t=([^.]+)\./, (_m, body: string) => `t=${body.slice(0, -2)}AA.`);
    expect((await fetch(tampered)).status).toBe(400);

    expect(await say('Boss', '设置角色 李经理 销售')).toContain('销售');
    const refused = await fetch(link);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('你已不是主管');
    expect(await say('Boss', '设置角色 李经理 主管')).toContain('主管');
    expect((await fetch(link)).status).toBe(200);

    now = new Date(now.getTime() + 31 * DAY_MS);
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('发送「今日简报」获取新的链接');
  });
});
