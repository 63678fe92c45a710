/**
 * Process-local counters. Rejected callbacks are counted here and nowhere else: a flood of forged
 * requests must not turn into database writes.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly read = new Map<string, () => number>();

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

  /** Prometheus text exposition format. */
  render(): string {
    const lines = [...this.counters.entries()].map(([key, value]) => `${key} ${value}`);
    for (const [key, read] of this.read) lines.push(`${key} ${read()}`);
    return lines.join('\n') + '\n';
  }
}

function formatKey(name: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `fieldbot_${name}{${parts.join(',')}}` : `fieldbot_${name}`;
}
