import type { CustomerReach } from '../domain/field/customer-profile';
import type { FieldScope } from '../domain/field/customer-pool';
import type { OwnerScope } from '../domain/field/opportunity';
import { DomainError } from '../domain/errors';
import type { OrgDirectory } from '../domain/org/ports';
import { findPeopleNamed } from '../domain/org/role-assignment';
import { reachOf, type Reach } from '../domain/org/reach';
import type { UserProfile } from '../domain/org/user';
import type { HandlerContext } from './context';

/** A reader's reach and the people their team views cover (the reader excluded). */
export interface ReaderReach {
  reach: Reach;
  team: UserProfile[];
}

/** What the reach is computed from: the org chart and the tenant's people. */
export interface ReachSources {
  org: OrgDirectory;
  people: { findActiveInTenant(tenantId: string): Promise<UserProfile[]> };
}

/**
 * The reach of `reader` (domain/org/reach.ts), read from the org chart: the one computation every read path
 * uses — chat handlers through `reachFor(ctx)`, H5 pages and jobs through this.
 */
export async function readerReach(sources: ReachSources, reader: UserProfile): Promise<ReaderReach> {
  const leads = reader.role === 'manager' || reader.role === 'admin';
  const company =
    reader.role === 'admin' || (reader.role === 'manager' && (await sources.org.leadsTopDepartment(reader)));
  const people = company
    ? (await sources.people.findActiveInTenant(reader.tenantId)).filter((p) => p.id !== reader.id)
    : leads
      ? await sources.org.teamOf(reader)
      : [];
  const ids = people.map((p) => p.id);
  const reach = reachOf(reader, { team: ids, colleagues: ids, leadsTop: company });
  return { reach, team: people };
}

const perEvent = new WeakMap<HandlerContext, Promise<ReaderReach>>();

/** The current user's reach, computed once per event. */
export function reachFor(ctx: HandlerContext): Promise<ReaderReach> {
  let found = perEvent.get(ctx);
  if (!found) {
    found = readerReach({ org: ctx.stores.org, people: ctx.stores.people }, ctx.user);
    perEvent.set(ctx, found);
  }
  return found;
}

/** The reach as the visits and pool queries take it (the pool is always included there). */
export function fieldScopeOfReach(reach: Reach): FieldScope {
  return reach.ownerIds === null ? { kind: 'all' } : { kind: 'owners', ownerIds: [...reach.ownerIds] };
}

/** The reach as owned-record queries take it (opportunities, visits, requests). */
export function ownerScopeOfReach(reach: Reach): OwnerScope {
  return reach.ownerIds === null ? { kind: 'all' } : { kind: 'owners', userIds: reach.ownerIds };
}

/** The reach as customer queries take it: read includes the pool; change includes it for managers. */
export function customerReachOfReach(reach: Reach, purpose: 'read' | 'change'): CustomerReach {
  if (reach.ownerIds === null) return { kind: 'all' };
  const includeUnowned = purpose === 'read' ? reach.pool.read : reach.pool.change;
  return { kind: 'owners', userIds: reach.ownerIds, includeUnowned };
}

/**
 * The person a name (or user id) names among those the reader oversees — himself and, for a manager, his
 * reach team; refused with what the reader may look at instead.
 */
export async function personInReach(
  ctx: HandlerContext,
  query: string,
  what: { label: string; example: string },
): Promise<UserProfile> {
  const { team } = await reachFor(ctx);
  const [match] = findPeopleNamed([ctx.user, ...team], query);
  if (match) return match;
  const manager = ctx.user.role === 'manager' || ctx.user.role === 'admin';
  throw new DomainError('reach.person_outside', {
    name: query,
    what: what.label,
    example: what.example,
    ...(manager ? { manager: 1 } : {}),
  });
}
