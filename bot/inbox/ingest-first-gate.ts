import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * Lets webhook acks go first when the process is saturated. WeCom gives up on an answer after 5 s and
 * retries, so under a burst a late reply is cheaper than a late ack: while callbacks are arriving and the
 * event loop is busy, handling slows to a trickle (it never stops), and it runs at full speed again once
 * the burst is over. The events wait durably in the inbox meanwhile.
 */
export class IngestFirstGate {
  private sample: EventLoopUtilization = performance.eventLoopUtilization();
  private utilization = 0;
  private lastIngestAt = -Infinity;
  private lastPassAt = -Infinity;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly options = {
      busyUtilization: 0.85,
      ingestWindowMs: 100,
      trickleIntervalMs: 50,
      sampleMs: 100,
    },
  ) {
    this.timer = setInterval(() => this.measure(), options.sampleMs);
    this.timer.unref();
  }

  noteIngest(): void {
    this.lastIngestAt = performance.now();
  }

  /**
   * Resolves when the next event may be handled. Always after a turn of the event loop: on SQLite a
   * handling's queries resolve at once, so without this yield a backlog would be handled event after
   * event in microtasks, and no ack (nor this gate's own sampling) could run until it was empty.
   */
  async pass(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (
      this.isSaturatedByIngest() &&
      performance.now() - this.lastPassAt < this.options.trickleIntervalMs
    ) {
      await new Promise((resolve) => setTimeout(resolve, this.options.trickleIntervalMs));
    }
    this.lastPassAt = performance.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private isSaturatedByIngest(): boolean {
    return (
      this.utilization >= this.options.busyUtilization &&
      performance.now() - this.lastIngestAt < this.options.ingestWindowMs
    );
  }

  private measure(): void {
    const next = performance.eventLoopUtilization();
    this.utilization = performance.eventLoopUtilization(next, this.sample).utilization;
    this.sample = next;
  }
}
