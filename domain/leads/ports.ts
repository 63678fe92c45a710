import type { Lead, NewLead } from './lead';

/** Whose leads a query covers: the reach's owners (null: the whole tenant), and the pool or not. */
export interface LeadScope {
  ownerIds: readonly number[] | null;
  pool: boolean;
}

export interface LeadFollowUp {
  userId: number;
  content: string;
  createdAt: Date;
}

/** Storage port for leads; every call takes the tenant. */
export interface LeadStore {
  create(
    tenantId: string,
    lead: NewLead & { ownerUserId: number | null; createdByUserId: number | null },
    now: Date,
  ): Promise<Lead>;
  /** The lead if the scope reaches it (its owner is among the scope's, or it is in the pool). */
  findInScope(tenantId: string, id: number, scope: LeadScope): Promise<Lead | null>;
  /** Open leads in the scope, newest first. */
  listOpen(tenantId: string, scope: LeadScope, limit: number): Promise<Lead[]>;
  countOwned(tenantId: string, userId: number): Promise<number>;
  /** Leads that may be the same company: by phone or by name (the domain decides). */
  findDuplicateCandidates(
    tenantId: string,
    candidate: { normalizedName: string; phoneNormalized: string | null },
  ): Promise<Lead[]>;
  /** Every lead's name and phone, for an import's 查重 in memory. */
  listMatchable(tenantId: string): Promise<Lead[]>;
  /** Moves an open lead from `fromUserId` to `toUserId` only if that is still its owner. */
  move(
    tenantId: string,
    id: number,
    fromUserId: number | null,
    toUserId: number | null,
    at: Date,
  ): Promise<boolean>;
  addFollowUp(tenantId: string, leadId: number, userId: number, content: string, at: Date): Promise<void>;
  followUps(tenantId: string, leadId: number, limit: number): Promise<LeadFollowUp[]>;
  /** Closes an open lead as converted; false when it was converted meanwhile. */
  markConverted(tenantId: string, id: number, at: Date): Promise<boolean>;
  /** What a converted lead became. */
  linkConversion(
    tenantId: string,
    id: number,
    converted: { customerId: number; opportunityId: number },
  ): Promise<void>;
  /** Owned open leads whose follow-up clock started at or before `cutoff`. */
  listRecycleCandidates(tenantId: string, cutoff: Date): Promise<Lead[]>;
  markWarned(tenantId: string, id: number, at: Date): Promise<void>;
}
