import {
  containedNameCandidates,
  findDuplicates,
  MIN_CONTAINED_NAME_CHARS,
  type DuplicateReason,
  type MatchableCustomer,
} from './customer-matching';

/**
 * The duplicate check of customer-matching.ts over many customers at once (an import of thousands of rows
 * against a tenant's customers), without a query per row: names and phones by exact value, and names by their
 * first characters, so "one name inside the other" is found by looking up, not by scanning.
 */
export class DuplicateIndex<T extends MatchableCustomer> {
  private readonly byName = new Map<string, number[]>();
  private readonly byPhone = new Map<string, number[]>();
  /** Every run of MIN_CONTAINED_NAME_CHARS characters of every name. */
  private readonly byGram = new Map<string, number[]>();
  private readonly items: T[] = [];

  add(item: T): void {
    const index = this.items.push(item) - 1;
    push(this.byName, item.normalizedName, index);
    if (item.phoneNormalized) push(this.byPhone, item.phoneNormalized, index);
    for (const gram of new Set(grams(item.normalizedName))) push(this.byGram, gram, index);
  }

  /** What `findDuplicates` would say against every item added, earliest added first within a reason. */
  duplicatesOf(candidate: MatchableCustomer): Array<{ customer: T; reason: DuplicateReason }> {
    const found = new Set<number>();
    const take = (ids: number[] | undefined) => ids?.forEach((id) => found.add(id));
    take(this.byName.get(candidate.normalizedName));
    if (candidate.phoneNormalized) take(this.byPhone.get(candidate.phoneNormalized));
    for (const inside of containedNameCandidates(candidate.normalizedName)) take(this.byName.get(inside));
    // A longer name holding the candidate holds each of its runs: look up the rarest one only.
    let rarest: number[] | undefined;
    for (const gram of grams(candidate.normalizedName)) {
      const ids = this.byGram.get(gram) ?? [];
      if (rarest === undefined || ids.length < rarest.length) rarest = ids;
    }
    take(rarest);
    const pool = [...found].sort((a, b) => a - b).map((id) => this.items[id] as T);
    return findDuplicates(candidate, pool);
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

function grams(name: string): string[] {
  const chars = [...name];
  const out: string[] = [];
  for (let i = 0; i + MIN_CONTAINED_NAME_CHARS <= chars.length; i += 1)
    out.push(chars.slice(i, i + MIN_CONTAINED_NAME_CHARS).join(''));
  return out;
}
