import type { TargetSubject } from '../orders/ports';
import type { TargetMeasure } from './measures';

/** A year split shown for confirmation: what 确认 writes. */
export interface YearSplitProposal {
  subject: TargetSubject;
  /** The department's or person's name as shown. */
  label: string;
  measure: TargetMeasure;
  /** The year period key (`2027`) and its total after the raise. */
  yearKey: string;
  total: number;
  /** How it was split, as shown (按2026年各月实际占比分到12个月，上浮5%). */
  basis: string;
  /** Period keys (`2027-03`, `2027-Q1`) and their values. */
  parts: Array<{ key: string; value: number }>;
}

export interface YearSplitDraft {
  id: number;
  userId: number;
  proposal: YearSplitProposal;
  createdAt: Date;
  decidedAt: Date | null;
}

/** Storage port: proposals waiting for 确认/取消, each decided once. */
export interface YearSplitDraftStore {
  save(tenantId: string, userId: number, proposal: YearSplitProposal, now: Date): Promise<number>;
  /** The proposal if `userId` made it. */
  findOwn(tenantId: string, userId: number, id: number): Promise<YearSplitDraft | null>;
  /** Marks it decided; false when it already was (a double tap, a replay). */
  decide(tenantId: string, id: number, decision: 'confirmed' | 'cancelled', now: Date): Promise<boolean>;
}
