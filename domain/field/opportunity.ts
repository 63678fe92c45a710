import type { DealStanding } from './pool';
import type { OpportunitySettings } from './opportunity-stages';

/** An opportunity (商机): a customer, an amount in fen, a stage it entered at a time. */
export interface Opportunity {
  id: number;
  tenantId: string;
  customerId: number;
  customerName: string;
  ownerUserId: number;
  amountFen: number;
  stageKey: string;
  stageEnteredAt: Date;
  /** open until won or lost. */
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  /** Bumped by every stage move: a card carries it, so a second tap on the same card changes nothing. */
  version: number;
  createdAt: Date;
}

export interface StageHistoryEntry {
  fromStage: string | null;
  toStage: string;
  at: Date;
  userId: number;
  /** Days spent in `fromStage` before this move (null for the creation). */
  daysInFromStage: number | null;
  lostReason: string | null;
}

/**
 * Whose records a viewer reaches: everything in the tenant (admins), or the records these people own
 * (a rep: themselves; a manager: themselves and their department subtree).
 */
export type OwnerScope = { kind: 'all' } | { kind: 'owners'; userIds: readonly number[] };

export function isInScope(scope: OwnerScope, ownerUserId: number | null): boolean {
  if (scope.kind === 'all') return true;
  return ownerUserId !== null && scope.userIds.includes(ownerUserId);
}

export interface NewOpportunity {
  customerId: number;
  ownerUserId: number;
  amountFen: number;
  stageKey: string;
  createdByUserId: number;
}

export interface StageMoveInput {
  toStage: string;
  status: Opportunity['status'];
  lostReason: string | null;
  byUserId: number;
  daysInFromStage: number;
}

/** Storage port: opportunities, their stage history, always within a tenant. */
export interface OpportunityStore {
  create(tenantId: string, input: NewOpportunity, now: Date): Promise<Opportunity>;
  /** The opportunity, locked for the rest of the transaction on MySQL (two taps at once take turns). */
  findForUpdate(tenantId: string, id: number): Promise<Opportunity | null>;
  /** Moves the stage if the version is still `expectedVersion`, with a history row; false when it was not. */
  moveStage(tenantId: string, opportunity: Opportunity, move: StageMoveInput, now: Date): Promise<boolean>;
  /** Open opportunities in the scope, newest first. */
  listOpen(tenantId: string, scope: OwnerScope, limit: number): Promise<Opportunity[]>;
  history(tenantId: string, id: number): Promise<StageHistoryEntry[]>;
  /** Open opportunities sitting in each of these stages (a stage holding some cannot be removed). */
  countOpenByStage(tenantId: string): Promise<Map<string, number>>;
  /** Whether each of these customers has an open and a won opportunity (absent: neither). */
  dealStandings(tenantId: string, customerIds: number[]): Promise<Map<number, DealStanding>>;
}

/** A follow-up (跟进) logged against a customer, optionally one of its opportunities. */
export interface FollowUp {
  customerId: number;
  opportunityId: number | null;
  userId: number;
  content: string;
}

export interface FollowUpLog {
  add(tenantId: string, followUp: FollowUp, now: Date): Promise<number>;
}

/** Storage port: the tenant's settings group `opportunities` (stages and probabilities). */
export interface OpportunitySettingsStore {
  read(tenantId: string): Promise<OpportunitySettings>;
  write(tenantId: string, settings: OpportunitySettings, now: Date): Promise<void>;
}

/** What 商机 and 跟进 accept as content: a line of text, not a document. */
export const MAX_FOLLOW_UP_CHARS = 500;
export const MAX_LOST_REASON_CHARS = 200;
/** ¥1,000,000,000: anything larger is a typing mistake. */
export const MAX_OPPORTUNITY_FEN = 100_000_000_000;
