import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwauditexport001', token: 'auditToken', aesKey: randomAesKey() };
const SECRET = 'audit-export-secret';
const OTHER_TENANT = 'wwotheraudit0001';

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const { say } = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7448000000000000000n });

const linkIn = (answer: string) => /\((http[^)]+)\)/.exec(answer)?.[1] ?? '';
const repos = () => createRepositories(bot.db.manager);

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    department('sales', '销售部', { Boss: 'admin', ZhangSan: 'rep' }),
    () => now,
  );
  const base = { actorUserId: null, before: null, after: { n: 1 } };
  // 23:30 on 31 October in Shanghai: October's; 00:30 on 1 November: November's.
  await repos().auditLog.append({
    ...base,
    tenantId: app.corpId,
    action: 'test.october',
    subject: 'late-october',
    at: new Date('2026-10-31T15:30:00Z'),
  });
  await repos().auditLog.append({
    ...base,
    tenantId: app.corpId,
    action: 'test.november',
    subject: 'early-november',
    at: new Date('2026-10-31T16:30:00Z'),
  });
  await repos().auditLog.append({
    ...base,
    tenantId: OTHER_TENANT,
    action: 'test.other',
    subject: 'other-company-secret',
    at: new Date('2026-11-10T01:00:00Z'),
  });
});

afterAll(async () => {
  await bot.close();
  await fake.stop();
});

describe('审计 导出', () => {
  it("gives an admin the month's audit log as CSV with a BOM, in the tenant's zone, and only this tenant's", async () => {
    now = new Date('2026-11-23T01:10:00Z');
    expect(await say('Boss', '设置上班时间 09:00-18:00')).toContain('已设置上班时间');
    const answer = await say('Boss', '审计 导出');
    expect(answer).toContain('### 审计记录 2026-11');
    const res = await fetch(linkIn(answer));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('audit_2026-11.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,操作人ID,操作,动作代码,对象,修改前,修改后');
    expect(lines.slice(1).some((l) => l.includes('王总') && l.includes('设置上班时间'))).toBe(true);
    const body = lines.join('\n');
    expect(body).toContain('early-november');
    expect(body).not.toContain('late-october');
    expect(body).not.toContain('other-company-secret');
    // The download itself is audited.
    const audits = await repos().auditLog.listRecent(app.corpId, 1);
    expect(audits[0]).toMatchObject({ action: 'audit.export', after: { month: '2026-11' } });
  });

  it('exports another month, and also answers 审计导出', async () => {
    const res = await fetch(linkIn(await say('Boss', '审计导出 2026-10')));
    const text = await res.text();
    expect(text).toContain('late-october');
    expect(text).not.toContain('early-november');
  });

  it('is for admins only, and says how to write it', async () => {
    expect(await say('ZhangSan', '审计 导出')).toBe('「审计」只有管理员可以使用。如需使用，请联系管理员。');
    expect(await say('ZhangSan', '审计导出')).toBe(
      '「审计导出」只有管理员可以使用。如需使用，请联系管理员。',
    );
    expect(await say('Boss', '审计 导出 2026-13')).toBe(
      '没看懂「审计 导出 2026-13」。正确格式：审计 导出 [本月｜上月｜2026-11]\n例如：审计 导出 上月',
    );
    expect(await say('Boss', '审计 导出 2027-01')).toContain('正确格式：审计 导出');
  });

  it('re-checks the admin at every download, refuses a forged or expired link', async () => {
    const link = linkIn(await say('Boss', '审计 导出 上月'));
    expect((await fetch(link)).status).toBe(200);
    const tampered = new URL(link);
    tampered.searchParams.set('t', `${tampered.searchParams.get('t') ?? ''}x`);
    expect((await fetch(tampered)).status).toBe(400);

    await bot.db.dataSource.query(
      "UPDATE users SET role = 'rep' WHERE tenant_id = ? AND platform_user_id = 'Boss'",
      [app.corpId],
    );
    const refused = await fetch(link);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('只有管理员可以下载审计记录');
    await bot.db.dataSource.query(
      "UPDATE users SET role = 'admin' WHERE tenant_id = ? AND platform_user_id = 'Boss'",
      [app.corpId],
    );

    now = new Date(now.getTime() + 61 * 60_000);
    expect((await fetch(link)).status).toBe(410);
  });
});
