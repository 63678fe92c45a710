import { DomainError } from '../../../domain/errors';
import { closestNames, nameSimilarity } from '../../../domain/field/name-suggestions';
import {
  assertClaimable,
  extendedRecycleAt,
  followUpClockOf,
  poolVerdict,
  recycleDaysOf,
  recycleProtection,
  scheduledRecycleAt,
  shortestRecycleDays,
  type ClaimHistory,
  type PoolCustomer,
} from '../../../domain/field/pool';
import {
  DEFAULT_VISIT_SETTINGS,
  describeVisitSettings,
  parseVisitSettingValue,
  visitSettingsConsistent,
} from '../../../domain/field/visit-settings';
import { orderRoute, routeLengthM } from '../../../domain/field/route';
import { assertResultSettable, decideCheckIn, overdueVisits, statusOf } from '../../../domain/field/visit';
import { comparePlan, type PlannedStop } from '../../../domain/field/visit-plan';

const DAY = 86_400_000;
const T0 = new Date('2026-11-01T00:00:00Z');
const plus = (days: number) => new Date(T0.getTime() + days * DAY);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return null;
};

describe('visit check-in', () => {
  const settings = { radiusM: 500, allowOffSite: true, allowPickedPoint: true };
  const fixed = { source: 'im_sdk' as const, customerName: '华为' };

  it('records the distance inside the radius as an ordinary visit', () => {
    expect(decideCheckIn({ ...fixed, open: null, distanceM: 120, settings })).toEqual({
      distanceM: 120,
      offSite: false,
    });
  });

  it('records a check-in 501 m away as 异地拜访, or refuses it when the tenant says so', () => {
    expect(decideCheckIn({ ...fixed, open: null, distanceM: 501, settings })).toEqual({
      distanceM: 501,
      offSite: true,
    });
    expect(
      codeOf(() =>
        decideCheckIn({
          ...fixed,
          open: null,
          distanceM: 501,
          settings: { ...settings, allowOffSite: false },
        }),
      ),
    ).toBe('visit.off_site_refused');
    expect(
      decideCheckIn({ ...fixed, open: null, distanceM: 500, settings: { ...settings, allowOffSite: false } })
        .offSite,
    ).toBe(false);
  });

  it('cannot judge a customer without a position, and records no distance', () => {
    expect(decideCheckIn({ ...fixed, open: null, distanceM: null, settings })).toEqual({
      distanceM: null,
      offSite: false,
    });
  });

  it('accepts a point picked on the map unless the tenant requires a device fix', () => {
    const picked = { ...fixed, source: 'map' as const, open: null, distanceM: 10 };
    expect(decideCheckIn({ ...picked, settings }).offSite).toBe(false);
    expect(
      codeOf(() => decideCheckIn({ ...picked, settings: { ...settings, allowPickedPoint: false } })),
    ).toBe('visit.device_fix_required');
    expect(
      codeOf(() =>
        decideCheckIn({ ...picked, source: 'typed', settings: { ...settings, allowPickedPoint: false } }),
      ),
    ).toBe('visit.device_fix_required');
  });

  it('refuses a second open visit', () => {
    expect(
      codeOf(() => decideCheckIn({ ...fixed, open: { customerName: '华为' }, distanceM: 10, settings })),
    ).toBe('visit.already_open');
  });
});

describe('visit life', () => {
  it('moves open → ended or auto_closed', () => {
    expect(statusOf({ endedAt: null, autoClosed: false })).toBe('open');
    expect(statusOf({ endedAt: T0, autoClosed: false })).toBe('ended');
    expect(statusOf({ endedAt: T0, autoClosed: true })).toBe('auto_closed');
  });

  it('takes a result once, and only after check-out', () => {
    expect(codeOf(() => assertResultSettable({ endedAt: null, result: null }))).toBe('visit.still_open');
    expect(codeOf(() => assertResultSettable({ endedAt: T0, result: 'won' }))).toBe('visit.result_recorded');
    expect(codeOf(() => assertResultSettable({ endedAt: T0, result: null }))).toBeNull();
  });

  it('closes visits open for the limit at check-in + limit, not those younger', () => {
    const old = { id: 1, startedAt: new Date(T0.getTime() - 4 * 3_600_000), endedAt: null };
    const young = { id: 2, startedAt: new Date(T0.getTime() - 3 * 3_600_000), endedAt: null };
    const closed = { id: 3, startedAt: new Date(T0.getTime() - 9 * 3_600_000), endedAt: T0 };
    expect(overdueVisits([old, young, closed], T0, 4)).toEqual([{ visit: old, closeAt: T0 }]);
  });
});

describe('pool rules', () => {
  const settings = {
    recycleDays: 30,
    warnDaysBefore: 3,
    recycleDaysA: 0,
    recycleDaysB: 0,
    recycleDaysC: 0,
    dealDeadlineDays: 0,
    protectOpenDeals: true,
    protectWonCustomers: true,
  };
  const owned = (over: Partial<PoolCustomer> = {}): PoolCustomer => ({
    id: 1,
    name: '华为',
    category: null,
    ownerUserId: 7,
    lastFollowUpAt: null,
    ownedSince: T0,
    createdAt: plus(-100),
    recycleWarnedAt: null,
    recycleDeferredUntil: null,
    ...over,
  });

  it('counts from the latest of follow-up, ownership start and creation', () => {
    expect(followUpClockOf(owned({ lastFollowUpAt: plus(5) }))).toEqual(plus(5));
    expect(followUpClockOf(owned({ lastFollowUpAt: plus(-5) }))).toEqual(T0);
  });

  it('keeps, then warns from 3 days before, then recycles at 30 days', () => {
    expect(poolVerdict(owned(), plus(26.9), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(owned(), plus(27), settings)).toMatchObject({
      kind: 'warn',
      recycleAt: plus(30),
      daysLeft: 3,
    });
    const warned = owned({ recycleWarnedAt: plus(27) });
    expect(poolVerdict(warned, plus(29.9), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(warned, plus(30), settings)).toEqual({
      kind: 'recycle',
      reason: 'no_follow_up',
      days: 30,
    });
  });

  it('names the day the recycle really happens when the warning comes late in the window', () => {
    // The nightly job first sees the customer half a day into the window: the full notice still applies.
    expect(poolVerdict(owned(), plus(27.5), settings)).toMatchObject({
      kind: 'warn',
      recycleAt: plus(30.5),
      daysLeft: 3,
    });
    const warned = owned({ recycleWarnedAt: plus(27.5) });
    expect(poolVerdict(warned, plus(30.4), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(warned, plus(30.5), settings)).toEqual({
      kind: 'recycle',
      reason: 'no_follow_up',
      days: 30,
    });
  });

  it('never recycles unwarned: one found long idle is warned, and recycled 3 days later', () => {
    expect(poolVerdict(owned(), plus(45), settings)).toMatchObject({
      kind: 'warn',
      recycleAt: plus(48),
      daysLeft: 3,
    });
    const warned = owned({ recycleWarnedAt: plus(45) });
    expect(poolVerdict(warned, plus(47), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(warned, plus(48), settings)).toEqual({
      kind: 'recycle',
      reason: 'no_follow_up',
      days: 48,
    });
  });

  it('warns once per clock; a follow-up re-arms it', () => {
    expect(poolVerdict(owned({ recycleWarnedAt: plus(27) }), plus(28), settings)).toEqual({ kind: 'keep' });
    const followedUp = owned({ recycleWarnedAt: plus(27), lastFollowUpAt: plus(28) });
    expect(poolVerdict(followedUp, plus(29), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(followedUp, plus(55), settings).kind).toBe('warn');
  });

  it('moves the recycle by an approved extension and warns again before the new date', () => {
    const warned = owned({ recycleWarnedAt: plus(27) });
    // Warned at day 27 for day 30; 15 more days from there is day 45.
    expect(extendedRecycleAt(warned, plus(28), settings, 15)).toEqual(plus(45));
    // The repository clears the spent warning with the extension.
    const extended = owned({ recycleDeferredUntil: plus(45) });
    expect(poolVerdict(extended, plus(30), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(extended, plus(41.9), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(extended, plus(42), settings)).toMatchObject({
      kind: 'warn',
      recycleAt: plus(45),
      daysLeft: 3,
    });
    const rewarned = owned({ recycleDeferredUntil: plus(45), recycleWarnedAt: plus(42) });
    expect(poolVerdict(rewarned, plus(44.9), settings)).toEqual({ kind: 'keep' });
    expect(poolVerdict(rewarned, plus(45), settings)).toEqual({
      kind: 'recycle',
      reason: 'no_follow_up',
      days: 45,
    });
    // A later follow-up counts from itself when that is further out than the extension.
    const followedUp = owned({ recycleDeferredUntil: plus(45), lastFollowUpAt: plus(40) });
    expect(scheduledRecycleAt(followedUp, plus(41), settings)).toEqual(plus(70));
  });

  it('never recycles a pool customer', () => {
    expect(poolVerdict(owned({ ownerUserId: null }), plus(400), settings)).toEqual({ kind: 'keep' });
  });

  it('gives a class its own recycle days where set, the general rule otherwise', () => {
    const byClass = { ...settings, recycleDaysA: 60, recycleDaysC: 15 };
    expect(recycleDaysOf('A', byClass)).toBe(60);
    expect(recycleDaysOf('B', byClass)).toBe(30);
    expect(recycleDaysOf(null, byClass)).toBe(30);
    expect(shortestRecycleDays(byClass)).toBe(15);
    expect(shortestRecycleDays(settings)).toBe(30);
    const classA = owned({ category: 'A' });
    expect(poolVerdict(classA, plus(45), byClass)).toEqual({ kind: 'keep' });
    expect(poolVerdict(classA, plus(57), byClass)).toMatchObject({ kind: 'warn', recycleAt: plus(60) });
    expect(poolVerdict(owned({ category: 'C' }), plus(12), byClass)).toMatchObject({
      kind: 'warn',
      recycleAt: plus(15),
    });
  });

  it('protects customers with an open or a won deal unless the tenant turned that off', () => {
    const both = { protectOpenDeals: true, protectWonCustomers: true };
    expect(recycleProtection({ hasOpenDeal: true, hasWonDeal: false }, both)).toBe('open_deal');
    expect(recycleProtection({ hasOpenDeal: false, hasWonDeal: true }, both)).toBe('won');
    expect(recycleProtection(undefined, both)).toBeNull();
    expect(
      recycleProtection({ hasOpenDeal: true, hasWonDeal: true }, { ...both, protectOpenDeals: false }),
    ).toBe('won');
    expect(
      recycleProtection({ hasOpenDeal: false, hasWonDeal: true }, { ...both, protectWonCustomers: false }),
    ).toBeNull();
  });

  describe('the deal clock (成交期限)', () => {
    const withDeadline = { ...settings, dealDeadlineDays: 40 };
    const open = { hasOpenDeal: true, hasWonDeal: false };
    const won = { hasOpenDeal: false, hasWonDeal: true };

    it('returns a customer not won 40 days after it was taken, however often it was followed up', () => {
      const busy = owned({ lastFollowUpAt: plus(35) });
      expect(poolVerdict(busy, plus(36.9), withDeadline)).toEqual({ kind: 'keep' });
      expect(poolVerdict(busy, plus(37), withDeadline)).toEqual({
        kind: 'warn',
        recycleAt: plus(40),
        daysLeft: 3,
        reason: 'no_deal',
        days: 37,
      });
      const warned = owned({ lastFollowUpAt: plus(35), recycleWarnedAt: plus(37) });
      expect(poolVerdict(warned, plus(40), withDeadline)).toEqual({
        kind: 'recycle',
        reason: 'no_deal',
        days: 40,
      });
      // A follow-up after the warning does not move the deal clock, nor re-arm its warning.
      const followedAgain = owned({ lastFollowUpAt: plus(38), recycleWarnedAt: plus(37) });
      expect(poolVerdict(followedAgain, plus(40), withDeadline)).toMatchObject({
        kind: 'recycle',
        reason: 'no_deal',
      });
    });

    it('runs with an open deal (回收保护 only stops the follow-up clock), and stops at a won one', () => {
      expect(poolVerdict(owned(), plus(37), withDeadline, open)).toMatchObject({
        kind: 'warn',
        reason: 'no_deal',
      });
      expect(poolVerdict(owned(), plus(400), withDeadline, won)).toEqual({ kind: 'keep' });
      expect(scheduledRecycleAt(owned(), plus(10), withDeadline, won)).toBeNull();
      // Without the protections a won customer still answers to the follow-up clock.
      const unprotected = { ...withDeadline, protectOpenDeals: false, protectWonCustomers: false };
      expect(poolVerdict(owned(), plus(27), unprotected, won)).toMatchObject({
        kind: 'warn',
        reason: 'no_follow_up',
      });
    });

    it('warns again when a follow-up hands the due date to the deal clock', () => {
      // Warned on day 27 for day 30 (no follow-up); a follow-up on day 28 moves that clock to day 58, and the
      // deal clock (day 40) comes first: the old warning was for another date.
      const moved = owned({ recycleWarnedAt: plus(27), lastFollowUpAt: plus(28) });
      expect(poolVerdict(moved, plus(36.9), withDeadline)).toEqual({ kind: 'keep' });
      expect(poolVerdict(moved, plus(37), withDeadline)).toMatchObject({
        kind: 'warn',
        recycleAt: plus(40),
        reason: 'no_deal',
      });
    });
  });

  describe('claims', () => {
    const rules = { poolCap: 200, claimCooldownDays: 7, dailyClaimCap: 0 };
    const history = (over: Partial<ClaimHistory> = {}): ClaimHistory => ({
      ownedCount: 0,
      claimedToday: 0,
      lastLeftAt: null,
      ...over,
    });
    const claim = (
      customer: { ownerUserId: number | null; name: string },
      h: ClaimHistory,
      over: Partial<typeof rules> = {},
      now = plus(0),
    ) => codeOf(() => assertClaimable(customer, 7, h, { ...rules, ...over }, now));
    const pool = { ownerUserId: null, name: 'x' };

    it('only from the pool and below the cap', () => {
      expect(claim(pool, history({ ownedCount: 199 }))).toBeNull();
      expect(claim(pool, history({ ownedCount: 200 }))).toBe('pool.cap_reached');
      expect(claim({ ownerUserId: 8, name: 'x' }, history())).toBe('pool.not_in_pool');
      expect(claim({ ownerUserId: 7, name: 'x' }, history())).toBe('pool.already_yours');
    });

    it('not by its former owner within the cooldown', () => {
      const left = history({ lastLeftAt: plus(0) });
      expect(claim(pool, left, {}, plus(6.9))).toBe('pool.claim_cooldown');
      expect(claim(pool, left, {}, plus(7))).toBeNull();
      expect(claim(pool, left, { claimCooldownDays: 0 }, plus(0))).toBeNull();
      let refusal: unknown = null;
      try {
        assertClaimable(pool, 7, left, rules, plus(4.5));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).params).toMatchObject({ cooldownDays: 7, daysLeft: 3 });
    });

    it('not beyond the daily claim cap when one is set', () => {
      expect(claim(pool, history({ claimedToday: 500 }))).toBeNull();
      expect(claim(pool, history({ claimedToday: 19 }), { dailyClaimCap: 20 })).toBeNull();
      expect(claim(pool, history({ claimedToday: 20 }), { dailyClaimCap: 20 })).toBe(
        'pool.daily_cap_reached',
      );
    });
  });

  describe('settings by chat', () => {
    it('reads numbers with or without their unit, and switches by their words', () => {
      expect(parseVisitSettingValue('回收A', '60天')).toBe(60);
      expect(parseVisitSettingValue('冷却', '0')).toBe(0);
      expect(parseVisitSettingValue('商机保护', '关闭')).toBe(false);
      expect(parseVisitSettingValue('异地', '禁止')).toBe(false);
      expect(parseVisitSettingValue('商机保护', '禁止')).toBeUndefined();
      expect(parseVisitSettingValue('半径', '八百米')).toBeUndefined();
    });

    it('keeps the warning before every class recycle', () => {
      expect(visitSettingsConsistent(DEFAULT_VISIT_SETTINGS)).toBe(true);
      expect(visitSettingsConsistent({ ...DEFAULT_VISIT_SETTINGS, recycleDaysC: 3 })).toBe(false);
      expect(visitSettingsConsistent({ ...DEFAULT_VISIT_SETTINGS, recycleDaysC: 4 })).toBe(true);
    });

    it('describes the pool rules as an admin reads them', () => {
      const lines = describeVisitSettings({
        ...DEFAULT_VISIT_SETTINGS,
        recycleDaysA: 60,
        protectWonCustomers: false,
        dailyClaimCap: 20,
      });
      expect(lines).toContain('公海回收：30天未跟进退回公海（A类60天），提前3天提醒，可申请延期15天');
      expect(lines).toContain('回收保护：有进行中商机的客户不回收');
      expect(lines).toContain('领取规则：释放或被回收后，原负责人7天内不能再领取；每人每天最多领取20个');
    });
  });
});

describe('route ordering', () => {
  const stop = (name: string, lat: number | null, lng: number | null) => ({ name, lat, lng });

  it('keeps the first stop and goes to the nearest next one each time', () => {
    const route = orderRoute([
      stop('start', 22.5, 114.0),
      stop('far', 22.9, 114.0),
      stop('near', 22.51, 114.0),
      stop('middle', 22.7, 114.0),
    ]);
    expect(route.map((s) => s.name)).toEqual(['start', 'near', 'middle', 'far']);
    expect(routeLengthM(route)).toBeCloseTo(0.4 * 111_195, -2);
  });

  it('puts stops without a position last, in the order given', () => {
    const route = orderRoute([stop('a', null, null), stop('b', 22.5, 114), stop('c', null, null)]);
    expect(route.map((s) => s.name)).toEqual(['b', 'a', 'c']);
    expect(orderRoute([])).toEqual([]);
  });
});

describe('closest names', () => {
  it('ranks by shared character pairs and drops names sharing none', () => {
    const names = ['腾讯滨海', '腾讯前海大厦', '华为坂田', '中兴通讯'].map((normalizedName) => ({
      normalizedName,
    }));
    expect(closestNames('腾讯前海', names, 3).map((c) => c.normalizedName)).toEqual([
      '腾讯前海大厦',
      '腾讯滨海',
    ]);
    expect(nameSimilarity('华为', '华为')).toBe(1);
    expect(nameSimilarity('华', '为')).toBe(0);
  });
});

describe('plan against actual', () => {
  it('marks planned stops visited and lists the visits off the plan', () => {
    const planned = [1, 2].map((customerId, seq): PlannedStop => ({
      userId: 7,
      planDate: '2026-11-24',
      customerId,
      customerName: `c${customerId}`,
      address: null,
      lat: null,
      lng: null,
      seq,
      plannedBy: 7,
    }));
    const result = comparePlan(planned, [{ customerId: 2 }, { customerId: 3 }]);
    expect(result.stops.map((s) => s.visits.length)).toEqual([0, 1]);
    expect(result.unplanned).toEqual([{ customerId: 3 }]);
  });
});
