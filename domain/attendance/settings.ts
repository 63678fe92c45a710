import { STATUTORY_ANNUAL_LEAVE } from '../approval/seniority';
import { z } from 'zod';

/**
 * A tenant's attendance rules (考勤规则). Settings are outside data (admin forms, import files), so they
 * enter through this schema; every default comes from docs/product.md "Attendance and field check-in".
 */

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'HH:MM' on a 24-hour clock, wall time in the tenant's zone. */
export const wallTimeSchema = z.string().regex(HM, 'must be HH:MM, e.g. 09:00');

/** 'YYYY-MM-DD' that names a real calendar day. */
export const isoDateSchema = z
  .string()
  .refine(isRealIsoDate, 'must be a real date as YYYY-MM-DD, e.g. 2026-10-01');

export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const knownZones = new Set<string>();

export function isKnownTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

export const attendanceLocationSchema = z.object({
  name: z.string().trim().min(1).max(64),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z.number().positive().max(10_000).default(300),
});
export type AttendanceLocation = z.infer<typeof attendanceLocationSchema>;

/** 固定班制: the same start and end every workday. `end` before `start` means the shift ends the next day. */
const fixedScheduleSchema = z.object({
  mode: z.literal('fixed'),
  start: wallTimeSchema.default('09:00'),
  end: wallTimeSchema.default('18:00'),
});

/**
 * 弹性工时: the start may float between `earliestStart` and `latestStart`; the day must reach
 * `requiredHours` of work (break excluded). Coming later within the float means leaving later (晚到晚走).
 */
const flexibleScheduleSchema = z.object({
  mode: z.literal('flexible'),
  earliestStart: wallTimeSchema.default('08:30'),
  latestStart: wallTimeSchema.default('10:00'),
  requiredHours: z.number().positive().max(16).default(8),
});

/**
 * 自由工时: no start or end; a day counts with a punch-in and a punch-out. `dayStartsAt` is when one
 * attendance day turns into the next (DingTalk lets a tenant set this for free hours); 05:00 keeps a late-night
 * punch-out on the day that started. `minimumHours: null` means no minimum.
 */
const freeScheduleSchema = z.object({
  mode: z.literal('free'),
  dayStartsAt: wallTimeSchema.default('05:00'),
  minimumHours: z.number().positive().max(24).nullable().default(8),
});

export const scheduleSchema = z.discriminatedUnion('mode', [
  fixedScheduleSchema,
  flexibleScheduleSchema,
  freeScheduleSchema,
]);
export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleMode = Schedule['mode'];

export const OUTSIDE_RADIUS_POLICIES = ['field', 'reject'] as const;

export const attendanceSettingsSchema = z
  .object({
    /** The tenant's IANA zone; every wall time and date below is read in it. */
    timeZone: z
      .string()
      .default('Asia/Shanghai')
      .refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
    locations: z.array(attendanceLocationSchema).max(100).default([]),
    schedule: scheduleSchema.prefault({ mode: 'fixed' }),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
    /** Punches are accepted from `beforeStartMinutes` before the start to `afterEndMinutes` after the end. */
    punchWindow: z
      .object({
        beforeStartMinutes: z.number().int().min(0).max(720).default(60),
        afterEndMinutes: z.number().int().min(0).max(720).default(240),
      })
      .prefault({}),
    /** 允许迟到: a punch-in up to this many minutes after the start is still 正常. */
    graceMinutes: z.number().int().min(0).max(180).default(0),
    /** 允许早退: the same allowance for a punch-out before the end. */
    earlyLeaveGraceMinutes: z.number().int().min(0).max(180).default(0),
    /**
     * 严重迟到记旷工 (as DingTalk offers): a punch-in later than this counts the day as 旷工.
     * null (default) keeps it as 迟到 however late.
     */
    absentIfLateOverMinutes: z.number().int().positive().max(1440).nullable().default(null),
    /** 休息时间, e.g. 12:00–13:00: excluded from worked minutes and from flexible required hours. */
    breakTime: z.object({ start: wallTimeSchema, end: wallTimeSchema }).nullable().default(null),
    outsideRadiusPolicy: z.enum(OUTSIDE_RADIUS_POLICIES).default('field'),
    /** When true, a map-picked point (手动选点) cannot be used for 上班/下班. */
    requireDeviceFix: z.boolean().default(false),
    /** A fix whose accuracy radius is larger than this is flagged 定位精度差. */
    precisionThresholdM: z.number().positive().max(100_000).default(200),
    /** Travel faster than this from the previous point is flagged 位置跳变. */
    maxSpeedKmh: z.number().positive().max(2000).default(200),
    /** A shared location older than this says nothing about where the person is now. */
    maxLocationAgeMinutes: z.number().int().positive().max(120).default(10),
    /** A photo sent within this many minutes after a punch is kept as its evidence (watermarked). */
    photoWindowMinutes: z.number().int().positive().max(240).default(30),
    /** 法定节假日: no work expected even on a workday. */
    holidays: z.array(isoDateSchema).default([]),
    /** 调休上班: work expected even on a rest day. */
    makeUpWorkdays: z.array(isoDateSchema).default([]),
    /** 补卡: how many make-up punches one person may file per month (pending and approved count). */
    makeUpPunchesPerMonth: z.number().int().min(0).max(31).default(3),
    /**
     * How far from today a request (补卡, 请假, 出差 …) may be dated: a 补卡 for last quarter or leave two years
     * ahead is a typing mistake or too late for payroll.
     */
    /**
     * 假期余额: leave beyond the balance of a type with a quota is refused (`refuse`) or filed with the shortfall
     * shown (`flag`); approved 加班 earns 调休 at `hoursPerDay` a day when `overtimeEarnsCompensatory`.
     */
    leaveBalance: z
      .object({
        policy: z.enum(['refuse', 'flag']).default('refuse'),
        overtimeEarnsCompensatory: z.boolean().default(false),
        hoursPerDay: z.number().positive().max(24).default(8),
        /** 年假 by seniority for whoever has a hire date and no quota set by hand (domain/approval/seniority.ts). */
        annualBySeniority: z
          .array(z.object({ minYears: z.number().int().min(0).max(60), days: z.number().min(0).max(365) }))
          .min(1)
          .max(10)
          .refine(
            (tiers) => new Set(tiers.map((t) => t.minYears)).size === tiers.length,
            'one tier per year count',
          )
          .default(() => STATUTORY_ANNUAL_LEAVE.map((t) => ({ ...t }))),
      })
      .prefault({}),
    /** 排班制: the shifts admins define (班次 早班 08:00-16:00), assigned per person and date (排班). */
    shifts: z
      .array(z.object({ name: z.string().min(1).max(16), start: wallTimeSchema, end: wallTimeSchema }))
      .max(30)
      .default([]),
    filingWindow: z
      .object({
        pastDays: z.number().int().min(0).max(366).default(31),
        futureDays: z.number().int().min(0).max(731).default(365),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.schedule.mode === 'fixed' && s.schedule.start === s.schedule.end) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'end'], message: 'end must differ from start' });
    }
    if (s.schedule.mode === 'flexible' && s.schedule.latestStart < s.schedule.earliestStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'latestStart'],
        message: 'latestStart must not be before earliestStart',
      });
    }
    if (s.breakTime && s.breakTime.start === s.breakTime.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['breakTime', 'end'],
        message: 'break end must differ from its start',
      });
    }
    // A reject policy with nowhere to punch would lock every employee out.
    if (s.outsideRadiusPolicy === 'reject' && s.locations.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['outsideRadiusPolicy'],
        message: 'add an attendance location before rejecting punches outside it',
      });
    }
    const holidays = new Set(s.holidays);
    for (const [i, date] of s.makeUpWorkdays.entries()) {
      if (holidays.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${date} is also listed as a holiday`,
        });
      }
    }
  });

export type AttendanceSettings = z.infer<typeof attendanceSettingsSchema>;
/** @internal For tests that build one from plain input. */
export type AttendanceSettingsInput = z.input<typeof attendanceSettingsSchema>;
