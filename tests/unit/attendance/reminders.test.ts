import type { LeaveCalendar } from '../../../domain/attendance/leave';
import {
  decideReminders,
  reminderSettingsSchema,
  dropThoseOnLeave,
  reminderWorkDates,
  type AttendanceReminder,
  type ReminderInput,
  type ReminderPunch,
} from '../../../domain/attendance/reminders';
import type { AttendanceSettingsInput } from '../../../domain/attendance/settings';
import { settingsOf } from './helpers';

const DEFAULT_REMINDER_SETTINGS = reminderSettingsSchema.parse({});

const MON = '2026-03-02';
const TUE = '2026-03-03';
const SAT = '2026-03-07';

// 1: no punch yet; 2: punched in at 08:40; 3: in at 08:40 and out at 18:05; 4: no department (an admin-only account).
const PEOPLE = [
  { id: 1, departmentId: 10 },
  { id: 2, departmentId: 10 },
  { id: 3, departmentId: 11 },
  { id: 4, departmentId: null },
];
const punch = (userId: number, kind: 'in' | 'out', iso: string, workDate: string): ReminderPunch => ({
  userId,
  kind,
  at: new Date(iso),
  workDate,
  isField: false,
});
const MONDAY_PUNCHES = [
  punch(2, 'in', `${MON}T08:40:00+08:00`, MON),
  punch(3, 'in', `${MON}T08:40:00+08:00`, MON),
  punch(3, 'out', `${MON}T18:05:00+08:00`, MON),
];

function decide(
  iso: string,
  over: { settings?: AttendanceSettingsInput; reminders?: object; punches?: ReminderPunch[] } = {},
): AttendanceReminder[] {
  const input: ReminderInput = {
    now: new Date(iso),
    settings: settingsOf(over.settings),
    reminders: reminderSettingsSchema.parse(over.reminders ?? {}),
    people: PEOPLE,
    punches: over.punches ?? MONDAY_PUNCHES,
  };
  return decideReminders(input);
}
const who = (reminders: AttendanceReminder[]) => reminders.map((r) => `${r.kind}:${r.userId}`);

describe('reminder settings', () => {
  it('default to 10 minutes before the start and 30 after the end', () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({ enabled: true, beforeStartMinutes: 10, afterEndMinutes: 30 });
  });
});

describe('the punch-in reminder (fixed 09:00–18:00, Asia/Shanghai)', () => {
  it('goes at 08:50 to staff without a punch-in, not to those who punched or have no department', () => {
    expect(decide(`${MON}T08:50:00+08:00`, { punches: [MONDAY_PUNCHES[0] as ReminderPunch] })).toEqual([
      {
        kind: 'in',
        workDate: MON,
        userId: 1,
        text: '⏰ 还有10分钟上班（09:00），别忘了签到：发送「签到」。',
        idempotencyKey: `remind:in:${MON}:1`,
      },
      {
        kind: 'in',
        workDate: MON,
        userId: 3,
        text: '⏰ 还有10分钟上班（09:00），别忘了签到：发送「签到」。',
        idempotencyKey: `remind:in:${MON}:3`,
      },
    ]);
  });

  it('stays due until the start, with the minutes really left (a missed minute is caught up)', () => {
    expect(decide(`${MON}T08:49:59+08:00`)).toEqual([]);
    const late = decide(`${MON}T08:55:40+08:00`);
    expect(who(late)).toEqual(['in:1']);
    expect(late[0]?.text).toBe('⏰ 还有5分钟上班（09:00），别忘了签到：发送「签到」。');
    expect(late[0]?.idempotencyKey).toBe(`remind:in:${MON}:1`);
    expect(decide(`${MON}T09:00:00+08:00`)).toEqual([]);
  });

  it('follows the tenant setting, but never before the punch window opens', () => {
    expect(who(decide(`${MON}T08:45:00+08:00`, { reminders: { beforeStartMinutes: 15 } }))).toEqual(['in:1']);
    expect(decide(`${MON}T07:59:00+08:00`, { reminders: { beforeStartMinutes: 90 } })).toEqual([]);
    expect(decide(`${MON}T08:00:00+08:00`, { reminders: { beforeStartMinutes: 90 } })[0]?.text).toContain(
      '还有60分钟上班',
    );
  });

  it('skips weekends and holidays, and follows 调休 make-up workdays', () => {
    expect(decide(`${SAT}T08:50:00+08:00`)).toEqual([]);
    expect(decide(`${MON}T08:50:00+08:00`, { settings: { holidays: [MON] } })).toEqual([]);
    expect(who(decide(`${SAT}T08:50:00+08:00`, { settings: { makeUpWorkdays: [SAT] } }))).toEqual([
      'in:1',
      'in:2',
      'in:3',
    ]);
  });

  it('is off when the tenant turns reminders off', () => {
    expect(decide(`${MON}T08:50:00+08:00`, { reminders: { enabled: false } })).toEqual([]);
    expect(decide(`${MON}T18:30:00+08:00`, { reminders: { enabled: false } })).toEqual([]);
  });

  it('names the latest start under flexible hours', () => {
    const settings: AttendanceSettingsInput = {
      schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
    };
    expect(decide(`${MON}T08:50:00+08:00`, { settings, punches: [] })).toEqual([]);
    const due = decide(`${MON}T09:50:00+08:00`, { settings, punches: [] });
    expect(who(due)).toEqual(['in:1', 'in:2', 'in:3']);
    expect(due[0]?.text).toBe('⏰ 还有10分钟到最晚上班时间（10:00），别忘了签到：发送「签到」。');
  });
});

describe('the missing punch-out reminder', () => {
  it('goes 30 minutes after the end to those punched in but not out', () => {
    expect(decide(`${MON}T18:29:00+08:00`)).toEqual([]);
    expect(decide(`${MON}T18:30:00+08:00`)).toEqual([
      {
        kind: 'out',
        workDate: MON,
        userId: 2,
        text: '今天还没有下班签退（下班时间 18:00），发送「签退」完成打卡。',
        idempotencyKey: `remind:out:${MON}:2`,
      },
    ]);
  });

  it('stays due until the punch window closes (22:00), then stops asking for a punch that would be refused', () => {
    expect(who(decide(`${MON}T22:00:59+08:00`))).toEqual(['out:2']);
    expect(decide(`${MON}T22:01:00+08:00`)).toEqual([]);
  });

  it('counts a flexible end from the punch-in (晚到晚走)', () => {
    const settings: AttendanceSettingsInput = {
      schedule: { mode: 'flexible', earliestStart: '08:30', latestStart: '10:00', requiredHours: 8 },
    };
    const punches = [
      punch(1, 'in', `${MON}T08:40:00+08:00`, MON),
      punch(2, 'in', `${MON}T09:30:00+08:00`, MON),
    ];
    const early = decide(`${MON}T17:10:00+08:00`, { settings, punches });
    expect(early).toEqual([
      expect.objectContaining({
        kind: 'out',
        userId: 1,
        text: '今天还没有下班签退（下班时间 16:40），发送「签退」完成打卡。',
      }),
    ]);
    expect(who(decide(`${MON}T18:00:00+08:00`, { settings, punches }))).toEqual(['out:1', 'out:2']);
  });

  it('names the shift day of a cross-midnight shift the next morning', () => {
    const settings: AttendanceSettingsInput = { schedule: { mode: 'fixed', start: '22:00', end: '06:00' } };
    const punches = [punch(1, 'in', `${MON}T21:55:00+08:00`, MON)];
    expect(decide(`${TUE}T06:30:00+08:00`, { settings, punches })).toEqual([
      {
        kind: 'out',
        workDate: MON,
        userId: 1,
        text: '3月2日还没有下班签退（下班时间 次日06:00），发送「签退」完成打卡。',
        idempotencyKey: `remind:out:${MON}:1`,
      },
    ]);
    // The same evening, Tuesday's shift: its punch-in reminder.
    expect(who(decide(`${TUE}T21:50:00+08:00`, { settings, punches }))).toEqual(['in:1', 'in:2', 'in:3']);
  });
});

describe('free hours (自由工时)', () => {
  it('has no start or end, so no minute of the day is due', () => {
    const settings = settingsOf({ schedule: { mode: 'free' } });
    const dayStart = new Date(`${MON}T00:00:00+08:00`).getTime();
    const dueMinutes = Array.from({ length: 1440 }, (_, m) => new Date(dayStart + m * 60_000)).filter(
      (now) => reminderWorkDates(now, settings, DEFAULT_REMINDER_SETTINGS).length > 0,
    );
    expect(dueMinutes).toEqual([]);
  });
});

describe('a tenant in America/New_York', () => {
  const settings: AttendanceSettingsInput = { timeZone: 'America/New_York' };

  it('is reminded at 08:50 New York time, before and after the DST change', () => {
    // Monday 2 March: EST (UTC−5).
    expect(who(decide('2026-03-02T13:50:00Z', { settings, punches: [] }))).toEqual(['in:1', 'in:2', 'in:3']);
    expect(decide('2026-03-02T13:50:00Z', { settings, punches: [] })[0]?.workDate).toBe(MON);
    // Monday 9 March: EDT (UTC−4) since the 8th, so 08:50 is an hour earlier in UTC.
    expect(who(decide('2026-03-09T12:50:00Z', { settings, punches: [] }))).toEqual(['in:1', 'in:2', 'in:3']);
    expect(decide('2026-03-09T13:50:00Z', { settings, punches: [] })).toEqual([]);
  });

  it('reads the work date in its own zone: Monday 08:50 in Shanghai is Sunday evening there', () => {
    expect(decide(`${MON}T08:50:00+08:00`, { settings, punches: [] })).toEqual([]);
    expect(
      reminderWorkDates(new Date(`${MON}T08:50:00+08:00`), settingsOf(), DEFAULT_REMINDER_SETTINGS),
    ).toEqual([MON]);
  });
});

describe('dropThoseOnLeave', () => {
  it('asks the leave calendar about each reminder and leaves out those on leave', async () => {
    const asked: string[] = [];
    const leave: Pick<LeaveCalendar, 'isOnLeave'> = {
      isOnLeave: (tenantId, userId, workDate) => {
        asked.push(`${tenantId}/${userId}/${workDate}`);
        return Promise.resolve(userId === 3);
      },
    };
    const due = decide(`${MON}T08:50:00+08:00`, { punches: [] });
    expect(who(await dropThoseOnLeave('t1', due, leave))).toEqual(['in:1', 'in:2']);
    expect(asked).toEqual([`t1/1/${MON}`, `t1/2/${MON}`, `t1/3/${MON}`]);
  });
});
