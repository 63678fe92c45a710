import {
  checkStageMove,
  DEFAULT_OPPORTUNITY_SETTINGS,
  daysInStage,
  findStage,
  nextStages,
  opportunitySettingsSchema,
  stageOrUnknown,
  stagesOf,
} from '../../../domain/field/opportunity-stages';
import { weightedAmountFen, weightedPipelineFen } from '../../../domain/field/pipeline';

const stages = stagesOf(DEFAULT_OPPORTUNITY_SETTINGS);
const stage = (label: string) => stageOrUnknown(stages, label);

describe('default stages', () => {
  it('run 初步接洽 20 → 需求确认 40 → 方案报价 60 → 谈判审核 80, then 赢单 100 and 输单 0', () => {
    expect(stages.map((s) => [s.label, s.probability, s.kind])).toEqual([
      ['初步接洽', 20, 'open'],
      ['需求确认', 40, 'open'],
      ['方案报价', 60, 'open'],
      ['谈判审核', 80, 'open'],
      ['赢单', 100, 'won'],
      ['输单', 0, 'lost'],
    ]);
  });
});

describe('findStage', () => {
  it('finds a stage by its name or an unambiguous start of it', () => {
    expect(findStage(stages, '方案报价')?.label).toBe('方案报价');
    expect(findStage(stages, '方案')?.label).toBe('方案报价');
    expect(findStage(stages, ' 赢单 ')?.kind).toBe('won');
    expect(findStage(stages, '方')).toBeNull();
    expect(findStage(stages, '立项')).toBeNull();
  });
});

describe('nextStages', () => {
  it('offers every later open stage, then won and lost', () => {
    expect(nextStages(stages, stage('需求确认')).map((s) => s.label)).toEqual([
      '方案报价',
      '谈判审核',
      '赢单',
      '输单',
    ]);
  });
  it('offers nothing from a closed stage, and every stage from one the tenant has since removed', () => {
    expect(nextStages(stages, stage('赢单'))).toEqual([]);
    expect(nextStages(stages, stage('老阶段')).map((s) => s.label)).toHaveLength(6);
  });
});

describe('checkStageMove', () => {
  it('refuses moving a closed deal, a move to the same stage, and 输单 without a reason', () => {
    expect(checkStageMove(stage('输单'), stage('初步接洽'), null)).toEqual({ ok: false, reason: 'closed' });
    expect(checkStageMove(stage('需求确认'), stage('需求确认'), null)).toEqual({
      ok: false,
      reason: 'same_stage',
    });
    expect(checkStageMove(stage('需求确认'), stage('输单'), '  ')).toEqual({
      ok: false,
      reason: 'reason_required',
    });
  });
  it('allows forward, backward (a typed correction) and closing moves', () => {
    expect(checkStageMove(stage('需求确认'), stage('谈判审核'), null).ok).toBe(true);
    expect(checkStageMove(stage('谈判审核'), stage('初步接洽'), null).ok).toBe(true);
    expect(checkStageMove(stage('谈判审核'), stage('输单'), '预算取消').ok).toBe(true);
  });
});

describe('opportunitySettingsSchema', () => {
  it('refuses duplicate names and probabilities that fall along the pipeline', () => {
    const bad = (openStages: Array<{ name: string; probability: number }>) =>
      opportunitySettingsSchema.safeParse({ openStages }).error?.issues.map((i) => i.message);
    expect(
      bad([
        { name: '接洽', probability: 20 },
        { name: '接洽', probability: 40 },
      ]),
    ).toEqual(['阶段名称不能重复']);
    expect(
      bad([
        { name: '接洽', probability: 60 },
        { name: '方案', probability: 20 },
      ]),
    ).toEqual(['「方案」的赢率不能低于前一阶段「接洽」']);
    expect(bad([{ name: '赢单', probability: 60 }])).toEqual(['阶段名称不能重复']);
    expect(bad([])).toEqual(['至少需要一个进行中的阶段']);
  });
});

describe('daysInStage', () => {
  it('counts whole days, 0 on the first day', () => {
    const entered = new Date('2026-11-20T10:00:00Z');
    expect(daysInStage(entered, new Date('2026-11-21T09:59:59Z'))).toBe(0);
    expect(daysInStage(entered, new Date('2026-11-23T10:00:00Z'))).toBe(3);
  });
});

describe('weighted pipeline', () => {
  it('sums amount × probability, each deal rounded to the fen', () => {
    expect(
      weightedPipelineFen([
        { amountFen: 1_000_000, probability: 60 },
        { amountFen: 200_050, probability: 80 },
        { amountFen: 333, probability: 20 },
      ]),
    ).toBe(600_000 + 160_040 + 67);
    expect(weightedPipelineFen([])).toBe(0);
  });
  it('clamps probabilities and refuses fractional or negative fen', () => {
    expect(weightedAmountFen({ amountFen: 100, probability: 150 })).toBe(100);
    expect(() => weightedAmountFen({ amountFen: 1.5, probability: 20 })).toThrow(RangeError);
    expect(() => weightedAmountFen({ amountFen: -1, probability: 20 })).toThrow(RangeError);
  });
});
