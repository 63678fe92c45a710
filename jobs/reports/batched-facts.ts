import type { ReportFacts } from '../../domain/reports/facts';

/**
 * Report facts for many managers' digests at once. Each per-rep read (a map, a set or a list keyed by rep)
 * is asked once for every rep of a batch of teams, and each manager's digest gets its own reps' part of
 * that answer: a run for 1,000 managers makes a few dozen reads of each kind instead of a thousand. Reads
 * whose answer is not per rep (the funnel, approvals in scope of either side) go through unchanged.
 *
 * Valid because the facts ports promise per-rep answers: a rep's figure does not depend on who else was
 * asked about (facts.ts, "per-rep maps omit reps with nothing"). Answers are kept only for the batch.
 */
export function batchedFacts(facts: ReportFacts, repIds: readonly number[]): ReportFacts {
  const all = [...new Set(repIds)];
  const answers = new Map<string, Promise<unknown>>();
  /** The answer for every rep of the batch, read once per distinct remaining arguments. */
  function once<T>(name: string, rest: unknown[], read: (ids: number[]) => Promise<T>): Promise<T> {
    const key = `${name}:${JSON.stringify(rest)}`;
    let answer = answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read(all);
      answers.set(key, answer);
    }
    return answer;
  }
  const covered = (ids: number[]) => ids.every((id) => batch.has(id));
  const batch = new Set(all);
  const pickMap = <V>(map: Map<number, V>, ids: number[]) =>
    new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id) as V] as const] : [])));
  const pickSet = (set: Set<number>, ids: number[]) => new Set(ids.filter((id) => set.has(id)));
  const pickBy = <R>(rows: R[], ids: number[], owner: (row: R) => number) => {
    const wanted = new Set(ids);
    return rows.filter((row) => wanted.has(owner(row)));
  };

  const { visits, customers, opportunities, sales, targets, attendance, dailyReports } = facts;
  return {
    ...facts,
    visits: visits && {
      ...bind(visits),
      countByRep: async (tenantId, ids, period) =>
        covered(ids)
          ? pickMap(
              await once('visits', [tenantId, period], (a) => visits.countByRep(tenantId, a, period)),
              ids,
            )
          : visits.countByRep(tenantId, ids, period),
      followUpsDue: async (tenantId, ids, asOf) =>
        covered(ids)
          ? pickBy(
              await once('followUps', [tenantId, asOf], (a) => visits.followUpsDue(tenantId, a, asOf)),
              ids,
              (f) => f.ownerUserId,
            )
          : visits.followUpsDue(tenantId, ids, asOf),
    },
    customers: customers && {
      ...bind(customers),
      newByRep: async (tenantId, ids, period) =>
        covered(ids)
          ? pickMap(
              await once('new', [tenantId, period], (a) => customers.newByRep(tenantId, a, period)),
              ids,
            )
          : customers.newByRep(tenantId, ids, period),
      ownedByRep: async (tenantId, ids) =>
        covered(ids)
          ? pickMap(await once('owned', [tenantId], (a) => customers.ownedByRep(tenantId, a)), ids)
          : customers.ownedByRep(tenantId, ids),
    },
    opportunities: opportunities && {
      ...bind(opportunities),
      stalled: async (tenantId, ids, asOf, stallDays) =>
        covered(ids)
          ? pickBy(
              await once('stalled', [tenantId, asOf, stallDays], (a) =>
                opportunities.stalled(tenantId, a, asOf, stallDays),
              ),
              ids,
              (deal) => deal.ownerUserId,
            )
          : opportunities.stalled(tenantId, ids, asOf, stallDays),
      ownersWithOpen: async (tenantId, ids) =>
        covered(ids)
          ? pickSet(await once('owners', [tenantId], (a) => opportunities.ownersWithOpen(tenantId, a)), ids)
          : opportunities.ownersWithOpen(tenantId, ids),
    },
    sales: sales && {
      ...bind(sales),
      ordersByRep: async (tenantId, ids, period) =>
        covered(ids)
          ? pickMap(
              await once('orders', [tenantId, period], (a) => sales.ordersByRep(tenantId, a, period)),
              ids,
            )
          : sales.ordersByRep(tenantId, ids, period),
      paymentsByRep: async (tenantId, ids, period) =>
        covered(ids)
          ? pickMap(
              await once('payments', [tenantId, period], (a) => sales.paymentsByRep(tenantId, a, period)),
              ids,
            )
          : sales.paymentsByRep(tenantId, ids, period),
    },
    targets: targets && {
      ...bind(targets),
      memberTargets: async (tenantId, ids, measure, range) =>
        covered(ids)
          ? pickMap(
              await once('targets', [tenantId, measure, range], (a) =>
                targets.memberTargets(tenantId, a, measure, range),
              ),
              ids,
            )
          : targets.memberTargets(tenantId, ids, measure, range),
    },
    attendance: attendance && {
      // One rep's days, in the order asked (days ascending within a rep), as the port answers.
      days: async (tenantId, ids, range, asOf) => {
        if (!covered(ids)) return attendance.days(tenantId, ids, range, asOf);
        const days = await once('attendance', [tenantId, range, asOf], (a) =>
          attendance.days(tenantId, a, range, asOf),
        );
        const byRep = new Map<number, typeof days>();
        for (const day of days) byRep.set(day.userId, [...(byRep.get(day.userId) ?? []), day]);
        return ids.flatMap((id) => byRep.get(id) ?? []);
      },
    },
    dailyReports: dailyReports && {
      submittedOn: async (tenantId, ids, reportDate) =>
        covered(ids)
          ? pickSet(
              await once('reports', [tenantId, reportDate], (a) =>
                dailyReports.submittedOn(tenantId, a, reportDate),
              ),
              ids,
            )
          : dailyReports.submittedOn(tenantId, ids, reportDate),
    },
  };
}

/** The port's own methods, bound: class-based implementations keep working when spread. */
function bind<T extends object>(port: T): T {
  const bound = {} as Record<string, unknown>;
  let proto: object | null = port;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (port as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !(name in bound))
        bound[name] = (value as (...args: unknown[]) => unknown).bind(port);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return bound as T;
}
