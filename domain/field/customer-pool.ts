import type { VisitKind } from './visit-purpose';
import type { VisitFix } from './visit';
import type { LatLng } from '../geo/distance';
import type { CustomerMoveReason, PoolCustomer } from './pool';

/**
 * Whose customers a person may see and act on: a rep their own, a manager those owned in their department
 * subtree (and their own); both also the pool (公海). Admins the whole tenant.
 */
export type FieldScope = { kind: 'all' } | { kind: 'owners'; ownerIds: number[] };

/** A customer as visits, plans and the pool need it. */
export interface FieldCustomer extends PoolCustomer {
  normalizedName: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  nextVisitDate: string | null;
}

export interface CustomerMove {
  customerId: number;
  fromUserId: number | null;
  toUserId: number | null;
  reason: CustomerMoveReason;
  actorUserId: number | null;
  at: Date;
}

/** Storage port: customers within a scope, and the pool moves. Every call takes the tenant. */
export interface CustomerPoolStore {
  findInScope(tenantId: string, id: number, scope: FieldScope): Promise<FieldCustomer | null>;
  /** Located customers in the bounding box of the circle (callers rank by real distance). */
  findNear(tenantId: string, center: LatLng, radiusM: number, scope: FieldScope): Promise<FieldCustomer[]>;
  countOwned(tenantId: string, userId: number): Promise<number>;
  /**
   * Moves the customer from `move.fromUserId` to `move.toUserId` only if that is still its owner (so two
   * claims of one pool customer yield one), restarts the ownership clock and records the move.
   */
  move(tenantId: string, move: CustomerMove): Promise<boolean>;
  recordFollowUp(tenantId: string, customerId: number, at: Date): Promise<void>;
  setNextVisitDate(tenantId: string, customerId: number, date: string | null): Promise<void>;
  /**
   * Owned customers that may be due for warning or recycle: whose follow-up clock started before
   * `idleCutoff`, or (when given) whose owner took them before `ownedCutoff` (the deal clock).
   */
  listRecycleCandidates(
    tenantId: string,
    idleCutoff: Date,
    ownedCutoff: Date | null,
  ): Promise<FieldCustomer[]>;
  /** When `userId` last let the customer go to the pool (released or recycled); null when never. */
  lastLeftBy(tenantId: string, customerId: number, userId: number): Promise<Date | null>;
  /** Customers `userId` claimed from the pool at or after `since`. */
  countClaimsSince(tenantId: string, userId: number, since: Date): Promise<number>;
  markWarned(tenantId: string, customerId: number, at: Date): Promise<void>;
  /**
   * An approved 申请延期: not recycled before `until`, warned again before it. Only while `ownerUserId` still
   * owns the customer; false otherwise.
   */
  deferRecycle(tenantId: string, customerId: number, ownerUserId: number, until: Date): Promise<boolean>;
}

/** A 拜访 <客户> waiting for the rep's position (no fresh location was on record). */
export interface VisitRequestStore {
  save(tenantId: string, userId: number, customerId: number, at: Date, kind: VisitKind): Promise<void>;
  /** The newest unconsumed request made after `since`, consumed atomically; null when none. */
  takeLatest(
    tenantId: string,
    userId: number,
    since: Date,
    at: Date,
  ): Promise<({ customerId: number } & VisitKind) | null>;
  /** The rep's newest shared position after `since`, with where it came from. */
  latestPositionSince(tenantId: string, userId: number, since: Date): Promise<VisitFix | null>;
}
