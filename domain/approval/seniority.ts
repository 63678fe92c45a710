/**
 * 年假 by seniority (工龄): the days a year a person gets from how long they have worked, by tiers an admin
 * sets. The default is the statutory one (《职工带薪年休假条例》): under 1 year none, 1–10 years 5 days,
 * 10–20 years 10 days, 20 years and more 15 days.
 */
export interface SeniorityTier {
  /** Completed years of service from which this tier applies. */
  minYears: number;
  days: number;
}

export const STATUTORY_ANNUAL_LEAVE: readonly SeniorityTier[] = [
  { minYears: 0, days: 0 },
  { minYears: 1, days: 5 },
  { minYears: 10, days: 10 },
  { minYears: 20, days: 15 },
];

/** Completed years between two dates (YYYY-MM-DD): the anniversary counts on its day; 0 before the hire date. */
export function yearsOfService(hiredOn: string, asOf: string): number {
  if (asOf < hiredOn) return 0;
  const years = Number(asOf.slice(0, 4)) - Number(hiredOn.slice(0, 4));
  return asOf.slice(5) >= hiredOn.slice(5) ? years : years - 1;
}

/**
 * The year's 年假 for someone hired on `hiredOn`, by the tiers: measured on `asOf` (today), or at the end of
 * `year` when that year is over, so the days grow on the anniversary that earns them.
 */
export function annualLeaveBySeniority(
  tiers: readonly SeniorityTier[],
  hiredOn: string,
  year: string,
  today: string,
): number {
  const asOf = today.startsWith(year) ? today : `${year}-12-31`;
  const years = yearsOfService(hiredOn, asOf);
  const tier = [...tiers].sort((a, b) => b.minYears - a.minYears).find((t) => years >= t.minYears);
  return tier?.days ?? 0;
}

/** 「<1年 0天；1年 5天；10年 10天；20年及以上 15天」 */
export function describeSeniorityTiers(tiers: readonly SeniorityTier[]): string {
  const sorted = [...tiers].sort((a, b) => a.minYears - b.minYears);
  return sorted
    .map((t, i) => {
      const next = sorted[i + 1];
      const span = next ? `${t.minYears}-${next.minYears}年` : `${t.minYears}年及以上`;
      return `${span} ${t.days}天`;
    })
    .join('；');
}
