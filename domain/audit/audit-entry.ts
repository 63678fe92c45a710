/** An audited change: who did what to which subject, with the value before and after. */
export interface AuditEntry {
  tenantId: string;
  actorUserId: number | null;
  /** Stable dotted name, e.g. `attendance.settings.work_hours`. */
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** Storage port: the audit log is append-only. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

/** Storage port: the tenant's latest audited changes, newest first. */
export interface AuditHistory {
  listRecent(tenantId: string, limit: number): Promise<AuditEntry[]>;
  /** Entries with `from <= at < to`, oldest first, at most `limit`. */
  listBetween(tenantId: string, from: Date, to: Date, limit: number): Promise<AuditEntry[]>;
}
