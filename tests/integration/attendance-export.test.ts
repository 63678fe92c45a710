import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { LinkSigner } from '../../bot/h5/link-signer';
import { PunchEntity } from '../../storage/entities/punch.entity';
import { createRepositories } from '../../storage/repositories';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { punchRow, storePerson } from '../support/record-builders';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwexport00000001', token: 'exportToken', aesKey: randomAesKey() };
const OTHER_TENANT = 'wwexport00000002';
const SECRET = 'export-secret';
const LINK_SECRET = 'test-link-secret-0123456789'; // what startTestBot gives the bot
const HQ = { lat: 22.5431, lng: 114.0579 };
const FIELD = { lat: 22.5611, lng: 114.0579 }; // 2 km north of HQ

let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-02T00:30:00Z'); // Monday 08:30 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7442000000000000000n });
const { lastTo } = chat;

/** `user` sends `content`; returns the bot's last message to `user`. */
async function say(user: string, content: string) {
  await chat.say(user, content);
  return lastTo(user);
}

/** 签到/签退 at `iso` → the H5 link → the position; no `accuracy` = a point picked on the map. */
async function punch(
  user: string,
  command: '签到' | '签退',
  iso: string,
  point: { lat: number; lng: number },
  options: { accuracy?: number; label?: string } = { accuracy: 20 },
): Promise<string> {
  now = new Date(iso);
  await chat.punchViaPage(user, command, point, options);
  const answer = lastTo(user)?.markdown?.content ?? '';
  expect(answer).toContain(`${command === '签到' ? '上班签到' : '下班签退'}成功`);
  return answer;
}

const download = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, bot.url));
const disposition = (ascii: string, unicode: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(unicode)}`;

/** A sheet's rows as plain values, empty cells as '' (a spreadsheet does not keep empty strings). */
function rowsOf(sheet: ExcelJS.Worksheet, width: number): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(
      Array.from({ length: width }, (_, i) => {
        const value = row.getCell(i + 1).value;
        return typeof value === 'number' || typeof value === 'string' ? value : '';
      }),
    );
  });
  return rows;
}

const DAILY_HEADER = [
  '日期',
  '星期',
  '姓名',
  '用户ID',
  '部门',
  '状态',
  '上班打卡',
  '下班打卡',
  '迟到（分钟）',
  '早退（分钟）',
  '工时（小时）',
  '外勤',
  '缺卡次数',
];
const DAILY = [
  ['2026-11-01', '周日', '孙八', 'LeftGuy', '销售部', '休息', '', '', 0, 0, 0, '否', 0],
  ['2026-11-02', '周一', '孙八', 'LeftGuy', '销售部', '缺卡（下班）', '09:00', '', 0, 0, 0, '否', 1],
  ['2026-11-01', '周日', '张三', 'ZhangSan', '销售部', '休息', '', '', 0, 0, 0, '否', 0],
  ['2026-11-02', '周一', '张三', 'ZhangSan', '销售部', '迟到5分钟', '09:05', '18:10', 5, 0, 9.1, '否', 0],
  ['2026-11-03', '周二', '张三', 'ZhangSan', '销售部', '正常 · 外勤', '08:50', '18:00', 0, 0, 9.2, '是', 0],
  ['2026-11-04', '周三', '张三', 'ZhangSan', '销售部', '未打卡（下班）', '09:00', '', 0, 0, 0, '否', 0],
  ['2026-11-01', '周日', '赵六', 'ZhaoLiu', '销售部', '休息', '', '', 0, 0, 0, '否', 0],
  [
    '2026-11-02',
    '周一',
    '赵六',
    'ZhaoLiu',
    '销售部',
    '早退30分钟 · 外勤',
    '08:55',
    '17:30',
    0,
    30,
    8.6,
    '是',
    0,
  ],
  ['2026-11-03', '周二', '赵六', 'ZhaoLiu', '销售部', '旷工', '', '', 0, 0, 0, '否', 0],
  ['2026-11-04', '周三', '赵六', 'ZhaoLiu', '销售部', '未打卡（上班）', '', '', 0, 0, 0, '否', 0],
  ['2026-11-01', '周日', '王总', 'Boss', '总经办', '休息', '', '', 0, 0, 0, '否', 0],
  ['2026-11-02', '周一', '王总', 'Boss', '总经办', '旷工', '', '', 0, 0, 0, '否', 0],
  ['2026-11-03', '周二', '王总', 'Boss', '总经办', '旷工', '', '', 0, 0, 0, '否', 0],
  ['2026-11-04', '周三', '王总', 'Boss', '总经办', '未打卡（上班）', '', '', 0, 0, 0, '否', 0],
];
const RAW_HEADER = [
  '日期',
  '时间',
  '姓名',
  '用户ID',
  '类型',
  '状态',
  '地点',
  '纬度',
  '经度',
  '来源',
  '外勤',
  '提醒',
];
const RAW = [
  [
    '2026-11-02',
    '09:00',
    '孙八',
    'LeftGuy',
    '上班',
    '正常',
    '总部',
    22.5431,
    114.0579,
    '企业微信/钉钉定位',
    '否',
    '定位精度差',
  ],
  [
    '2026-11-02',
    '09:05',
    '张三',
    'ZhangSan',
    '上班',
    '迟到5分钟',
    '总部',
    22.5433,
    114.058,
    '企业微信/钉钉定位',
    '否',
    '',
  ],
  [
    '2026-11-02',
    '18:10',
    '张三',
    'ZhangSan',
    '下班',
    '正常',
    '总部',
    22.5431,
    114.0579,
    '企业微信/钉钉定位',
    '否',
    '',
  ],
  [
    '2026-11-03',
    '08:50',
    '张三',
    'ZhangSan',
    '上班',
    '正常',
    '总部',
    22.5431,
    114.0579,
    '企业微信/钉钉定位',
    '否',
    '',
  ],
  [
    '2026-11-03',
    '18:00',
    '张三',
    'ZhangSan',
    '下班',
    '正常',
    '总部',
    22.5431,
    114.0579,
    '手动输入坐标',
    '是',
    '手动选点',
  ],
  [
    '2026-11-04',
    '09:00',
    '张三',
    'ZhangSan',
    '上班',
    '正常',
    '总部',
    22.5431,
    114.0579,
    '企业微信/钉钉定位',
    '否',
    '',
  ],
  [
    '2026-11-02',
    '08:55',
    '赵六',
    'ZhaoLiu',
    '上班',
    '正常',
    '福田区莲花路（距总部2.0公里）',
    22.5611,
    114.0579,
    '企业微信/钉钉定位',
    '是',
    '',
  ],
  [
    '2026-11-02',
    '17:30',
    '赵六',
    'ZhaoLiu',
    '下班',
    '早退30分钟',
    '总部',
    22.5431,
    114.0579,
    '企业微信/钉钉定位',
    '否',
    '',
  ],
];
const SUMMARY_HEADER = [
  '姓名',
  '用户ID',
  '部门',
  '在职状态',
  '应出勤天数',
  '出勤天数',
  '休息日出勤天数',
  '迟到次数',
  '迟到（分钟）',
  '早退次数',
  '早退（分钟）',
  '缺卡次数',
  '补卡次数',
  '旷工天数',
  '请假天数',
  '部分请假天数',
  '外勤天数',
  '工时不足天数',
  '工时（小时）',
  '加班（小时）',
];
const SUMMARY = [
  ['孙八', 'LeftGuy', '销售部', '已离职', 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
  ['张三', 'ZhangSan', '销售部', '在职', 3, 3, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 18.3, 0],
  ['赵六', 'ZhaoLiu', '销售部', '在职', 3, 1, 0, 0, 0, 1, 30, 0, 0, 1, 0, 0, 1, 0, 8.6, 0],
  ['王总', 'Boss', '总经办', '在职', 3, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0],
];
/** CSV carries text: numbers as written, hours (工时 of the daily table, 工时 and 加班 of the summary) with one decimal. */
const asCsv = (rows: Array<Array<string | number>>, ...decimalColumns: number[]) =>
  rows.map((row) =>
    row.map((cell, i) =>
      typeof cell === 'number' ? (decimalColumns.includes(i) ? cell.toFixed(1) : String(cell)) : cell,
    ),
  );

let links: Record<string, string> = {};

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  // Everyone joined (was imported) before the month, so every day of it is theirs.
  const firstPunchDay = now;
  now = new Date('2026-10-31T00:00:00Z');
  bot = await startTestBot(
    wecomEnv(app, SECRET, apiBase),
    tenantSeed(
      department('hq', '总经办', { Boss: 'admin' }),
      department('sales', '销售部', {
        ZhangSan: 'rep',
        ZhaoLiu: 'rep',
        LeftGuy: ['孙八', 'rep'],
        Gone: ['周九', 'rep'],
      }),
    ),
    () => now,
  );
  now = firstPunchDay;
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('导出考勤', () => {
  it('refuses a rep', async () => {
    expect((await say('ZhangSan', '导出考勤 本月'))?.text?.content).toBe(
      '「导出考勤」只有管理员可以使用。如需使用，请联系管理员。',
    );
  });

  it('records a few days of punches through the H5 page', async () => {
    expect((await say('Boss', '设置考勤地点 总部 22.5431,114.0579 300米'))?.markdown?.content).toContain(
      '已设置考勤地点「总部」',
    );
    await punch('ZhaoLiu', '签到', '2026-11-02T00:55:00Z', FIELD, { accuracy: 20, label: '福田区莲花路' });
    await punch('LeftGuy', '签到', '2026-11-02T01:00:00Z', HQ, { accuracy: 500 });
    await punch('ZhangSan', '签到', '2026-11-02T01:05:00Z', { lat: 22.5433, lng: 114.058 });
    await punch('ZhaoLiu', '签退', '2026-11-02T09:30:00Z', HQ);
    await punch('ZhangSan', '签退', '2026-11-02T10:10:00Z', HQ);
    await punch('ZhangSan', '签到', '2026-11-03T00:50:00Z', HQ);
    await punch('ZhangSan', '签退', '2026-11-03T10:00:00Z', HQ, {}); // a point picked on the map
    await punch('ZhangSan', '签到', '2026-11-04T01:00:00Z', HQ);
    // 孙八 and 周九 leave; the directory keeps them, inactive.
    await bot.db.dataSource.query(
      "UPDATE users SET active = 0 WHERE platform_user_id IN ('LeftGuy', 'Gone')",
    );
    // Another tenant in the same database, with an admin of its own and a punch this month.
    const repos = createRepositories(bot.db.manager);
    const otherRep = await storePerson(
      repos,
      { tenantId: OTHER_TENANT, userId: 'Boss' },
      { name: '乙公司员工', role: 'rep', at: now },
    );
    await storePerson(
      repos,
      { tenantId: OTHER_TENANT, userId: 'OtherAdmin' },
      { name: '乙公司管理员', role: 'admin', at: now },
    );
    await bot.db.manager.insert(
      PunchEntity,
      punchRow({
        tenantId: OTHER_TENANT,
        userId: otherRep,
        kind: 'in',
        workDate: '2026-11-02',
        punchedAt: new Date('2026-11-02T01:00:00Z'),
        lat: 31.23,
        lng: 121.47,
        createdAt: now,
      }),
    );
  });

  it('answers an admin with a card of download links', async () => {
    now = new Date('2026-11-04T02:00:00Z'); // Wednesday 10:00
    const card = (await say('Boss', '导出考勤 本月'))?.template_card;
    expect(card?.main_title.title).toBe('2026年11月考勤导出');
    const buttons = card?.button_list ?? [];
    expect(buttons.map((b) => [b.text, b.type])).toEqual([
      ['下载 Excel', 1],
      ['CSV 每日考勤', 1],
      ['CSV 打卡原始数据', 1],
      ['CSV 月度汇总', 1],
    ]);
    links = Object.fromEntries(buttons.map((b) => [b.text, b.url ?? '']));
    expect(new URL(links['CSV 每日考勤'] ?? '').searchParams.get('kind')).toBe('daily');
  });

  it('serves the workbook: three sheets, bold frozen header, text dates, numeric figures', async () => {
    const res = await download(links['下载 Excel'] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      disposition('attendance_2026-11.xlsx', '考勤_2026-11.xlsx'),
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['每日考勤', '打卡原始数据', '月度汇总']);
    const [daily, raw, summary] = workbook.worksheets as [
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
    ];
    expect(rowsOf(daily, DAILY_HEADER.length)).toEqual([DAILY_HEADER, ...DAILY]);
    expect(rowsOf(raw, RAW_HEADER.length)).toEqual([RAW_HEADER, ...RAW]);
    expect(rowsOf(summary, SUMMARY_HEADER.length)).toEqual([SUMMARY_HEADER, ...SUMMARY]);
    expect(daily.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(daily.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(daily.getColumn(6).width).toBe(28);
    expect(daily.getCell('K5').numFmt).toBe('0.0');
  });

  it('serves each table as a UTF-8 CSV with a BOM', async () => {
    const cases = [
      {
        label: 'CSV 每日考勤',
        ascii: 'attendance_2026-11_daily.csv',
        unicode: '考勤_2026-11_每日考勤.csv',
        rows: [DAILY_HEADER, ...asCsv(DAILY, 10)],
      },
      {
        label: 'CSV 打卡原始数据',
        ascii: 'attendance_2026-11_punches.csv',
        unicode: '考勤_2026-11_打卡原始数据.csv',
        rows: [RAW_HEADER, ...asCsv(RAW)],
      },
      {
        label: 'CSV 月度汇总',
        ascii: 'attendance_2026-11_summary.csv',
        unicode: '考勤_2026-11_月度汇总.csv',
        rows: [SUMMARY_HEADER, ...asCsv(SUMMARY, 18, 19)],
      },
    ];
    for (const c of cases) {
      const res = await download(links[c.label] ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(disposition(c.ascii, c.unicode));
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parse(bytes, { bom: true })).toEqual(c.rows);
    }
  });

  it('lets the link be used again within the hour, and audits every download', async () => {
    now = new Date('2026-11-04T02:59:00Z');
    expect((await download(links['CSV 月度汇总'] ?? '')).status).toBe(200);
    const audit = (await bot.db.dataSource.query(
      "SELECT action, after_value FROM audit_log WHERE action = 'attendance.export' ORDER BY id",
    )) as Array<{ after_value: string }>;
    expect(audit).toHaveLength(5);
    expect(JSON.parse(audit[0]?.after_value ?? '{}')).toEqual({ month: '2026-11', format: 'xlsx' });
  });

  it('refuses a tampered link (400), a location link (400) and an expired one (410)', async () => {
    const url = new URL(links['下载 Excel'] ?? '');
    const [body, signature] = (url.searchParams.get('t') ?? '').split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const toOtherTenant = Buffer.from(JSON.stringify({ ...payload, t: OTHER_TENANT })).toString('base64url');
    expect((await fetch(`${bot.url}/h5/export?t=${toOtherTenant}.${signature}`)).status).toBe(400);
    expect((await fetch(`${bot.url}/h5/export?t=garbage`)).status).toBe(400);
    expect((await download(links['CSV 每日考勤']?.replace('kind=daily', 'kind=salary') ?? '')).status).toBe(
      400,
    );
    const locationCard = await say('Boss', '签到');
    const locationToken = new URL(locationCard?.template_card?.jump_list?.[0]?.url ?? '').searchParams.get(
      't',
    );
    expect((await fetch(`${bot.url}/h5/export?t=${locationToken}`)).status).toBe(400);
    const exportToken = url.searchParams.get('t');
    const asLocation = await fetch(`${bot.url}/h5/location?t=${exportToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...HQ, source: 'im_sdk' }),
    });
    expect(asLocation.status).toBe(400);

    now = new Date('2026-11-04T03:00:01Z'); // an hour and a second after it was issued
    const expired = await download(links['下载 Excel'] ?? '');
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('下载链接已过期');
  });

  it('checks at download time that the person is still an admin of the tenant the link names', async () => {
    now = new Date('2026-11-04T04:00:00Z');
    const card = await say('Boss', '导出考勤 本月');
    const fresh = card?.template_card?.button_list?.[3]?.url ?? '';
    expect((await download(fresh)).status).toBe(200);
    await bot.db.dataSource.query(
      `UPDATE users SET role = 'rep' WHERE platform_user_id = 'Boss' AND tenant_id = '${app.corpId}'`,
    );
    const demoted = await download(fresh);
    expect(demoted.status).toBe(403);
    expect(await demoted.text()).toContain('只有管理员可以下载考勤数据');
    await bot.db.dataSource.query(
      `UPDATE users SET role = 'admin' WHERE platform_user_id = 'Boss' AND tenant_id = '${app.corpId}'`,
    );

    // Links are signed with the bot's secret; forge what the other tenant would get.
    const signer = new LinkSigner(LINK_SECRET);
    const otherLink = (user: string) =>
      `${bot.url}/h5/export?t=${signer.issue({ t: OTHER_TENANT, p: 'wecom', u: user, purpose: 'export', m: '2026-11', f: 'csv' }, now.getTime())}&kind=summary`;
    // The same user id is only a rep over there.
    expect((await fetch(otherLink('Boss'))).status).toBe(403);
    // The other tenant's admin sees their own people only, and ours never.
    const other = parse(Buffer.from(await (await fetch(otherLink('OtherAdmin'))).arrayBuffer()), {
      bom: true,
    }) as string[][];
    expect(other.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['乙公司管理员', 'OtherAdmin', '', '在职'],
      ['乙公司员工', 'Boss', '', '在职'],
    ]);
    expect(fake.unexpected).toEqual([]);
  });
});
