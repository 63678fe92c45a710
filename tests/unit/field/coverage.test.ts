import {
  idleCustomers,
  overdueVisits,
  visitIntervalDays,
  type CoverageCustomer,
} from '../../../domain/field/coverage';
import { DEFAULT_VISIT_SETTINGS } from '../../../domain/field/visit-settings';

const ZONE = 'Asia/Shanghai';
/** 10:00 in Shanghai on the given November day of 2026. */
const nov = (day: number) => new Date(Date.UTC(2026, 10, day, 2));

function customer(over: Partial<CoverageCustomer> & { name: string }): CoverageCustomer {
  return {
    id: 1,
    category: 'A',
    ownerUserId: 7,
    lastVisitAt: null,
    lastFollowUpAt: null,
    ownedSince: nov(1),
    createdAt: nov(1),
    ...over,
  };
}

describe('visit frequency by class', () => {
  it('reads A weekly, B every two weeks, C monthly by default; unclassified and 0 are not tracked', () => {
    expect(['A', 'B', 'C', null].map((c) => visitIntervalDays(DEFAULT_VISIT_SETTINGS, c as 'A'))).toEqual([
      7,
      14,
      30,
      null,
    ]);
    expect(visitIntervalDays({ ...DEFAULT_VISIT_SETTINGS, visitEveryDaysB: 0 }, 'B')).toBeNull();
  });

  it('counts days past the interval from the last visit, most overdue first', () => {
    const list = overdueVisits(
      [
        customer({ name: '甲', lastVisitAt: nov(10) }), // due 17th → 5 days over on the 22nd
        customer({ name: '乙', category: 'B', lastVisitAt: nov(2) }), // due 16th → 6
        customer({ name: '丙', category: 'C', lastVisitAt: nov(2) }), // due 2 Dec: not yet
        customer({ name: '丁', lastVisitAt: nov(15) }), // due the 22nd: due, not overdue
        customer({ name: '戊', category: null }),
      ],
      DEFAULT_VISIT_SETTINGS,
      '2026-11-22',
      ZONE,
    );
    expect(list.map((o) => [o.customer.name, o.overdueDays, o.dueDate])).toEqual([
      ['乙', 6, '2026-11-16'],
      ['甲', 5, '2026-11-17'],
    ]);
  });

  it('counts a never-visited customer, or one visited before its owner took it, from the taking', () => {
    const [handedOver] = overdueVisits(
      [customer({ name: '甲', lastVisitAt: nov(1), ownedSince: nov(12) })],
      DEFAULT_VISIT_SETTINGS,
      '2026-11-22',
      ZONE,
    );
    expect(handedOver?.dueDate).toBe('2026-11-19');
    expect(handedOver?.lastVisitDate).toBe('2026-11-01');
  });

  it('judges the day in the tenant’s zone: a visit at 23:30 local is that day’s', () => {
    const lateVisit = new Date('2026-11-10T15:30:00Z'); // 23:30 on the 10th in Shanghai
    const [o] = overdueVisits(
      [customer({ name: '甲', lastVisitAt: lateVisit })],
      DEFAULT_VISIT_SETTINGS,
      '2026-11-18',
      ZONE,
    );
    expect(o?.overdueDays).toBe(1);
  });
});

describe('days without follow-up', () => {
  it('uses the pool clock (follow-up, taking, creation) and keeps those at or past the days', () => {
    const list = idleCustomers(
      [
        customer({ name: '甲', lastFollowUpAt: nov(2) }),
        customer({ name: '乙', lastFollowUpAt: nov(20) }),
        customer({ name: '丙', ownedSince: nov(12), createdAt: nov(1) }),
      ],
      10,
      '2026-11-22',
      ZONE,
    );
    expect(list.map((i) => [i.customer.name, i.idleDays, i.lastFollowUpDate])).toEqual([
      ['甲', 20, '2026-11-02'],
      ['丙', 10, null],
    ]);
  });
});
