import { readTable, UnreadableTableError } from '../../../storage/import/table-reader';

describe('readTable', () => {
  it('reads a CSV saved by Excel on Chinese Windows (GB18030) as well as UTF-8 with a BOM', async () => {
    // 「名称\r\n华为」 in GBK: 名 C3FB, 称 B3C6, 华 BBAA, 为 CEAA.
    const gbk = new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a, 0xbb, 0xaa, 0xce, 0xaa]);
    expect(await readTable(gbk)).toEqual([
      { row: 1, cells: ['名称'] },
      { row: 2, cells: ['华为'] },
    ]);
    expect(await readTable(new TextEncoder().encode('\uFEFF名称,电话\n"华为, 深圳",138'))).toEqual([
      { row: 1, cells: ['名称', '电话'] },
      { row: 2, cells: ['华为, 深圳', '138'] },
    ]);
  });

  it('refuses a broken workbook', async () => {
    await expect(readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).rejects.toBeInstanceOf(
      UnreadableTableError,
    );
  });
});
