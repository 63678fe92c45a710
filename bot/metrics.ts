/**
 * Process-local counters. Rejected callbacks are counted here and nowhere else: a flood of forged
 * requests must not turn into database writes.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly read = new Map<string, () => number>();
  private readonly histograms = new Map<string, Histogram>();

  increment(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = formatKey(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  get(name: string, labels: Record<string, string> = {}): number {
    return this.counters.get(formatKey(name, labels)) ?? 0;
  }

  /** A counter kept elsewhere (the database's statement count), read when rendered. */
  readFrom(name: string, read: () => number): void {
    this.read.set(formatKey(name, {}), read);
  }

  /** One observation (seconds) of a histogram with the given bucket bounds, e.g. how long an answer took. */
  observe(name: string, seconds: number, bounds: readonly number[]): void {
    const histogram = this.histograms.get(name) ?? { bounds, counts: bounds.map(() => 0), sum: 0, count: 0 };
    this.histograms.set(name, histogram);
    histogram.bounds.forEach((bound, i) => {
      if (seconds <= bound) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
    });
    histogram.sum += seconds;
    histogram.count++;
  }

  /** Prometheus text exposition format. */
  render(): string {
    const lines = [...this.counters.entries()].map(([key, value]) => `${key} ${value}`);
    for (const [key, read] of this.read) lines.push(`${key} ${read()}`);
    for (const [name, { bounds, counts, sum, count }] of this.histograms) {
      bounds.forEach((bound, i) =>
        lines.push(`${formatKey(`${name}_bucket`, { le: String(bound) })} ${counts[i]}`),
      );
      lines.push(`${formatKey(`${name}_bucket`, { le: '+Inf' })} ${count}`);
      lines.push(`${formatKey(`${name}_sum`, {})} ${sum}`, `${formatKey(`${name}_count`, {})} ${count}`);
    }
    return lines.join('\n') + '\n';
  }
}

interface Histogram {
  bounds: readonly number[];
  /** Cumulative, as Prometheus buckets are: observations ≤ each bound. */
  counts: number[];
  sum: number;
  count: number;
}

/** Bounds (seconds) for how long a POST took to answer: WeCom gives up on a callback after 5 s. */
export const ANSWER_SECONDS_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function formatKey(name: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `fieldbot_${name}{${parts.join(',')}}` : `fieldbot_${name}`;
}
