import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Database } from '../../../storage/database';
import { createRepositories } from '../../../storage/repositories';
import { describeRosterReport, importRosterFile } from '../../../storage/seed/roster-file';
import { applySeed } from '../../../storage/seed/seed-file';
import { seedFileSchema } from '../../../storage/seed/seed-schema';
import { department, tenantSeed } from '../../support/seed-builders';
import { freshDatabaseUrl } from '../../support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'fieldbot-roster-'));
const NOW = new Date('2026-11-23T02:00:00Z');
const T = 'troster';
let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  await applySeed(
    db,
    seedFileSchema.parse(
      tenantSeed(
        department('s1', '销售一部', {
          ZhangSan: 'rep',
          ZhangSan2: ['张三', 'rep'],
          LiSi: { role: 'rep', hiredOn: '2019-04-01' },
        }),
        { attendance: { shifts: [{ name: '早班', start: '07:00', end: '15:00' }] } },
      ),
    ),
    { tenantId: T, platform: 'wecom' },
    NOW,
  );
});

afterAll(async () => {
  await db.close();
});

const rosterOf = async (platformUserId: string) => {
  const repos = createRepositories(db.manager);
  const person = (await repos.users.findActiveInTenant(T)).find((p) => p.platformUserId === platformUserId);
  return repos.roster.rosterFor(T, [person?.id ?? 0], '2026-12-01', '2026-12-31');
};

it('assigns shifts and rest days from a CSV, reporting every other row with its reason', async () => {
  const file = join(dir, 'roster.csv');
  writeFileSync(
    file,
    [
      '成员,日期,班次',
      '李四,2026-12-07,早班',
      'LiSi,2026-12-08,休息',
      '张三,2026-12-07,早班',
      '王五,2026-12-07,早班',
      '李四,2026-12-32,早班',
      '李四,2026-12-09,晚班',
    ].join('\n'),
  );
  expect(describeRosterReport(await importRosterFile(db, T, file, NOW))).toBe(
    [
      '写入排班 2 条，出错 4 行',
      '第 4 行：有2位同事叫「张三」，请改用用户ID',
      '第 5 行：没有同事「王五」',
      '第 6 行：日期「2026-12-32」应写作 2026-12-07',
      '第 7 行：班次「晚班」不存在，应为 早班、休息 之一',
    ].join('\n'),
  );
  expect((await rosterOf('LiSi')).sort((a, b) => a.workDate.localeCompare(b.workDate))).toEqual([
    expect.objectContaining({ workDate: '2026-12-07', shiftName: '早班' }),
    expect.objectContaining({ workDate: '2026-12-08', shiftName: null }),
  ]);
  expect(
    await createRepositories(db.manager).users.hireDateOf(T, (await rosterOf('LiSi'))[0]?.userId ?? 0),
  ).toBe('2019-04-01');
});

it('reads an XLSX the same way, a later row replacing a date', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('排班');
  sheet.addRows([
    ['成员', '日期', '班次'],
    ['LiSi', '2026-12-07', '休息'],
  ]);
  const file = join(dir, 'roster.xlsx');
  await workbook.xlsx.writeFile(file);
  expect(describeRosterReport(await importRosterFile(db, T, file, NOW))).toBe('写入排班 1 条，出错 0 行');
  expect((await rosterOf('LiSi')).find((d) => d.workDate === '2026-12-07')?.shiftName).toBeNull();
  const audit = (await db.dataSource.query(
    "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'attendance.roster.import'",
  )) as Array<{ n: number | string }>;
  expect(Number(audit[0]?.n)).toBe(2);
});
