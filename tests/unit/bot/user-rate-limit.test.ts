import { UserRateLimit } from '../../../bot/inbox/user-rate-limit';

describe('UserRateLimit', () => {
  it('lets a burst through, refuses the rest telling once a minute, and refills per person', () => {
    let now = 0;
    const limit = new UserRateLimit({ burst: 3, perMinute: 6 }, () => now);
    const take = () => limit.take('corp', 'flood');
    expect([take(), take(), take(), take(), take()]).toEqual(['ok', 'ok', 'ok', 'tell', 'refused']);
    expect(limit.take('corp', 'other')).toBe('ok');
    now += 10_000; // one token back (6 a minute)
    expect([take(), take()]).toEqual(['ok', 'refused']);
    now += 60_000;
    expect([take(), take(), take(), take()]).toEqual(['ok', 'ok', 'ok', 'tell']);
  });
});
