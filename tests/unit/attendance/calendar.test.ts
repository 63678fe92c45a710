import {
  addDays,
  isoWeekdayOf,
  isWorkday,
  localDateOf,
  localTimeOf,
  monthDays,
  truncateToMinute,
  zonedTimeToUtc,
} from '../../../domain/attendance/calendar';
import { at, settingsOf } from './helpers';
import fc from 'fast-check';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('localDateOf', () => {
  it('turns the year in Shanghai at 16:00 UTC on Dec 31', () => {
    expect(localDateOf(at('2026-12-31T15:59:59Z'), SH)).toBe('2026-12-31');
    expect(localDateOf(at('2026-12-31T16:00:00Z'), SH)).toBe('2027-01-01');
  });

  it('follows the New York offset across the spring-forward day', () => {
    expect(localDateOf(at('2026-03-08T04:59:00Z'), NY)).toBe('2026-03-07'); // 23:59 EST
    expect(localDateOf(at('2026-03-08T05:00:00Z'), NY)).toBe('2026-03-08');
    expect(localDateOf(at('2026-03-09T03:59:00Z'), NY)).toBe('2026-03-08'); // 23:59 EDT
    expect(localDateOf(at('2026-03-09T04:00:00Z'), NY)).toBe('2026-03-09');
  });

  it('reads the wall clock', () => {
    expect(localTimeOf(at('2026-01-31T01:05:30Z'), SH)).toBe('09:05');
    expect(localTimeOf(at('2026-11-01T06:30:00Z'), NY)).toBe('01:30'); // the second 01:30, EST
  });
});

describe('zonedTimeToUtc', () => {
  it('converts Shanghai wall time with its fixed +08:00', () => {
    expect(zonedTimeToUtc('2026-01-31', '09:00', SH).toISOString()).toBe('2026-01-31T01:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-01', '00:00', SH).toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('uses EST before and EDT after the spring-forward on 2026-03-08', () => {
    expect(zonedTimeToUtc('2026-03-07', '09:00', NY).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-08', '01:59', NY).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(zonedTimeToUtc('2026-03-08', '03:00', NY).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedTimeToUtc('2026-03-08', '09:00', NY).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('moves a time skipped by the gap forward by the gap (02:30 → 03:30 EDT)', () => {
    expect(zonedTimeToUtc('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of a time repeated on 2026-11-01', () => {
    expect(zonedTimeToUtc('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(zonedTimeToUtc('2026-11-01', '02:00', NY).toISOString()).toBe('2026-11-01T07:00:00.000Z'); // EST
    expect(zonedTimeToUtc('2026-11-01', '09:00', NY).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(zonedTimeToUtc('2026-10-31', '09:00', NY).toISOString()).toBe('2026-10-31T13:00:00.000Z');
  });

  it('round-trips every half hour of both New York change days, except the skipped hour', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (let m = 0; m < 24 * 60; m += 30) {
        const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        if (date === '2026-03-08' && hm.startsWith('02:')) continue;
        const instant = zonedTimeToUtc(date, hm, NY);
        expect(`${localDateOf(instant, NY)} ${localTimeOf(instant, NY)}`).toBe(`${date} ${hm}`);
      }
    }
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-07', 1, '2026-03-08'],
  ])('%s %+d day → %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('numbers weekdays the ISO way', () => {
    expect(isoWeekdayOf('2026-03-08')).toBe(7);
    expect(isoWeekdayOf('2026-03-09')).toBe(1);
    expect(isoWeekdayOf('2026-12-31')).toBe(4);
  });

  it('lists the days of a month, month ends included', () => {
    expect(monthDays('2026-02')).toHaveLength(28);
    expect(monthDays('2026-02').at(-1)).toBe('2026-02-28');
    expect(monthDays('2028-02').at(-1)).toBe('2028-02-29');
    expect(monthDays('2026-01')).toHaveLength(31);
    expect(monthDays('2026-12')[0]).toBe('2026-12-01');
    expect(monthDays('2026-12').at(-1)).toBe('2026-12-31');
    expect(monthDays('2026-04')).toHaveLength(30);
  });

  it('refuses something that is not a month', () => {
    expect(() => monthDays('2026')).toThrow(/YYYY-MM/);
  });

  it('keeps time to the minute', () => {
    expect(truncateToMinute(at('2026-03-02T01:00:59.999Z'))).toBe(at('2026-03-02T01:00:00Z').getTime());
  });
});

describe('isWorkday', () => {
  const s = settingsOf({
    holidays: ['2026-10-01', '2026-10-02'],
    makeUpWorkdays: ['2026-09-27', '2026-10-10'],
  });

  it('follows the workweek', () => {
    expect(isWorkday('2026-09-28', s)).toBe(true); // Monday
    expect(isWorkday('2026-10-03', s)).toBe(false); // Saturday
  });

  it('rests on a holiday that falls on a weekday', () => {
    expect(isWorkday('2026-10-01', s)).toBe(false); // Thursday
  });

  it('works on a 调休 Saturday or Sunday', () => {
    expect(isWorkday('2026-09-27', s)).toBe(true); // Sunday
    expect(isWorkday('2026-10-10', s)).toBe(true); // Saturday
  });

  it('honours a six-day week', () => {
    expect(isWorkday('2026-10-03', settingsOf({ workdays: [1, 2, 3, 4, 5, 6] }))).toBe(true);
  });
});

describe('wall clock in a zone, read through cached offsets', () => {
  // Zones with DST, half-hour and 45-minute offsets, 30-minute DST (Lord Howe), midnight changes (Gaza).
  const zones = [
    'Asia/Shanghai',
    'Europe/London',
    'America/New_York',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Gaza',
    'Africa/Casablanca',
    'America/Santiago',
  ];
  const formats = new Map<string, Intl.DateTimeFormat>();
  const byIntl = (instant: Date, zone: string) => {
    const format =
      formats.get(zone) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    formats.set(zone, format);
    const parts = format.formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
  };

  it('agrees with Intl at any instant, around offset changes too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('1950-01-01T00:00:00Z'),
          max: new Date('2060-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, instant) => {
          expect({ date: localDateOf(instant, zone), time: localTimeOf(instant, zone) }).toEqual(
            byIntl(instant, zone),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with Intl minute by minute across a year of DST changes', () => {
    for (const zone of ['Australia/Lord_Howe', 'Asia/Gaza', 'America/Santiago']) {
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 23 * 60_000 + 13_000) {
        const instant = new Date(t);
        const intl = byIntl(instant, zone);
        if (localDateOf(instant, zone) !== intl.date || localTimeOf(instant, zone) !== intl.time)
          throw new Error(
            `${zone} ${instant.toISOString()}: ${localDateOf(instant, zone)} ${localTimeOf(instant, zone)} vs ${JSON.stringify(intl)}`,
          );
      }
    }
  });
});
