import { DEFAULT_VISIT_SETTINGS } from '../../../domain/field/visit-settings';
import { diagnoseRep, type RepDiagnosisFacts } from '../../../domain/reports/rep-diagnosis';
import type { CoverageCustomer } from '../../../domain/field/coverage';

const idle = (name: string, idleDays: number) => ({
  customer: { name } as CoverageCustomer,
  idleDays,
  lastFollowUpDate: null,
});

const healthy: RepDiagnosisFacts = {
  rep: { id: 1, name: '张三' },
  newCustomers: 2,
  owned: 10,
  idle: [],
  visits: 9,
  orders: 1,
  closed: { won: { count: 0, amountFen: 0 }, lostByStage: [] },
  lost: [],
};

describe('the three causes', () => {
  it('finds none for a rep who finds, follows up and closes', () => {
    const d = diagnoseRep(healthy, DEFAULT_VISIT_SETTINGS);
    expect(d.causes).toEqual([]);
    expect(d.summary).toContain('近14天新客户 2 个');
  });

  it('names each cause with its numbers and names, and one line of advice', () => {
    const d = diagnoseRep(
      {
        ...healthy,
        newCustomers: 0,
        idle: [
          idle('甲', 50),
          idle('乙', 40),
          idle('丙', 39),
          idle('丁', 35),
          idle('戊', 33),
          idle('己', 31),
        ],
        orders: 0,
        closed: {
          won: { count: 0, amountFen: 0 },
          lostByStage: [{ stage: 'quote', label: '方案报价', count: 2, amountFen: 1 }],
        },
        lost: [
          { customerName: '华为', stageLabel: '方案报价', reason: '价格' },
          { customerName: '中兴', stageLabel: '方案报价', reason: null },
        ],
      },
      DEFAULT_VISIT_SETTINGS,
    );
    expect(d.causes.map((c) => c.kind)).toEqual(['no_new_customers', 'no_follow_up', 'no_deals']);
    expect(d.causes[0]?.evidence).toBe('近14天新客户 0 个（名下客户 10 个）');
    expect(d.causes[1]?.evidence).toBe(
      '名下 10 个客户中 6 个超过30天未跟进：甲（50天）、乙（40天）、丙（39天）、丁（35天）、戊（33天） 等6个',
    );
    expect(d.causes[2]?.evidence).toBe(
      '近30天拜访 9 次，订单 0 笔、赢单 0 个，输单 2 个：华为（输在方案报价，价格）、中兴（输在方案报价）',
    );
    expect(d.causes[2]?.advice).toContain('输单多在「方案报价」');
    expect(d.causes.every((c) => c.advice.length > 0)).toBe(true);
  });

  it('does not blame closing on a rep who made no visits, nor on one who sold', () => {
    const idleRep = diagnoseRep({ ...healthy, visits: 0, orders: 0 }, DEFAULT_VISIT_SETTINGS);
    expect(idleRep.causes.map((c) => c.kind)).toEqual([]);
    const won = diagnoseRep(
      { ...healthy, orders: 0, closed: { won: { count: 1, amountFen: 5 }, lostByStage: [] } },
      DEFAULT_VISIT_SETTINGS,
    );
    expect(won.causes).toEqual([]);
  });

  it('reads its thresholds from the settings', () => {
    const d = diagnoseRep(
      { ...healthy, newCustomers: 0 },
      { ...DEFAULT_VISIT_SETTINGS, diagnosisNewCustomerDays: 7 },
    );
    expect(d.causes[0]?.evidence).toBe('近7天新客户 0 个（名下客户 10 个）');
  });
});
