import {
  closedByStage,
  completion,
  diagnose,
  elapsedShare,
  funnelConversion,
  pace,
  quarterForecast,
  rankByCompletion,
  stageFlows,
  tallyAttendance,
  weightedPipeline,
  yuan,
} from '../../../domain/reports/metrics';
import { previousWorkday, quarterRangeOf, weekRangeOf, yearEarlier } from '../../../domain/reports/periods';
import { attendanceSettingsSchema } from '../../../domain/attendance/settings';
import { jitteredTime, dueToday } from '../../../domain/reports/settings';
import type { AttendanceDayFact, FunnelStage, StageFact, StageMove } from '../../../domain/reports/facts';

const DEFAULT_ATTENDANCE_SETTINGS = attendanceSettingsSchema.parse({});

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

describe('completion and pace', () => {
  it('counts the share of the month elapsed through a date, both ends inclusive', () => {
    expect(elapsedShare(NOVEMBER, '2026-11-15')).toBe(0.5);
    expect(elapsedShare(NOVEMBER, '2026-10-31')).toBe(0);
    expect(elapsedShare(NOVEMBER, '2026-12-02')).toBe(1);
  });

  it('divides actual by target, and gives no completion without a target', () => {
    expect(completion(30_000, 120_000)).toBe(0.25);
    expect(completion(30_000, 0)).toBeNull();
    expect(completion(30_000, null)).toBeNull();
  });

  it('is behind when less is done than the time used, with the gap in percentage points', () => {
    expect(pace(0.25, 0.5)).toEqual({ status: 'behind', gapPoints: -25 });
    expect(pace(0.6, 0.5)).toEqual({ status: 'ahead', gapPoints: 10 });
  });
});

describe('ranking', () => {
  it('ranks by completion, ties sharing a rank, people without a target last', () => {
    const rows = rankByCompletion([
      { userId: 1, name: '张三', actual: 50, target: 100 },
      { userId: 2, name: '李四', actual: 90, target: 100 },
      { userId: 3, name: '王五', actual: 50, target: 100 },
      { userId: 4, name: '赵六', actual: 500, target: null },
      { userId: 5, name: '钱七', actual: 40, target: 200 },
    ]);
    expect(rows.map((r) => [r.name, r.rank])).toEqual([
      ['李四', 1],
      ['王五', 2],
      ['张三', 2],
      ['钱七', 4],
      ['赵六', 5],
    ]);
  });
});

const STAGES: FunnelStage[] = [
  { key: 'contact', label: '初步接触', probability: 20, count: 10, amountFen: 1_000_000 },
  { key: 'need', label: '需求确认', probability: 40, count: 6, amountFen: 600_000 },
  { key: 'quote', label: '方案报价', probability: 60, count: 3, amountFen: 300_000 },
  { key: 'negotiate', label: '商务谈判', probability: 80, count: 1, amountFen: 100_000 },
];

describe('funnel', () => {
  it('converts cumulatively: an opportunity in a later stage has passed the earlier ones', () => {
    const rows = funnelConversion(STAGES);
    expect(rows.map((r) => r.reached)).toEqual([20, 10, 4, 1]);
    expect(rows.map((r) => r.conversionToNext)).toEqual([0.5, 0.4, 0.25, null]);
  });

  it('weights the pipeline by stage probability', () => {
    // 10000×0.2 + 6000×0.4 + 3000×0.6 + 1000×0.8 = 7000 yuan
    expect(weightedPipeline(STAGES)).toBe(700_000);
  });

  it('measures the week’s stage flows: share moving forward and mean days in stage', () => {
    const stages: StageFact[] = [
      { key: 'contact', label: '初步接触', probability: 20, kind: 'open' },
      { key: 'quote', label: '方案报价', probability: 60, kind: 'open' },
      { key: 'won', label: '赢单', probability: 100, kind: 'won' },
      { key: 'lost', label: '输单', probability: 0, kind: 'lost' },
    ];
    const move = (fromStage: string | null, toStage: string, days: number | null): StageMove => ({
      opportunityId: 1,
      customerName: '华为',
      ownerUserId: 1,
      fromStage,
      toStage,
      at: new Date(),
      amountFen: 0,
      daysInFromStage: days,
      lostReason: null,
    });
    const flows = stageFlows(stages, [
      move('contact', 'quote', 4),
      move('contact', 'lost', 10),
      move('quote', 'won', 6),
      move(null, 'contact', null),
    ]);
    expect(flows).toEqual([
      { stage: 'contact', label: '初步接触', left: 2, advanced: 1, conversion: 0.5, avgDaysInStage: 7 },
      { stage: 'quote', label: '方案报价', left: 1, advanced: 1, conversion: 1, avgDaysInStage: 6 },
    ]);
  });
});

describe('won and lost', () => {
  const stages: StageFact[] = [
    { key: 'contact', label: '初步接触', probability: 20, kind: 'open' },
    { key: 'quote', label: '方案报价', probability: 60, kind: 'open' },
    { key: 'won', label: '赢单', probability: 100, kind: 'won' },
    { key: 'lost', label: '输单', probability: 0, kind: 'lost' },
  ];
  const move = (fromStage: string | null, toStage: string, amountFen: number): StageMove => ({
    opportunityId: 1,
    customerName: '华为',
    ownerUserId: 1,
    fromStage,
    toStage,
    at: new Date(),
    amountFen,
    daysInFromStage: null,
    lostReason: null,
  });

  it('sums the won deals and groups the lost ones by the stage they left, in pipeline order', () => {
    const closed = closedByStage(stages, [
      move('quote', 'lost', 300_000),
      move('contact', 'quote', 999_999), // not closed
      move('quote', 'won', 5_000_000),
      move('contact', 'lost', 100_000),
      move('quote', 'lost', 200_000),
      move(null, 'lost', 50_000), // created straight as lost
      move('contact', 'won', 1_000_000),
    ]);
    expect(closed).toEqual({
      won: { count: 2, amountFen: 6_000_000 },
      lostByStage: [
        { stage: 'contact', label: '初步接触', count: 1, amountFen: 100_000 },
        { stage: 'quote', label: '方案报价', count: 2, amountFen: 500_000 },
        { stage: '', label: '未知阶段', count: 1, amountFen: 50_000 },
      ],
    });
    expect(closedByStage(stages, [])).toEqual({ won: { count: 0, amountFen: 0 }, lostByStage: [] });
  });
});

describe('quarter forecast', () => {
  it('adds the weighted pipeline to what is done and diagnoses against what remains', () => {
    // Target ¥25万, done ¥8.5万: ¥16.5万 to go; pipeline ¥20万 ≥ that, weighted ¥7万 short: 节流.
    expect(
      quarterForecast({
        targetFen: 25_000_000,
        doneFen: 8_500_000,
        funnel: STAGES.map((s) => ({ ...s, amountFen: s.amountFen * 10 })),
      }),
    ).toEqual({
      targetFen: 25_000_000,
      doneFen: 8_500_000,
      remainingFen: 16_500_000,
      pipelineFen: 20_000_000,
      weightedFen: 7_000_000,
      diagnosis: 'throttle',
    });
    // Already past the target: nothing remains, on track whatever the pipeline.
    expect(quarterForecast({ targetFen: 1_000, doneFen: 1_500, funnel: [] })).toMatchObject({
      remainingFen: 0,
      diagnosis: 'on_track',
    });
  });
});

describe('attendance tallies', () => {
  const day = (
    userId: number,
    workDate: string,
    extra: Partial<AttendanceDayFact> = {},
  ): AttendanceDayFact => ({
    userId,
    workDate,
    isWorkday: true,
    lateMinutes: 0,
    earlyMinutes: 0,
    missing: [],
    absent: false,
    onLeave: false,
    field: false,
    workedMinutes: 480,
    punches: [],
    ...extra,
  });

  it('counts each person’s workdays by outcome, rest days not at all', () => {
    const tallies = tallyAttendance(
      [
        { id: 1, name: '张三' },
        { id: 2, name: '李四' },
      ],
      [
        day(1, '2026-11-16'),
        day(1, '2026-11-17', { lateMinutes: 5, missing: ['out'] }), // late and missing the same day: both
        day(1, '2026-11-18', { absent: true, missing: ['in', 'out'] }), // 旷工, not also 缺卡
        day(1, '2026-11-21', { isWorkday: false, absent: true }), // Saturday
        day(2, '2026-11-16', { onLeave: true }),
        day(3, '2026-11-16', { absent: true }), // not in the team
      ],
    );
    expect(tallies).toEqual([
      { name: '张三', normal: 1, late: 1, missing: 1, absent: 1, leave: 0 },
      { name: '李四', normal: 0, late: 0, missing: 0, absent: 0, leave: 1 },
    ]);
  });
});

describe('开源 / 节流', () => {
  it('asks for more leads when even the whole pipeline is short of the remaining target', () => {
    expect(diagnose({ pipelineFen: 500, weightedFen: 300, remainingTargetFen: 1000 })).toBe('open_source');
  });
  it('asks for better conversion when the pipeline is big enough but its weighted value is not', () => {
    expect(diagnose({ pipelineFen: 2000, weightedFen: 800, remainingTargetFen: 1000 })).toBe('throttle');
  });
  it('is on track when the weighted pipeline covers what remains', () => {
    expect(diagnose({ pipelineFen: 2000, weightedFen: 1200, remainingTargetFen: 1000 })).toBe('on_track');
    expect(diagnose({ pipelineFen: 0, weightedFen: 0, remainingTargetFen: -5 })).toBe('on_track');
  });
});

describe('periods and push times', () => {
  it('knows weeks, quarters and the same period a year earlier', () => {
    expect(weekRangeOf('2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(quarterRangeOf('2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(yearEarlier({ from: '2028-02-01', to: '2028-02-29' })).toEqual({
      from: '2027-02-01',
      to: '2027-02-28',
    });
  });

  it('reports on the previous workday: Friday on a Monday, the day before a holiday', () => {
    expect(previousWorkday('2026-11-24', DEFAULT_ATTENDANCE_SETTINGS)).toBe('2026-11-23');
    expect(previousWorkday('2026-11-23', DEFAULT_ATTENDANCE_SETTINGS)).toBe('2026-11-20');
    const national = {
      ...DEFAULT_ATTENDANCE_SETTINGS,
      holidays: ['2026-10-01', '2026-10-02'],
      makeUpWorkdays: ['2026-09-27'],
    };
    expect(previousWorkday('2026-10-03', national)).toBe('2026-09-30');
    expect(previousWorkday('2026-09-28', national)).toBe('2026-09-27');
  });

  it('moves a push set on :00 or :30 by 1–9 minutes per tenant, and leaves other minutes alone', () => {
    const shifted = jitteredTime('08:30', 'wwcorp');
    expect(shifted).toBe(jitteredTime('08:30', 'wwcorp'));
    expect(shifted > '08:30' && shifted <= '08:39').toBe(true);
    expect(jitteredTime('08:47', 'wwcorp')).toBe('08:47');
  });

  it('is due from its time until the end of the local day', () => {
    const at = (iso: string) => dueToday(new Date(iso), 'Asia/Shanghai', '08:45', 't');
    expect(at('2026-11-24T00:44:00Z')).toBeNull();
    expect(at('2026-11-24T00:45:00Z')).toBe('2026-11-24');
    expect(at('2026-11-24T15:59:00Z')).toBe('2026-11-24');
  });

  it('writes money for people', () => {
    expect(yuan(523_400)).toBe('¥5,234');
    expect(yuan(1_234_500)).toBe('¥1.2万');
    expect(yuan(123_456_789)).toBe('¥123.5万');
  });
});
