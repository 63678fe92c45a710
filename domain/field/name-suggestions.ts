/**
 * Closest names for an unknown customer (「没有找到…，你是不是要找」): Dice similarity over character
 * bigrams of the normalised names, which suits Chinese names where one or two characters differ.
 */
export function bigramsOf(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + (chars[i + 1] as string));
}

export function nameSimilarity(a: string, b: string): number {
  const x = bigramsOf(a);
  const y = bigramsOf(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = [...y];
  let shared = 0;
  for (const gram of x) {
    const at = pool.indexOf(gram);
    if (at >= 0) {
      shared += 1;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** The candidates most like `query`, best first, at most `limit`, ignoring those sharing nothing. */
export function closestNames<T extends { normalizedName: string }>(
  query: string,
  candidates: readonly T[],
  limit: number,
): T[] {
  return candidates
    .map((c) => ({ c, score: nameSimilarity(query, c.normalizedName) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => r.c);
}
