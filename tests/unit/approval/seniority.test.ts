import {
  annualLeaveBySeniority,
  describeSeniorityTiers,
  STATUTORY_ANNUAL_LEAVE,
  yearsOfService,
} from '../../../domain/approval/seniority';
import { leaveBalance } from '../../../domain/approval/leave-balance';

describe('yearsOfService', () => {
  it('counts completed years, the anniversary on its day, leap days included', () => {
    expect(yearsOfService('2020-03-01', '2026-02-28')).toBe(5);
    expect(yearsOfService('2020-03-01', '2026-03-01')).toBe(6);
    expect(yearsOfService('2024-02-29', '2025-02-28')).toBe(0);
    expect(yearsOfService('2024-02-29', '2025-03-01')).toBe(1);
    expect(yearsOfService('2027-01-01', '2026-12-05')).toBe(0);
  });
});

describe('annualLeaveBySeniority: the statutory default', () => {
  const days = (hiredOn: string, year = '2026', today = '2026-12-05') =>
    annualLeaveBySeniority(STATUTORY_ANNUAL_LEAVE, hiredOn, year, today);

  it('gives 0, 5, 10, 15 days at under 1, 1–10, 10–20 and 20+ years', () => {
    expect(days('2026-01-05')).toBe(0);
    expect(days('2025-12-05')).toBe(5);
    expect(days('2016-12-06')).toBe(5);
    expect(days('2016-12-05')).toBe(10);
    expect(days('2006-12-05')).toBe(15);
    expect(days('1990-01-01')).toBe(15);
  });

  it('grows on the anniversary this year, and reads a past year at its end', () => {
    expect(days('2025-12-20')).toBe(0);
    expect(days('2025-12-20', '2026', '2026-12-20')).toBe(5);
    expect(days('2024-12-20', '2025', '2026-01-10')).toBe(5);
  });

  it('follows tiers an admin set, in any order', () => {
    const tiers = [
      { minYears: 3, days: 8 },
      { minYears: 0, days: 3 },
    ];
    expect(annualLeaveBySeniority(tiers, '2025-06-01', '2026', '2026-12-05')).toBe(3);
    expect(annualLeaveBySeniority(tiers, '2022-06-01', '2026', '2026-12-05')).toBe(8);
    expect(describeSeniorityTiers(STATUTORY_ANNUAL_LEAVE)).toBe(
      '0-1年 0天；1-10年 5天；10-20年 10天；20年及以上 15天',
    );
  });

  it('is the quota the balance arithmetic deducts from', () => {
    const quota = days('2014-03-01');
    expect(quota).toBe(10);
    const balance = leaveBalance({ leaveType: 'annual', year: '2026', quota, standing: [] });
    expect(balance).toEqual({ leaveType: 'annual', quota: 10, used: 0, pending: 0, remaining: 10 });
  });
});
