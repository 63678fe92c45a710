import type { ApprovalSettings } from '../domain/approval/approval-settings';
import type { ApprovalStore, OrgSnapshotSource } from '../domain/approval/ports';
import type { LeaveCalendar } from '../domain/attendance/leave';
import type { AttendanceSettingsStore, PunchStore } from '../domain/attendance/ports';
import type { ReminderSettings } from '../domain/attendance/reminders';
import type { AuditLog } from '../domain/audit/audit-entry';
import type { CoverageFacts } from '../domain/field/coverage';
import type { CustomerPoolStore } from '../domain/field/customer-pool';
import type { OpportunityStore } from '../domain/field/opportunity';
import type { VisitStore } from '../domain/field/visit';
import type { VisitPlanStore } from '../domain/field/visit-plan';
import type { VisitSettingsStore } from '../domain/field/visit-settings';
import type { LeadStore } from '../domain/leads/ports';
import type { InboxRef } from '../domain/messages/inbox';
import type { MessageQueue } from '../domain/messages/outbox';
import type { OrgDirectory, PeopleDirectory } from '../domain/org/ports';
import type { UserProfile } from '../domain/org/user';
import type { ReportFacts } from '../domain/reports/facts';
import type {
  DailyReportStore,
  PushLog,
  PushPreferences,
  ReportSettingsStore,
} from '../domain/reports/ports';

/**
 * Every store a scheduled job may use, as ports; bot/job-stores.ts binds them to storage. Each job's deps
 * name the part it needs (`Pick<JobStores, …>`).
 */
export interface JobStores {
  users: JobPeople;
  org: OrgDirectory;
  auditLog: AuditLog;
  outbox: MessageQueue;
  customerPool: CustomerPoolStore;
  opportunities: Pick<OpportunityStore, 'dealStandings'>;
  leads: LeadStore;
  visits: VisitStore;
  visitSettings: VisitSettingsStore;
  visitPlans: VisitPlanStore;
  coverage: CoverageFacts;
  attendanceSettings: AttendanceSettingsStore;
  reminderSettings: { read(tenantId: string): Promise<ReminderSettings> };
  punches: PunchStore;
  leaveCalendar: LeaveCalendar;
  approvals: ApprovalStore;
  approvalSettings: { read(tenantId: string): Promise<ApprovalSettings> };
  orgSnapshot: OrgSnapshotSource;
  reportSettings: ReportSettingsStore;
  reportFacts: ReportFacts;
  dailyReports: DailyReportStore;
  pushLog: PushLog;
  pushPreferences: PushPreferences;
  /** The bot's own bookkeeping, which the sweep and the retention job look after. */
  inbox: PendingInbox;
  signatures: { purgeSignatures(now: Date): Promise<number> };
  outboxPace: { purge(before: Date): Promise<void> };
}

/** People as the jobs look them up: per tenant, and which tenants have any. */
export interface JobPeople extends Pick<PeopleDirectory, 'findActiveInTenant'> {
  findById(tenantId: string, id: number): Promise<UserProfile | null>;
  /** Every tenant with an active user: what a per-tenant job walks through. */
  findTenantsWithUsers(): Promise<string[]>;
}

/** Stored callbacks: those left unhandled, and those settled long enough ago to go. */
export interface PendingInbox {
  findStalePending(receivedBefore: Date, limit: number): Promise<InboxRef[]>;
  /** Deletes up to `limit` settled events received before `receivedBefore`; returns how many went. */
  purgeSettled(receivedBefore: Date, limit: number): Promise<number>;
}

/**
 * How a job reaches its stores: `stores()` over the plain connection for reads — fresh at each call, so a run
 * shares no cached answer with the run before — and `withStores` for writes that commit together (one
 * transaction over stores bound to it).
 */
export interface StoreAccess<S> {
  stores(): S;
  withStores<T>(work: (stores: S) => Promise<T>): Promise<T>;
}

/** A job that walks the tenants and queues messages: its stores, and a wake-up for the outbox. */
export interface TenantJobDeps<S> extends StoreAccess<
  S & { users: Pick<JobPeople, 'findTenantsWithUsers'> }
> {
  /** Messages were queued: the outbox sender should look now rather than at its next poll. */
  onRepliesQueued: () => void;
}
