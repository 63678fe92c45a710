import fc from 'fast-check';
import { parsePeriod, periodContaining, previousPeriod } from '../../../domain/targets/period';
import { targetOverRange } from '../../../domain/targets/prorate';
import { largestRemainder, splitTarget } from '../../../domain/targets/split';

describe('periods', () => {
  it.each([
    ['2026-12', { kind: 'month', key: '2026-12', from: '2026-12-01', to: '2026-12-31' }],
    ['2026年2月', { kind: 'month', key: '2026-02', from: '2026-02-01', to: '2026-02-28' }],
    ['2028-02', { kind: 'month', key: '2028-02', from: '2028-02-01', to: '2028-02-29' }],
    ['2026-11~12', { kind: 'bimonth', key: '2026-11~12', from: '2026-11-01', to: '2026-12-31' }],
    ['2026-Q4', { kind: 'quarter', key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' }],
    ['2026q1', { kind: 'quarter', key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' }],
    ['2026', { kind: 'year', key: '2026', from: '2026-01-01', to: '2026-12-31' }],
  ])('reads %s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
  });

  it.each(['2026-13', '2026-00', '2026-12~01', '2026-10~11', '2026-Q5', '26-12', '本月'])(
    'refuses %s',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );

  it('finds the period holding a date and the one before it', () => {
    expect(periodContaining('bimonth', '2026-12-15').key).toBe('2026-11~12');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-01~02')!).key).toBe('2025-11~12');
  });
});

describe('targets over a range', () => {
  it('pro-rates a quarter to a month by calendar days', () => {
    const q4 = { from: '2026-10-01', to: '2026-12-31', value: 9_200_000 };
    expect(targetOverRange([q4], { from: '2026-11-01', to: '2026-11-30' })).toBe(3_000_000);
  });

  it('lets a month target win over the quarter for its own days', () => {
    const q4 = { from: '2026-10-01', to: '2026-12-31', value: 9_200_000 };
    const nov = { from: '2026-11-01', to: '2026-11-30', value: 5_000_000 };
    expect(targetOverRange([q4, nov], { from: '2026-11-01', to: '2026-11-30' })).toBe(5_000_000);
    // The quarter: October and December from the quarter target (31 + 31 of 92 days), November its own.
    expect(targetOverRange([q4, nov], { from: '2026-10-01', to: '2026-12-31' })).toBe(6_200_000 + 5_000_000);
  });

  it('is null when nothing covers the range', () => {
    expect(targetOverRange([], { from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(
      targetOverRange([{ from: '2026-01-01', to: '2026-01-31', value: 1 }], {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).toBeNull();
  });
});

describe('splitting a department target', () => {
  const members = [
    { id: 1, lastActual: 600 },
    { id: 2, lastActual: 300 },
    { id: 3, lastActual: 100 },
  ];

  it('splits by last period’s contribution', () => {
    const split = splitTarget(100_000, members);
    expect(Array.isArray(split) && split.map((p) => p.value)).toEqual([60_000, 30_000, 10_000]);
  });

  it('gives an adjusted member their points from the others in proportion', () => {
    const split = splitTarget(100_000, members, new Map([[3, 10]]));
    // 3: 10 % + 10 points = 20 %; the other 80 % go 2:1.
    expect(Array.isArray(split) && split.map((p) => p.value)).toEqual([53_333, 26_667, 20_000]);
  });

  it('splits equally when nobody contributed, and refuses impossible adjustments', () => {
    const none = members.map((m) => ({ ...m, lastActual: 0 }));
    expect((splitTarget(100, none) as Array<{ value: number }>).map((p) => p.value)).toEqual([34, 33, 33]);
    expect(splitTarget(100, members, new Map([[1, 50]]))).toEqual({
      kind: 'adjustment_too_large',
      id: 1,
    });
    expect(splitTarget(100, members, new Map([[9, 5]]))).toEqual({ kind: 'unknown_member', id: 9 });
    expect(splitTarget(100, [])).toEqual({ kind: 'no_members' });
  });

  it('always adds up to the target exactly, in whole units, none negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        (total, actuals) => {
          const split = splitTarget(
            total,
            actuals.map((lastActual, i) => ({ id: i + 1, lastActual })),
          );
          if (!Array.isArray(split)) throw new Error('split refused');
          expect(split.reduce((s, p) => s + p.value, 0)).toBe(total);
          for (const p of split) {
            expect(Number.isInteger(p.value)).toBe(true);
            expect(p.value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
});
