import {
  cellsOf,
  IMPORT_COLUMNS,
  checkImportRow,
  importSummaryText,
  mapHeader,
  parseContacts,
  parseLatLng,
} from '../../../domain/field/customer-import';
import { lookUpPerson, personLookupProblem } from '../../../domain/field/person-lookup';
import type { UserProfile } from '../../../domain/org/user';

const header = ['客户名称', '地址', '电话', '分类', '负责人', '区域', '联系人', '经纬度'];
const columns = (() => {
  const mapped = mapHeader(header);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.columns;
})();
const check = (row: string[]) => checkImportRow(cellsOf(row, columns, IMPORT_COLUMNS));

describe('mapHeader', () => {
  it('maps Chinese headers and their usual aliases, in any order', () => {
    const mapped = mapHeader(['电话', ' 名称 ', '备注']);
    expect(mapped.ok && [...mapped.columns.entries()]).toEqual([
      [0, '电话'],
      [1, '名称'],
    ]);
  });
  it('refuses a table without 名称, or a column twice', () => {
    expect(mapHeader(['地址', '电话'])).toEqual({
      ok: false,
      reason:
        '第1行应为表头，至少包含「名称」列。可用的列：名称、地址、电话、分类、负责人、区域、联系人、经纬度。',
    });
    expect(mapHeader(['名称', '客户名称'])).toEqual({
      ok: false,
      reason: '表头「名称」出现了两次，请只保留一列。',
    });
  });
});

describe('checkImportRow', () => {
  it('accepts a full row', () => {
    expect(
      check([
        '华为技术有限公司',
        '深圳',
        '138-0013-8000',
        'a类',
        '张三',
        '华南',
        '王经理 13900139000；李工',
        '22.5,114.05',
      ]),
    ).toEqual({
      ok: true,
      customer: {
        name: '华为技术有限公司',
        normalizedName: '华为技术',
        address: '深圳',
        phone: '138-0013-8000',
        phoneNormalized: '13800138000',
        category: 'A',
        owner: '张三',
        region: '华南',
        contacts: [
          { name: '王经理', phone: '13900139000' },
          { name: '李工', phone: null },
        ],
        location: { lat: 22.5, lng: 114.05 },
      },
    });
  });
  it('gives every reason of a bad row, in Chinese', () => {
    expect(check(['华', '', '12345', 'D', '', '', '13800138000', '200,300'])).toEqual({
      ok: false,
      reasons: [
        '名称应为2–64个字，且含文字或数字',
        '电话「12345」无法识别，请填写11位手机号或带区号的座机',
        '分类「D」应为 A、B 或 C',
        '经纬度「200,300」应写成「纬度,经度」，如 22.5431,114.0579',
        '联系人「13800138000」应写成「姓名 电话」，多人用分号隔开',
      ],
    });
    expect(check(['', '地址'])).toEqual({ ok: false, reasons: ['名称为空'] });
  });
});

describe('small parsers', () => {
  it('reads coordinates with a comma, a Chinese comma or a space', () => {
    expect(parseLatLng('22.5431，114.0579')).toEqual({ lat: 22.5431, lng: 114.0579 });
    expect(parseLatLng('22.5 114')).toEqual({ lat: 22.5, lng: 114 });
    expect(parseLatLng('114.0579')).toBeNull();
  });
  it('reads contacts separated by semicolons', () => {
    expect(parseContacts('')).toEqual([]);
    expect(parseContacts('王经理 138 0013 8000')).toEqual([{ name: '王经理', phone: '138 0013 8000' }]);
    expect(parseContacts('王经理 12345678')).toBeNull();
    expect(parseContacts('Tom Lee 13800138000')).toEqual([{ name: 'Tom Lee', phone: '13800138000' }]);
  });
});

describe('owners', () => {
  const person = (id: number, name: string, platformUserId: string): UserProfile => ({
    id,
    tenantId: 't',
    platform: 'wecom',
    platformUserId,
    name,
    role: 'rep',
    departmentId: null,
    createdAt: new Date(0),
    active: true,
  });
  const people = [person(1, '张三', 'ZhangSan'), person(2, '李四', 'LiSi'), person(3, '李四', 'LiSi2')];
  it('finds a person by name or user id, and says why not', () => {
    expect(lookUpPerson(people, 'zhangsan')).toMatchObject({ ok: true, person: { id: 1 } });
    expect(personLookupProblem('负责人', '李四', lookUpPerson(people, '李四'))).toBe(
      '负责人「李四」有2位同名同事：李四（LiSi）、李四（LiSi2），请改用用户ID',
    );
    expect(personLookupProblem('负责人', '王五', lookUpPerson(people, '王五'))).toBe(
      '负责人「王五」不是本单位的同事，请检查姓名或改用用户ID',
    );
  });
});

describe('importSummaryText', () => {
  it('summarises and lists the first errors', () => {
    const errors = Array.from({ length: 7 }, (_, i) => ({
      row: i + 2,
      name: `客户${i}`,
      reason: '名称为空',
    }));
    const text = importSummaryText({ total: 10, created: 3, errors });
    expect(text.split('\n')[0]).toBe('客户导入完成：共10行，成功3行，失败7行。');
    expect(text).toContain('第2行 客户0：名称为空');
    expect(text.split('\n').at(-1)).toBe('……其余2行见错误报告。');
  });
});
