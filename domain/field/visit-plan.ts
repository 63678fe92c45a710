/** A planned stop of a rep's day (拜访计划 / 拜访线路), in the order the rep should go. */
export interface PlannedStop {
  userId: number;
  planDate: string;
  customerId: number;
  customerName: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  seq: number;
  plannedBy: number;
}

export interface VisitPlanStore {
  /** Replaces the rep's plan for the date with these customers in this order. */
  replaceDay(
    tenantId: string,
    userId: number,
    date: string,
    customerIds: number[],
    plannedBy: number,
    at: Date,
  ): Promise<void>;
  /** Adds one stop at the end of the day's plan unless the customer is already on it. */
  addStop(
    tenantId: string,
    userId: number,
    date: string,
    customerId: number,
    plannedBy: number,
    at: Date,
  ): Promise<void>;
  listDay(tenantId: string, userIds: number[], date: string): Promise<PlannedStop[]>;
  /** Reps with a plan on the date (the morning card's recipients). */
  usersPlannedOn(tenantId: string, date: string): Promise<number[]>;
}

/** Plan-vs-actual for one rep and day: planned stops visited or not, and visits off the plan. */
export function comparePlan<V extends { customerId: number }>(
  planned: readonly PlannedStop[],
  visits: readonly V[],
): { stops: Array<{ stop: PlannedStop; visits: V[] }>; unplanned: V[] } {
  const plannedIds = new Set(planned.map((p) => p.customerId));
  return {
    stops: planned.map((stop) => ({ stop, visits: visits.filter((v) => v.customerId === stop.customerId) })),
    unplanned: visits.filter((v) => !plannedIds.has(v.customerId)),
  };
}

/** The route card / plan reply lines: 「1. 华为（深圳市龙岗区坂田）」. */
export function routeLines(stops: ReadonlyArray<Pick<PlannedStop, 'customerName' | 'address'>>): string[] {
  return stops.map((s, i) => `${i + 1}. ${s.customerName}${s.address ? `（${s.address}）` : ''}`);
}
