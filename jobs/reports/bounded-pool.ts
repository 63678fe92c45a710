/**
 * Runs `work` over `items` with at most `limit` at a time, in order of start, and waits for all. A push run
 * uses it so that one manager's digest is composed while the previous ones render — the renderer has its own
 * concurrency cap — yet never more than `limit` digests (and their PNGs) are held at once. Errors are
 * collected, not thrown on the first: the other managers still get theirs.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return failures;
}
