import { Between, In, type EntityManager } from 'typeorm';
import {
  CORRECTED_RESULTS,
  type AttendanceCorrectionStore,
  type CorrectedResult,
  type DayCorrection,
} from '../../domain/attendance/correction';
import {
  AttendanceCorrectionEntity,
  type AttendanceCorrectionRow,
} from '../entities/attendance-correction.entity';

const isResult = (value: string): value is CorrectedResult =>
  (CORRECTED_RESULTS as readonly string[]).includes(value);

function toCorrection(row: AttendanceCorrectionRow): DayCorrection | null {
  if (!isResult(row.result)) return null;
  return {
    userId: row.userId,
    workDate: row.workDate,
    result: row.result,
    reason: row.reason,
    correctedBy: row.correctedBy,
    correctedAt: new Date(row.correctedAt),
  };
}

/** 考勤更正, one per person and day. */
export class AttendanceCorrectionRepository implements AttendanceCorrectionStore {
  constructor(private readonly manager: EntityManager) {}

  async correct(tenantId: string, correction: DayCorrection): Promise<DayCorrection | null> {
    const key = { tenantId, userId: correction.userId, workDate: correction.workDate };
    const existing = await this.manager.findOneBy(AttendanceCorrectionEntity, key);
    await this.manager.save(AttendanceCorrectionEntity, { ...key, ...correction });
    return existing ? toCorrection(existing) : null;
  }

  async correctionsFor(
    tenantId: string,
    userIds: readonly number[],
    fromDate: string,
    toDate: string,
  ): Promise<DayCorrection[]> {
    if (userIds.length === 0) return [];
    const rows = await this.manager.find(AttendanceCorrectionEntity, {
      where: { tenantId, userId: In([...userIds]), workDate: Between(fromDate, toDate) },
    });
    return rows.flatMap((r) => toCorrection(r) ?? []);
  }
}
