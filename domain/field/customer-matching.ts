/**
 * Duplicate checks for customers (docs/product.md 查重/防撞单): names and phones are compared in a normalised
 * form, so 「华为技术有限公司」, 「华为技术」 and 「ＨＵＡＷＥＩ 技术」 meet, and so do +86 138-0013-8000 and 13800138000.
 */

/** Legal-form suffixes, longest first so 股份有限公司 is not cut down to 股份. Stripped repeatedly (集团有限公司). */
const NAME_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '分公司', '集团', '公司'] as const;

/** Names that share at least this many characters may be the same company written two ways. */
export const MIN_CONTAINED_NAME_CHARS = 4;

export function normalizeCustomerName(name: string): string {
  // NFKC folds full-width letters, digits and brackets to half-width; then keep letters and digits only.
  const base = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  let stripped = base;
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of NAME_SUFFIXES) {
      if (stripped.endsWith(suffix) && stripped.length > suffix.length) {
        stripped = stripped.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return stripped;
}

/**
 * Digits only, without the +86/0086 country prefix. A mobile number is 11 digits starting 1[3-9]; a
 * landline keeps its area code (0 + 2–3 digits) and has 7–8 digits after it. Anything else is null.
 */
export function normalizePhone(input: string): string | null {
  const raw = input.normalize('NFKC'); // full-width digits and ＋ from Chinese keyboards
  if (!/^[\d\s+\-()]+$/.test(raw)) return null;
  let digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+86')) digits = digits.slice(2);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{2,3}\d{7,8}$/.test(digits) && digits.length <= 12) return digits;
  return null;
}

/** 13800138000 → 138****8000: enough to recognise a number, not enough to call it. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return `${phone.slice(0, 1)}****`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export type DuplicateReason = 'same_name' | 'similar_name' | 'same_phone';

export interface MatchableCustomer {
  normalizedName: string;
  phoneNormalized: string | null;
}

/** Why `existing` may be the customer being created, or null when it is clearly another one. */
export function duplicateReason(
  candidate: MatchableCustomer,
  existing: MatchableCustomer,
): DuplicateReason | null {
  const a = candidate.normalizedName;
  const b = existing.normalizedName;
  if (a !== '' && a === b) return 'same_name';
  const [shorter, longer] = [...a].length <= [...b].length ? [a, b] : [b, a];
  if ([...shorter].length >= MIN_CONTAINED_NAME_CHARS && longer.includes(shorter)) return 'similar_name';
  if (candidate.phoneNormalized !== null && candidate.phoneNormalized === existing.phoneNormalized)
    return 'same_phone';
  return null;
}

/** The possible duplicates among `existing`, exact name matches first, then phone, then similar names. */
export function findDuplicates<T extends MatchableCustomer>(
  candidate: MatchableCustomer,
  existing: readonly T[],
): Array<{ customer: T; reason: DuplicateReason }> {
  const rank: Record<DuplicateReason, number> = { same_name: 0, same_phone: 1, similar_name: 2 };
  return existing
    .flatMap((customer) => {
      const reason = duplicateReason(candidate, customer);
      return reason ? [{ customer, reason }] : [];
    })
    .sort((x, y) => rank[x.reason] - rank[y.reason]);
}

/** Substrings of `name` long enough to count as containment: the names a stored customer may have inside it. */
export function containedNameCandidates(name: string): string[] {
  const chars = [...name];
  const out = new Set<string>();
  for (let len = MIN_CONTAINED_NAME_CHARS; len <= chars.length; len += 1) {
    for (let start = 0; start + len <= chars.length; start += 1)
      out.add(chars.slice(start, start + len).join(''));
  }
  return [...out];
}

/** What a typed name (or phone) settles to among the customers whose names contain it. */
export type TypedCustomerMatch<T> =
  { kind: 'found'; customer: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'none' };

/**
 * The one customer `typed` names among `found`: the only one with that very name (or phone), else the only
 * one containing it. Several → the exact ones if any, else all, shortest names (closest to what was typed)
 * first, at most `maxShown`.
 */
export function matchTypedCustomer<T extends MatchableCustomer>(
  typed: MatchableCustomer,
  found: readonly T[],
  maxShown: number,
): TypedCustomerMatch<T> {
  const exact = found.filter(
    (c) =>
      c.normalizedName === typed.normalizedName ||
      (typed.phoneNormalized !== null && c.phoneNormalized === typed.phoneNormalized),
  );
  const picked = exact.length > 0 ? exact : found;
  if (picked.length === 0) return { kind: 'none' };
  if (picked.length === 1) return { kind: 'found', customer: picked[0] as T };
  const closestFirst = [...picked].sort(
    (a, b) => [...a.normalizedName].length - [...b.normalizedName].length,
  );
  return { kind: 'ambiguous', candidates: closestFirst.slice(0, maxShown) };
}
