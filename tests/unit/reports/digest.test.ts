import { buildDigestMarkdown } from '../../../cards/reports/digest.markdown';
import { buildDigestPage } from '../../../cards/reports/digest-page';
import { composeDigest } from '../../../domain/reports/digest';
import { gatherDigest, type DigestInput } from '../../../domain/reports/digest-data';
import type { ReportFacts } from '../../../domain/reports/facts';
import { DAY, MANAGER, seededFacts, TEAM } from './seeded-facts';

const input: DigestInput = {
  tenantId: 't1',
  manager: MANAGER,
  team: TEAM,
  day: DAY,
  timeZone: 'Asia/Shanghai',
  asOf: new Date('2026-11-24T00:35:00Z'),
  stallDays: 14,
  approvalHours: 24,
  names: new Map([[MANAGER.id, MANAGER.name]]),
};

async function digestWith(facts: ReportFacts) {
  return composeDigest(await gatherDigest(facts, input));
}

describe('the daily digest on a seeded team', () => {
  it('gives the day’s and the month’s numbers with completion against time elapsed', async () => {
    const view = await digestWith(seededFacts());
    expect(view.figures).toEqual([
      '订单：11月23日 1 笔 ¥1万；本月截至11月23日 ¥9.5万',
      '回款：本月截至11月23日 ¥2万',
      // ¥95,000 of ¥250,000 = 38 %; 23 of 30 days = 77 %.
      '本月目标 ¥25万，完成 38%，时间进度 77%（¥19.2万，落后 38.7 个百分点）',
      '拜访：11月23日 3 次；本月截至11月23日 5 次',
      '新客户：11月23日 1 个；本月截至11月23日 1 个',
      '商机：在途 5 个 ¥6万，加权 ¥2万',
      '考勤：出勤 3/4 人，迟到 1，缺卡 1，旷工 0，请假 1',
    ]);
    expect(view.gauge?.completion).toBeCloseTo(0.38);
    expect(view.ranking?.rows.map((r) => [r.name, r.rank])).toEqual([
      ['张三', 1],
      ['李四', 2],
      ['王五', 3],
      ['赵六', 4],
    ]);
  });

  it('names the people and customers that need action, in a fixed order', async () => {
    const view = await digestWith(seededFacts());
    expect(view.exceptions).toEqual([
      { kind: 'late', items: ['李四（15分钟）'] },
      { kind: 'missing_punch', items: ['王五（缺下班卡）'] },
      { kind: 'no_visits', items: ['王五'] },
      { kind: 'follow_up', items: ['腾讯（李四，逾期3天）', '比亚迪（王五，今日到期）'] },
      { kind: 'stalled', items: ['华为深圳 方案报价 20天（张三，¥2万）'] },
      { kind: 'no_opportunities', items: ['李四（5个客户）'] },
      { kind: 'approvals', items: ['#12 李四的报销，待李经理审批30小时'] },
      { kind: 'missing_report', items: ['李四', '王五'] },
      { kind: 'anti_cheat', items: ['王五（上班：手动选点）'] },
    ]);
  });

  it('leaves out the sections whose facts are not there', async () => {
    const { attendance, approvals } = seededFacts();
    const view = await digestWith({ attendance, approvals });
    expect(view.figures).toEqual(['考勤：出勤 3/4 人，迟到 1，缺卡 1，旷工 0，请假 1']);
    expect(view.exceptions.map((e) => e.kind)).toEqual(['late', 'missing_punch', 'approvals', 'anti_cheat']);
    expect(view.ranking).toBeUndefined();
    expect(buildDigestPage(view).charts.map((c) => c.title)).toEqual(['本月考勤（天）']);
  });

  it('says nobody was expected, not that it was a rest day, when the whole team joined later', async () => {
    const { attendance } = seededFacts();
    const joinedLater = { ...attendance!, days: async () => [] };
    const view = await digestWith({ attendance: joinedLater });
    expect(view.figures).toEqual(['考勤：11月23日无应出勤人员']);
  });

  it('measures the team against its department’s own target when one was set, as 团队业绩 does', async () => {
    const facts = seededFacts();
    const withTeamTarget = {
      ...facts,
      targets: {
        ...facts.targets!,
        departmentTarget: async (_t: string, id: number) => (id === 7 ? 19_000_000 : null),
      },
    };
    const view = composeDigest(await gatherDigest(withTeamTarget, { ...input, departmentId: 7 }));
    // ¥95,000 of the department's ¥190,000 = 50 %, not 38 % of the members' ¥250,000.
    expect(view.figures).toContain('本月目标 ¥19万，完成 50%，时间进度 77%（¥14.6万，落后 26.7 个百分点）');
    expect(view.gauge?.targetFen).toBe(19_000_000);
  });

  it('leaves out charts of zeros and a ranking of ties at zero, in the image and in the text', async () => {
    const view = await digestWith(seededFacts());
    const quiet = {
      ...view,
      perRep: view.perRep?.map((r) => ({ ...r, visits: 0, newCustomers: 0 })),
      funnel: view.funnel?.map((stage) => ({ ...stage, count: 0, amountFen: 0 })),
      ranking: view.ranking && {
        ...view.ranking,
        rows: view.ranking.rows.map((r) => ({ ...r, actual: 0, rank: 1 })),
      },
    };
    expect(buildDigestPage(quiet).charts.map((c) => c.title)).toEqual([
      '目标完成率 vs 时间进度',
      '本月考勤（天）',
    ]);
    const markdown = buildDigestMarkdown(quiet);
    expect(markdown.kind === 'markdown' && markdown.text).not.toContain('排行前三');
  });

  it('draws every chart it has data for and writes the exceptions as text', async () => {
    const view = await digestWith(seededFacts());
    const page = buildDigestPage(view);
    expect(page.charts.map((c) => c.title)).toEqual([
      '目标完成率 vs 时间进度',
      '本月考勤（天）',
      '团队排行（订单完成率）',
      '本月拜访与新客户',
      '商机漏斗',
    ]);
    // A team of 4: its attendance bars sit beside the half-width gauge rather than under a half-empty row,
    // and its visits beside the funnel; the ranking keeps a row of its own.
    expect(page.charts.map((c) => c.half ?? false)).toEqual([true, true, false, true, true]);
    const markdown = buildDigestMarkdown(view);
    expect(markdown.kind).toBe('markdown');
    const text = markdown.kind === 'markdown' ? markdown.text : '';
    expect(text).toContain('### 李经理的团队简报（11月23日）');
    expect(text).toContain('> 未交日报：李四、王五');
    expect(text).toContain('> 1. 张三、2. 李四、3. 王五');
    expect(Buffer.byteLength(text)).toBeLessThan(4096);
  });

  it('gives a team of more than six its own row per chart: twelve bars do not fit half a phone image', async () => {
    const view = await digestWith(seededFacts());
    const grow = <T extends { name: string }>(rows: T[] | undefined) =>
      rows && [...rows, ...[1, 2, 3].map((i) => ({ ...(rows[0] as T), name: `新人${i}` }))];
    const bigger = { ...view, perRep: grow(view.perRep), attendance: grow(view.attendance) };
    expect(bigger.perRep).toHaveLength(7);
    expect(buildDigestPage(bigger).charts.map((c) => c.half ?? false)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('keeps the chart specs stable (snapshot of the page the renderer gets)', async () => {
    const view = await digestWith(seededFacts());
    expect(buildDigestPage(view)).toMatchSnapshot();
  });
});
