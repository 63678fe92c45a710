import type { PushKind, ReportSettings } from './settings';

export interface DailyReport {
  id: number;
  tenantId: string;
  userId: number;
  reportDate: string;
  status: 'draft' | 'submitted';
  /** The day's activity lines, frozen at submission (empty while a draft: it is recomputed on view). */
  activity: string[];
  plan: string | null;
  problems: string | null;
  submittedAt: Date | null;
}

/** 日报 storage; every method is scoped to a tenant. */
export interface DailyReportStore {
  findForDay(tenantId: string, userId: number, reportDate: string): Promise<DailyReport | null>;
  findById(tenantId: string, id: number): Promise<DailyReport | null>;
  /** Creates the day's draft when there is none; sets the given fields. */
  saveDraft(
    tenantId: string,
    userId: number,
    reportDate: string,
    fields: { plan?: string; problems?: string },
    now: Date,
  ): Promise<DailyReport>;
  /** Freezes the activity and marks it submitted; false when it was submitted already. */
  submit(tenantId: string, id: number, activity: string[], now: Date): Promise<boolean>;
  addComment(tenantId: string, reportId: number, authorId: number, body: string, now: Date): Promise<void>;
  submittedOn(tenantId: string, userIds: number[], reportDate: string): Promise<Set<number>>;
  commentsOf(tenantId: string, reportId: number): Promise<DailyReportComment[]>;
  /** Records that `readerId` read the report; false when they had read it before (the first read counts). */
  markRead(tenantId: string, reportId: number, readerId: number, now: Date): Promise<boolean>;
  readsOf(tenantId: string, reportId: number): Promise<DailyReportRead[]>;
}

export interface DailyReportComment {
  authorId: number;
  body: string;
  at: Date;
}

/** A 已读 receipt: the reader opened the report's page or commented on it. */
export interface DailyReportRead {
  readerId: number;
  at: Date;
}

export interface PushRecord {
  tenantId: string;
  userId: number;
  kind: string;
  /** The period the push covers (`2026-11-22`, `2026-W47`, `report:12`): one push per person, kind and period. */
  periodKey: string;
  outboxKeys: string[];
  status: 'queued' | 'skipped' | 'failed';
  detail?: string;
}

/** The push log: what a resumed or concurrent job must not send again, and what was delivered. */
export interface PushLog {
  /** Recipients of `kind` for `periodKey` already recorded. */
  recordedFor(tenantId: string, kind: string, periodKey: string): Promise<Set<number>>;
  /** Records the push; false when it was recorded before (another run got there first). */
  record(entry: PushRecord, now: Date): Promise<boolean>;
  /** The latest period key of `kind` pushed to the person (点评 replies to the last report received). */
  latestFor(tenantId: string, userId: number, kind: string): Promise<string | null>;
  /** The tenant's latest scheduled pushes, newest first, each with how its messages fared. */
  recent(tenantId: string, limit: number): Promise<PushDelivery[]>;
}

export interface PushDelivery {
  userId: number;
  kind: string;
  periodKey: string;
  at: Date;
  /** `sent` when every message went out, `failed` when one was given up (with the platform's error), else `pending`. */
  result: 'sent' | 'pending' | 'failed' | 'skipped';
  error: string | null;
}

/** 退订 / 订阅. */
export interface PushPreferences {
  optedOut(tenantId: string, kind: PushKind): Promise<Set<number>>;
  setOptedOut(tenantId: string, userId: number, kind: PushKind, out: boolean, now: Date): Promise<void>;
}

export interface ReportSettingsStore {
  read(tenantId: string): Promise<ReportSettings>;
  write(tenantId: string, settings: ReportSettings, now: Date): Promise<void>;
}
