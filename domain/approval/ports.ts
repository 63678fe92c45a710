import type { FormDefinition, FormValues } from './custom-form';
import type { FlowDefinition } from './flow-definition';
import type { LeaveType } from './leave';
import type { OrgSnapshot } from './org-snapshot';
import type { RequestType } from './request-forms';
import type { ApprovalState } from './state';

/** Storage port for approval requests; every method is scoped to a tenant. */
export interface ApprovalStore {
  /** Reserves a request number (the id users type: 撤回 12). */
  createDraft(tenantId: string, requesterId: number, type: RequestType, now: Date): Promise<number>;
  /** Loads a request to change it; concurrent changers of the same request wait for each other. */
  loadForUpdate(tenantId: string, requestId: number): Promise<ApprovalState | null>;
  /** Saves a new state; throws ConcurrentChangeError when `expectedVersion` is no longer the stored one. */
  save(
    tenantId: string,
    requestId: number,
    state: ApprovalState,
    expectedVersion: number,
    now: Date,
  ): Promise<void>;
  listByRequester(tenantId: string, requesterId: number, limit: number): Promise<ApprovalState[]>;
  /** The person's pending and approved requests of these types (what allowances and clashes count). */
  listStanding(
    tenantId: string,
    requesterId: number,
    types: readonly RequestType[],
  ): Promise<ApprovalState[]>;
  /** How many of this person's requests are waiting for a decision. */
  countPendingBy(tenantId: string, requesterId: number): Promise<number>;
  /** Requests with a pending step this person must decide. */
  listPendingFor(tenantId: string, approverId: number): Promise<ApprovalState[]>;
  /** Every pending request in the tenant, oldest first: what the escalation job walks. */
  listPending(tenantId: string): Promise<ApprovalState[]>;
}

export class ConcurrentChangeError extends Error {
  constructor(requestId: number) {
    super(`approval request ${requestId} changed concurrently`);
    this.name = 'ConcurrentChangeError';
  }
}

/** The org chart as routing reads it (departments with leaders, active people with roles). */
export interface OrgSnapshotSource {
  snapshot(tenantId: string): Promise<OrgSnapshot>;
}

/** A tenant's own flow definitions by request type, set by admins (chat or import file); absent types use the defaults. */
export interface FlowDefinitionStore {
  flowFor(tenantId: string, type: RequestType): Promise<FlowDefinition | null>;
  /** Replaces the tenant's flow for one type; null goes back to the default. */
  setFlow(tenantId: string, type: RequestType, flow: FlowDefinition | null, now: Date): Promise<void>;
}

/** A tenant's custom forms (自定义审批表单), set by admins in chat or the import file. */
export interface ApprovalFormStore {
  list(tenantId: string): Promise<FormDefinition[]>;
  /** Adds the form, or replaces the one with the same name as a new version. */
  save(tenantId: string, form: FormDefinition, now: Date): Promise<void>;
  remove(tenantId: string, formId: string, now: Date): Promise<boolean>;
}

/** A custom form being filled in chat, one field at a time. */
export interface FormDraft {
  id: number;
  formId: string;
  formVersion: number;
  values: FormValues;
  /** Index of the field being asked; equal to the field count once all are answered. */
  position: number;
  updatedAt: Date;
}

export interface FormDraftStore {
  start(tenantId: string, userId: number, form: FormDefinition, now: Date): Promise<FormDraft>;
  /** The person's draft still being filled, if any (one at a time). */
  findOpen(tenantId: string, userId: number): Promise<FormDraft | null>;
  update(tenantId: string, draft: FormDraft, now: Date): Promise<void>;
  /** Closes the draft (submitted or cancelled); false when it already was (a double tap, a replay). */
  close(tenantId: string, userId: number, id: number, now: Date): Promise<boolean>;
}

/** Leave quotas set by admins (设置假期 张三 年假 5天), per person, type and year ('YYYY'). */
export interface LeaveQuotaStore {
  quotasOf(tenantId: string, userId: number, year: string): Promise<Partial<Record<LeaveType, number>>>;
  /** Sets one quota; returns the one it replaced (null when none). */
  setQuota(
    tenantId: string,
    userId: number,
    year: string,
    leaveType: LeaveType,
    days: number,
    now: Date,
  ): Promise<number | null>;
}

/** 入职日期 (YYYY-MM-DD) per person, for 年假 by seniority; set by admins in chat or the import file. */
export interface HireDateStore {
  hireDateOf(tenantId: string, userId: number): Promise<string | null>;
  /** Returns the date it replaced (null when none). */
  setHireDate(tenantId: string, userId: number, hiredOn: string): Promise<string | null>;
}
