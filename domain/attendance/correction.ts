import type { DayStatus, DaySummary } from './day-status';

/** What an admin may correct a day to (考勤更正 张三 昨天 正常 外出拜访已核实). */
export const CORRECTED_RESULTS = ['normal', 'absent', 'leave', 'rest'] as const;
export type CorrectedResult = (typeof CORRECTED_RESULTS)[number];

export const CORRECTED_RESULT_LABELS: Record<CorrectedResult, string> = {
  normal: '正常',
  absent: '旷工',
  leave: '请假',
  rest: '休息',
};

/** An admin's correction of one person's day: the result that counts, and why. */
export interface DayCorrection {
  userId: number;
  workDate: string;
  result: CorrectedResult;
  reason: string;
  correctedBy: number;
  correctedAt: Date;
}

/** Storage port: one correction per person and day (a later one replaces it; the audit log keeps both). */
export interface AttendanceCorrectionStore {
  /** Stores the correction; returns the one it replaced (null when none). */
  correct(tenantId: string, correction: DayCorrection): Promise<DayCorrection | null>;
  correctionsFor(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<DayCorrection[]>;
}

/** The correction of one person on one date, in the form `summarizeDay` takes. */
export function correctionOn(
  corrections: readonly DayCorrection[],
  userId: number,
  workDate: string,
): DayCorrection | null {
  return corrections.find((c) => c.userId === userId && c.workDate === workDate) ?? null;
}

const RESULT_STATUS: Record<CorrectedResult, DayStatus> = {
  normal: { code: 'normal' },
  absent: { code: 'absent' },
  leave: { code: 'leave', fullDay: true },
  rest: { code: 'rest' },
};

/**
 * The day as corrected: the corrected result counts everywhere (the month's figures, the digest, the
 * exports), and the original stays visible in a 已更正 status after it. Punches, worked hours, 外勤 and
 * 加班 are kept: a correction judges the day, it does not invent or erase punches.
 */
export function applyCorrection(
  day: DaySummary,
  correction: Pick<DayCorrection, 'result' | 'reason'>,
): DaySummary {
  const cleared = { lateMinutes: 0, earlyMinutes: 0, missingPunches: 0, isOpen: false };
  const original = day.statuses.filter((s) => s.code !== 'corrected');
  const kept = day.statuses.filter(
    (s) => s.code === 'field' || s.code === 'overtime' || s.code === 'make_up',
  );
  const trace: DayStatus = { code: 'corrected', original, reason: correction.reason };
  switch (correction.result) {
    case 'normal':
      return {
        ...day,
        ...cleared,
        isWorkday: true,
        isAbsent: false,
        leave: null,
        statuses: [RESULT_STATUS.normal, ...kept, trace],
      };
    case 'absent':
      return {
        ...day,
        ...cleared,
        isWorkday: true,
        isAbsent: true,
        leave: null,
        statuses: [RESULT_STATUS.absent, trace],
      };
    case 'leave':
      return {
        ...day,
        ...cleared,
        isWorkday: true,
        isAbsent: false,
        isField: false,
        leave: 'full',
        statuses: [RESULT_STATUS.leave, trace],
      };
    case 'rest':
      return {
        ...day,
        ...cleared,
        isWorkday: false,
        isAbsent: false,
        leave: null,
        statuses: [RESULT_STATUS.rest, ...kept, trace],
      };
  }
}
