import {
  buildAttendanceExport,
  clockOnWorkDate,
  exportDatesOf,
  type ExportPerson,
  type ExportPunch,
} from '../../../domain/attendance/export';
import { OFFICE, settingsOf } from './helpers';

const FIELD_POINT = { lat: 22.5611, lng: 114.0579 };

function punch(
  id: number,
  userId: number,
  kind: 'in' | 'out',
  iso: string,
  extra: Partial<ExportPunch> = {},
): ExportPunch {
  return {
    id,
    userId,
    kind,
    workDate: iso.slice(0, 10),
    at: new Date(iso),
    isField: false,
    lat: OFFICE.lat,
    lng: OFFICE.lng,
    source: 'im_sdk',
    status: 'normal',
    lateMinutes: 0,
    earlyMinutes: 0,
    placeName: OFFICE.name,
    insidePlace: true,
    flags: [],
    address: null,
    distanceM: 12,
    ...extra,
  };
}

const person = (
  id: number,
  platformUserId: string,
  name: string,
  department: string | null,
  active = true,
): ExportPerson => ({
  id,
  platformUserId,
  name,
  department,
  active,
  joinedOn: '2026-01-01',
});

describe('monthly attendance export (Asia/Shanghai)', () => {
  const settings = settingsOf();
  const people = [
    person(1, 'zhangsan', '张三', '销售部'),
    person(2, 'lisi', '李四', '销售部', false), // left after 11-02: kept, with the days up to the last punch
    person(3, 'wangwu', '王五', '财务部', false), // left earlier, nothing this month: not listed
    person(4, 'zhaoliu', '赵六', null),
  ];
  const punches: ExportPunch[] = [
    punch(11, 1, 'in', '2026-11-02T09:05:00+08:00', { status: 'late', lateMinutes: 5 }),
    punch(12, 1, 'out', '2026-11-02T18:00:00+08:00'),
    punch(13, 1, 'in', '2026-11-03T09:00:00+08:00', {
      ...FIELD_POINT,
      isField: true,
      source: 'map',
      insidePlace: false,
      distanceM: 2002,
      address: '福田区莲花路',
      flags: ['picked_point'],
    }),
    punch(14, 1, 'out', '2026-11-03T17:40:00+08:00', { status: 'early', earlyMinutes: 20 }),
    punch(15, 1, 'in', '2026-11-04T09:00:00+08:00', { flags: ['poor_precision'] }),
    punch(16, 1, 'in', '2026-11-06T08:58:00+08:00', {
      ...FIELD_POINT,
      isField: true,
      insidePlace: false,
      distanceM: 2002,
      address: null,
    }),
    punch(21, 2, 'in', '2026-11-02T09:00:00+08:00'),
    punch(22, 2, 'out', '2026-11-02T18:00:00+08:00'),
  ];
  // Friday 2026-11-06 at noon: the month so far, today still open.
  const result = buildAttendanceExport({
    month: '2026-11',
    settings,
    people,
    punches,
    leaves: [],
    corrections: [],
    roster: [],
    now: new Date('2026-11-06T12:00:00+08:00'),
  });

  it('covers the month up to today', () => {
    expect(result.throughDate).toBe('2026-11-06');
    expect(exportDatesOf('2026-11', '2026-11-06')).toHaveLength(6);
    expect(exportDatesOf('2026-12', '2026-11-06')).toEqual([]);
  });

  it('lists one row per person per day: late, field, early, missing, absent, rest and today still open', () => {
    const { columns, rows, title } = result.tables.daily;
    expect(title).toBe('每日考勤');
    expect(columns.map((c) => c.header)).toEqual([
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
    ]);
    expect(rows).toEqual([
      // 销售部 first (pinyin: 李 before 张), then people without a department.
      ['2026-11-01', '周日', '李四', 'lisi', '销售部', '休息', '', '', 0, 0, 0, '否', 0],
      ['2026-11-02', '周一', '李四', 'lisi', '销售部', '正常', '09:00', '18:00', 0, 0, 9, '否', 0],
      ['2026-11-01', '周日', '张三', 'zhangsan', '销售部', '休息', '', '', 0, 0, 0, '否', 0],
      ['2026-11-02', '周一', '张三', 'zhangsan', '销售部', '迟到5分钟', '09:05', '18:00', 5, 0, 8.9, '否', 0],
      [
        '2026-11-03',
        '周二',
        '张三',
        'zhangsan',
        '销售部',
        '早退20分钟 · 外勤',
        '09:00',
        '17:40',
        0,
        20,
        8.7,
        '是',
        0,
      ],
      ['2026-11-04', '周三', '张三', 'zhangsan', '销售部', '缺卡（下班）', '09:00', '', 0, 0, 0, '否', 1],
      ['2026-11-05', '周四', '张三', 'zhangsan', '销售部', '旷工', '', '', 0, 0, 0, '否', 0],
      [
        '2026-11-06',
        '周五',
        '张三',
        'zhangsan',
        '销售部',
        '未打卡（下班） · 外勤',
        '08:58',
        '',
        0,
        0,
        0,
        '是',
        0,
      ],
      ['2026-11-01', '周日', '赵六', 'zhaoliu', '', '休息', '', '', 0, 0, 0, '否', 0],
      ['2026-11-02', '周一', '赵六', 'zhaoliu', '', '旷工', '', '', 0, 0, 0, '否', 0],
      ['2026-11-03', '周二', '赵六', 'zhaoliu', '', '旷工', '', '', 0, 0, 0, '否', 0],
      ['2026-11-04', '周三', '赵六', 'zhaoliu', '', '旷工', '', '', 0, 0, 0, '否', 0],
      ['2026-11-05', '周四', '赵六', 'zhaoliu', '', '旷工', '', '', 0, 0, 0, '否', 0],
      ['2026-11-06', '周五', '赵六', 'zhaoliu', '', '未打卡（上班）', '', '', 0, 0, 0, '否', 0],
    ]);
    expect(result.tables.daily.columns[10]).toEqual({ header: '工时（小时）', width: 12, decimals: 1 });
  });

  it('lists every punch with its place, source and anti-cheat labels', () => {
    const { columns, rows } = result.tables.raw;
    expect(columns.map((c) => c.header)).toEqual([
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
    ]);
    expect(rows).toEqual([
      [
        '2026-11-02',
        '09:00',
        '李四',
        'lisi',
        '上班',
        '正常',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '',
      ],
      [
        '2026-11-02',
        '18:00',
        '李四',
        'lisi',
        '下班',
        '正常',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '',
      ],
      [
        '2026-11-02',
        '09:05',
        '张三',
        'zhangsan',
        '上班',
        '迟到5分钟',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '',
      ],
      [
        '2026-11-02',
        '18:00',
        '张三',
        'zhangsan',
        '下班',
        '正常',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '',
      ],
      [
        '2026-11-03',
        '09:00',
        '张三',
        'zhangsan',
        '上班',
        '正常',
        '福田区莲花路（距深圳总部2.0公里）',
        22.5611,
        114.0579,
        '地图选点',
        '是',
        '手动选点',
      ],
      [
        '2026-11-03',
        '17:40',
        '张三',
        'zhangsan',
        '下班',
        '早退20分钟',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '',
      ],
      [
        '2026-11-04',
        '09:00',
        '张三',
        'zhangsan',
        '上班',
        '正常',
        '深圳总部',
        OFFICE.lat,
        OFFICE.lng,
        '企业微信/钉钉定位',
        '否',
        '定位精度差',
      ],
      [
        '2026-11-06',
        '08:58',
        '张三',
        'zhangsan',
        '上班',
        '正常',
        '距深圳总部2.0公里',
        22.5611,
        114.0579,
        '企业微信/钉钉定位',
        '是',
        '',
      ],
    ]);
  });

  it('sums up each person, a deactivated one marked 已离职 over the days they were there', () => {
    const { columns, rows } = result.tables.summary;
    expect(columns.map((c) => c.header)).toEqual([
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
    ]);
    expect(rows).toEqual([
      ['李四', 'lisi', '销售部', '已离职', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0],
      // Today (still open) counts as worked but its missing punch-out is not missing yet.
      ['张三', 'zhangsan', '销售部', '在职', 5, 4, 0, 1, 5, 1, 20, 1, 0, 1, 0, 0, 2, 0, 17.6, 0],
      ['赵六', 'zhaoliu', '', '在职', 5, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('shows approved leave as 请假 and lists nobody before the day they joined', () => {
    const joiner = { ...person(30, 'u30', '新人', null), joinedOn: '2026-11-04' };
    const out = buildAttendanceExport({
      month: '2026-11',
      settings,
      people: [joiner],
      punches: [],
      leaves: [{ userId: 30, workDate: '2026-11-05', half: null }],
      corrections: [],
      roster: [],
      now: new Date('2026-11-06T12:00:00+08:00'),
    });
    const statusColumn = out.tables.daily.columns.findIndex((c) => c.header === '状态');
    expect(out.tables.daily.rows.map((r) => [r[0], r[statusColumn]])).toEqual([
      ['2026-11-04', '旷工'],
      ['2026-11-05', '请假'],
      ['2026-11-06', '未打卡（上班）'],
    ]);
  });

  it('names a person by their user id when the directory has no name', () => {
    const noName = buildAttendanceExport({
      month: '2026-10',
      settings,
      people: [{ ...person(9, 'u9', '', null), name: null }],
      punches: [],
      leaves: [],
      corrections: [],
      roster: [],
      now: new Date('2026-11-06T12:00:00+08:00'),
    });
    expect(noName.tables.summary.rows[0]?.[0]).toBe('u9');
    expect(noName.tables.daily.rows).toHaveLength(31); // a past month in full
    expect(noName.throughDate).toBe('2026-10-31');
  });

  it('marks a cross-midnight punch-out 次日', () => {
    const night = settingsOf({ schedule: { mode: 'fixed', start: '22:00', end: '06:00' } });
    const shift = [
      punch(1, 1, 'in', '2026-11-02T22:00:00+08:00'),
      { ...punch(2, 1, 'out', '2026-11-03T06:05:00+08:00'), workDate: '2026-11-02' },
    ];
    const out = buildAttendanceExport({
      month: '2026-11',
      settings: night,
      people: [people[0] as ExportPerson],
      punches: shift,
      leaves: [],
      corrections: [],
      roster: [],
      now: new Date('2026-11-03T12:00:00+08:00'),
    });
    expect(out.tables.daily.rows[1]).toEqual([
      '2026-11-02',
      '周一',
      '张三',
      'zhangsan',
      '销售部',
      '正常',
      '22:00',
      '次日06:05',
      0,
      0,
      8.1,
      '否',
      0,
    ]);
    expect(out.tables.raw.rows[1]?.slice(0, 2)).toEqual(['2026-11-02', '次日06:05']);
    expect(clockOnWorkDate(new Date('2026-11-02T23:30:00+08:00'), '2026-11-03', 'Asia/Shanghai')).toBe(
      '前日23:30',
    );
  });
});

describe('monthly attendance export (America/New_York)', () => {
  const settings = settingsOf({ timeZone: 'America/New_York', locations: [] });
  const nyc = { lat: 40.7128, lng: -74.006 };
  const people = [person(1, 'ann', 'Ann', 'Sales')];
  // 2026-11-01 is when New York leaves daylight time: 09:05 on Monday the 2nd is 14:05 UTC (EST, UTC−5).
  const punches = [
    punch(1, 1, 'in', '2026-11-02T14:05:00Z', {
      ...nyc,
      workDate: '2026-11-02',
      status: 'late',
      lateMinutes: 5,
      isField: true,
      placeName: null,
      insidePlace: false,
      distanceM: null,
      address: '5th Ave',
    }),
    punch(2, 1, 'out', '2026-11-02T23:00:00Z', {
      ...nyc,
      workDate: '2026-11-02',
      isField: true,
      placeName: null,
      insidePlace: false,
      distanceM: null,
    }),
  ];
  // Sunday 15 November, 22:30 in New York — already Monday the 16th in UTC and in Shanghai.
  const result = buildAttendanceExport({
    month: '2026-11',
    settings,
    people,
    punches,
    leaves: [],
    corrections: [],
    roster: [],
    now: new Date('2026-11-16T03:30:00Z'),
  });

  it("reads dates and times in the tenant's zone", () => {
    expect(result.throughDate).toBe('2026-11-15');
    expect(result.tables.daily.rows).toHaveLength(15);
    expect(result.tables.daily.rows[1]).toEqual([
      '2026-11-02',
      '周一',
      'Ann',
      'ann',
      'Sales',
      '迟到5分钟 · 外勤',
      '09:05',
      '18:00',
      5,
      0,
      8.9,
      '是',
      0,
    ]);
    expect(result.tables.raw.rows).toEqual([
      [
        '2026-11-02',
        '09:05',
        'Ann',
        'ann',
        '上班',
        '迟到5分钟',
        '5th Ave',
        40.7128,
        -74.006,
        '企业微信/钉钉定位',
        '是',
        '',
      ],
      [
        '2026-11-02',
        '18:00',
        'Ann',
        'ann',
        '下班',
        '正常',
        '',
        40.7128,
        -74.006,
        '企业微信/钉钉定位',
        '是',
        '',
      ],
    ]);
    expect(result.tables.summary.rows).toEqual([
      ['Ann', 'ann', 'Sales', '在职', 10, 1, 0, 1, 5, 0, 0, 0, 0, 9, 0, 0, 1, 0, 8.9, 0],
    ]);
  });
});
