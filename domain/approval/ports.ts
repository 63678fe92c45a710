import type { FlowDefinition } from './flow-definition';
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
  /** Requests with a pending step this person must decide. */
  listPendingFor(tenantId: string, approverId: number): Promise<ApprovalState[]>;
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
