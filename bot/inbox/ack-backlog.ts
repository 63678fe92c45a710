/**
 * Requests received and not yet answered, oldest first: how far behind the acks are. Handling steps aside
 * while the oldest has waited past the budget (InboxDispatcher), so that an overload delays replies, which
 * catch up after the burst, rather than acks, which WeCom gives up on after 5 s and sends again.
 */
export class AckBacklog {
  private readonly arrivals = new Map<number, number>();
  private next = 0;

  /** A request arrived; call the returned function once it is answered. */
  begin(now = performance.now()): () => void {
    const id = this.next++;
    this.arrivals.set(id, now);
    return () => void this.arrivals.delete(id);
  }

  /** How long the oldest unanswered request has waited, ms (0 when none). */
  oldestWaitMs(now = performance.now()): number {
    for (const arrivedAt of this.arrivals.values()) return now - arrivedAt;
    return 0;
  }
}
