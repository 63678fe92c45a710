/**
 * 「没有找到…，您是不是要找：」: the known names closest to what was typed. Names are compared after NFKC
 * folding and lower-casing, by edit distance (Levenshtein over code points), with a bonus when one contains
 * the other, so 「华为深証」 finds 「华为深圳」 and 「a10」 finds 「A100」.
 */

export function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/** 0 (nothing alike) … 1 (the same after folding). */
export function similarity(query: string, name: string): number {
  const a = foldForMatching(query);
  const b = foldForMatching(name);
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const longest = Math.max([...a].length, [...b].length);
  const base = 1 - editDistance(a, b) / longest;
  const contained = a.includes(b) || b.includes(a) ? 0.3 : 0;
  return Math.min(0.99, base + contained);
}

/** Candidates alike enough to offer (similarity ≥ `minScore`), best first, at most `limit`. */
export function closestMatches<T>(
  query: string,
  candidates: readonly T[],
  nameOf: (candidate: T) => string,
  limit = 3,
  minScore = 0.34,
): T[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: similarity(query, nameOf(candidate)) }))
    .filter((c) => c.score >= minScore)
    .sort((p, q) => q.score - p.score || p.index - q.index)
    .slice(0, limit)
    .map((c) => c.candidate);
}
