import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildAttendanceExportCard } from '../../../cards/attendance-export.card';
import { csvStreamOf } from '../../../bot/export/csv-writer';
import { writeXlsx } from '../../../bot/export/xlsx-writer';
import { exportFileNames } from '../../../bot/h5/export-routes';
import { createLinkFactory } from '../../../bot/h5/link-factory';
import { LINK_TTL_MS, LinkSigner } from '../../../bot/h5/link-signer';
import type { ExportFile } from '../../../domain/attendance/export';
import type { ExportTable } from '../../../domain/exports/table';
import { cardSchema } from '../../../domain/messages/reply';

const signer = new LinkSigner('a-secret-of-sufficient-length');
const now = 1_795_000_000_000;
const admin = { tenantId: 'corpA', platform: 'wecom' as const, platformUserId: 'Boss' };
const HOUR = 60 * 60 * 1000;

const tokenOf = (url: string) => new URL(url).searchParams.get('t') ?? '';
const exportUrl = (baseUrl: string, month: string, file: ExportFile) =>
  createLinkFactory(signer, baseUrl, admin, () => now).attendanceExport(month, file);

describe('export links', () => {
  it('carry the tenant, the admin, the month and the format, for an hour', () => {
    const url = exportUrl('https://bot.example.com', '2026-11', { format: 'csv', kind: 'raw' });
    expect(url).toMatch(/^https:\/\/bot\.example\.com\/h5\/export\?t=[\w-]+\.[\w-]+&kind=raw$/);
    const check = signer.verify(tokenOf(url), now + HOUR, 'export');
    expect(check).toMatchObject({
      ok: true,
      payload: {
        t: 'corpA',
        p: 'wecom',
        u: 'Boss',
        purpose: 'export',
        m: '2026-11',
        f: 'csv',
        exp: now + HOUR,
      },
    });
    expect(signer.verify(tokenOf(url), now + HOUR + 1, 'export')).toEqual({ ok: false, reason: 'expired' });
  });

  it('are good for their own purpose only', () => {
    const exportToken = tokenOf(exportUrl('https://b', '2026-11', { format: 'xlsx' }));
    const locationToken = signer.issue({ t: 'corpA', p: 'wecom', u: 'Boss', purpose: 'location' }, now);
    expect(signer.verify(exportToken, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify(exportToken, now, 'location')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify(locationToken, now, 'export')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify(locationToken, now)).toMatchObject({
      ok: true,
      payload: { exp: now + LINK_TTL_MS },
    });
  });

  it('cannot be moved to another tenant: the tenant is under the signature', () => {
    const [body, signature] = tokenOf(exportUrl('https://b', '2026-11', { format: 'xlsx' })).split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const moved = Buffer.from(JSON.stringify({ ...payload, t: 'corpB' })).toString('base64url');
    expect(signer.verify(`${moved}.${signature}`, now, 'export')).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuse a month that is not YYYY-MM', () => {
    const forged = signer.issue(
      { t: 'corpA', p: 'wecom', u: 'Boss', purpose: 'export', m: '2026-13', f: 'xlsx' },
      now,
    );
    expect(signer.verify(forged, now, 'export')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('export file names', () => {
  it('are Chinese with an ASCII fallback', () => {
    expect(exportFileNames('2026-11', { format: 'xlsx' })).toEqual({
      unicode: '考勤_2026-11.xlsx',
      ascii: 'attendance_2026-11.xlsx',
    });
    expect(exportFileNames('2026-11', { format: 'csv', kind: 'raw' })).toEqual({
      unicode: '考勤_2026-11_打卡原始数据.csv',
      ascii: 'attendance_2026-11_punches.csv',
    });
  });
});

const table: ExportTable = {
  title: '打卡原始数据',
  columns: [
    { header: '姓名', width: 10 },
    { header: '地点', width: 30 },
    { header: '经度', width: 12 },
    { header: '工时（小时）', width: 12, decimals: 1 },
  ],
  rows: [
    ['张三', '福田区, "莲花路"', -74.006, 9],
    ['=HYPERLINK("http://evil")', '+86 地址', 114.0579, 8.25],
  ],
};

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('CSV writer', () => {
  it('writes UTF-8 with a BOM, CRLF, quoting, fixed decimals, and defuses formulas in text', async () => {
    const bytes = await bytesOf(csvStreamOf(table));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[1]).toBe('张三,"福田区, ""莲花路""",-74.006,9.0');
    expect(parse(bytes, { bom: true })).toEqual([
      ['姓名', '地点', '经度', '工时（小时）'],
      ['张三', '福田区, "莲花路"', '-74.006', '9.0'],
      ['\'=HYPERLINK("http://evil")', "'+86 地址", '114.0579', '8.3'],
    ]);
  });
});

describe('XLSX writer', () => {
  it('writes a sheet per table with a bold frozen header, widths, and cells of their own type', async () => {
    const out = new PassThrough();
    const [bytes] = await Promise.all([
      bytesOf(out),
      writeXlsx([table, { ...table, title: '月度汇总', rows: [] }], out),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer); // exceljs declares its own Buffer as an ArrayBuffer
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['打卡原始数据', '月度汇总']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '地点', '经度', '工时（小时）']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.columns.map((c) => c.width)).toEqual([10, 30, 12, 12]);
    // In a workbook a formula-looking text stays text: it is a string cell, never a formula.
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getCell('C2').value).toBe(-74.006);
    expect(sheet.getCell('D3')).toMatchObject({ value: 8.25, numFmt: '0.0' });
    expect(workbook.worksheets[1]?.rowCount).toBe(1);
  });
});

describe('export card', () => {
  it('offers the workbook and one CSV per table, as links', () => {
    const card = buildAttendanceExportCard({
      cardId: 'export-abc',
      month: '2026-11',
      throughDate: '2026-11-04',
      isWholeMonth: false,
      validMinutes: 60,
      links: {
        xlsx: 'https://b/x',
        csv: { daily: 'https://b/d', raw: 'https://b/r', summary: 'https://b/s' },
      },
    });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toEqual({
      id: 'export-abc',
      title: '2026年11月考勤导出',
      description:
        'Excel 含三张表：每日考勤、打卡原始数据、月度汇总；CSV 每张表一个文件。链接1小时内有效，仅限管理员下载。',
      fields: [{ label: '统计范围', value: '2026-11-01 至 2026-11-04（截至今天）' }],
      buttons: [
        { type: 'link', label: '下载 Excel', url: 'https://b/x' },
        { type: 'link', label: 'CSV 每日考勤', url: 'https://b/d' },
        { type: 'link', label: 'CSV 打卡原始数据', url: 'https://b/r' },
        { type: 'link', label: 'CSV 月度汇总', url: 'https://b/s' },
      ],
    });
  });
});
