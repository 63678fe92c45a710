import { buildRouteCard } from '../cards/visit.card';
import { localDateOf, localTimeOf, minutesOfDay } from '../domain/attendance/calendar';
import { overdueVisits, overdueVisitText } from '../domain/field/coverage';
import { orderRoute, routeLengthM } from '../domain/field/route';
import { routeLines, type PlannedStop } from '../domain/field/visit-plan';
import { displayName } from '../domain/org/user';
import type { NewOutboxMessage } from '../domain/messages/outbox';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';
import { messageTo } from './user-message';

type RouteStores = Pick<
  JobStores,
  'visitSettings' | 'attendanceSettings' | 'visitPlans' | 'coverage' | 'users' | 'outbox'
>;

export type VisitRouteDeps = TenantJobDeps<RouteStores>;

export const VISIT_ROUTE_JOB = 'visit-route-morning';

/**
 * The morning card with the day's route (docs/product.md 拜访线路) and the customers overdue for a visit by
 * their class: from the tenant's route hour (default 08:00 in its zone) every rep with a plan for the day, or
 * with overdue customers, gets it once — keyed per rep and date, so a missed tick is
 * caught up and reruns send nothing twice. Each tenant has its own zone, so the cron runs in UTC.
 */
export function visitRouteJob(): Job<VisitRouteDeps> {
  return {
    name: VISIT_ROUTE_JOB,
    cron: '0 */15 * * * *',
    timezone: 'UTC',
    leaseMs: 10 * 60_000,
    run: (deps, now) => forEachTenant(deps, 'visit routes', (tenantId) => sendRoutes(deps, tenantId, now)),
  };
}

async function sendRoutes(deps: VisitRouteDeps, tenantId: string, now: Date): Promise<number> {
  const stores = deps.stores();
  const [settings, { timeZone }] = await Promise.all([
    stores.visitSettings.read(tenantId),
    stores.attendanceSettings.read(tenantId),
  ]);
  if (minutesOfDay(localTimeOf(now, timeZone)) < settings.routeCardHour * 60) return 0;
  const date = localDateOf(now, timeZone);
  const plannedIds = await stores.visitPlans.usersPlannedOn(tenantId, date);
  const stops = await stores.visitPlans.listDay(tenantId, plannedIds, date);
  const overdue = overdueVisits(
    await stores.coverage.ownedCustomers(tenantId, null),
    settings,
    date,
    timeZone,
  );
  const repIds = [...new Set([...plannedIds, ...overdue.map((o) => o.customer.ownerUserId)])];
  const messages: NewOutboxMessage[] = [];
  for (const repId of repIds) {
    const rep = await stores.users.findById(tenantId, repId);
    if (!rep?.active) continue;
    const own = stops.filter((s) => s.userId === repId).sort((a, b) => a.seq - b.seq);
    const ownOverdue = overdue.filter((o) => o.customer.ownerUserId === repId).map(overdueVisitText);
    if (own.length === 0 && ownOverdue.length === 0) continue;
    // Plans are stored in route order; customers located since are placed by the same rule again.
    const route: PlannedStop[] = orderRoute(own);
    const planner = own.length > 0 ? await plannerName(stores, tenantId, repId, own) : null;
    messages.push(
      messageTo(rep, `visit-route:${repId}:${date}`, {
        kind: 'card',
        card: buildRouteCard({
          cardId: `route-${repId}-${date}`,
          date,
          lines: routeLines(route),
          lengthM: routeLengthM(route),
          plannedBy: planner,
          overdue: ownOverdue,
        }),
      }),
    );
  }
  if (messages.length === 0) return 0;
  // Through a transaction: on SQLite a bare write would join whichever transaction holds the shared connection.
  await deps.withStores((tx) => tx.outbox.enqueue(messages, new Date()));
  return messages.length;
}

/** Who planned the day, when it was not the rep (a manager's plan). */
async function plannerName(
  stores: Pick<RouteStores, 'users'>,
  tenantId: string,
  repId: number,
  stops: PlannedStop[],
): Promise<string | null> {
  const other = stops.find((s) => s.plannedBy !== repId);
  if (!other) return null;
  const planner = await stores.users.findById(tenantId, other.plannedBy);
  return planner ? displayName(planner) : null;
}
