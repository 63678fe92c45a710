import type { ChildServer } from '../child-server';

export interface ServerMetrics {
  /** Statements run so far, summed over the servers. */
  statements: number;
  /** `fieldbot_post_answer_seconds` buckets (cumulative), summed: bound in seconds → answers within it. */
  answersWithin: Map<number, number>;
}

/** What the servers count on /metrics: their statements and how long they took to answer each POST. */
export async function metricsOf(servers: ChildServer[]): Promise<ServerMetrics> {
  const totals: ServerMetrics = { statements: 0, answersWithin: new Map() };
  for (const server of servers) {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    totals.statements += Number(/^fieldbot_db_statements_total (\d+)$/m.exec(metrics)?.[1] ?? NaN);
    for (const [, le, n] of metrics.matchAll(
      /^fieldbot_post_answer_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm,
    )) {
      const bound = le === '+Inf' ? Infinity : Number(le);
      totals.answersWithin.set(bound, (totals.answersWithin.get(bound) ?? 0) + Number(n));
    }
  }
  return totals;
}

/**
 * The servers' own p99 time to answer the rate's callbacks, from request to answer, as the bucket bound it
 * falls within: set beside the driver's ack p99, it tells the server's part from the wait before it.
 */
export function answersBetween(before: ServerMetrics, after: ServerMetrics): { p99Ms: number } {
  const bounds = [...after.answersWithin.keys()].sort((a, b) => a - b);
  const within = (bound: number) =>
    (after.answersWithin.get(bound) ?? 0) - (before.answersWithin.get(bound) ?? 0);
  const total = within(Infinity);
  const p99 = bounds.find((bound) => within(bound) >= 0.99 * total) ?? Infinity;
  return { p99Ms: p99 * 1000 };
}
