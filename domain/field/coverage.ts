import { addDays, localDateOf } from '../attendance/calendar';
import { daysIn } from '../reports/metrics';
import type { CustomerCategory } from './customer';
import { followUpClockOf } from './pool';
import type { VisitSettings } from './visit-settings';

/**
 * Coverage (客户覆盖): whether each owned customer is visited as often as its class asks (A weekly, B every
 * two weeks, C monthly by default) and how long since it was last followed up at all.
 */
export interface CoverageCustomer {
  id: number;
  name: string;
  category: CustomerCategory | null;
  ownerUserId: number;
  /** The last visit checked in at this customer, by anyone. */
  lastVisitAt: Date | null;
  lastFollowUpAt: Date | null;
  ownedSince: Date | null;
  createdAt: Date;
}

/** Storage port: owned customers with their last visit. */
export interface CoverageFacts {
  /** Customers owned by these reps (null: every owned customer of the tenant). */
  ownedCustomers(tenantId: string, ownerIds: readonly number[] | null): Promise<CoverageCustomer[]>;
}

/** Days between visits the customer's class asks for; null when its class is not tracked (or it has none). */
export function visitIntervalDays(
  settings: Pick<VisitSettings, 'visitEveryDaysA' | 'visitEveryDaysB' | 'visitEveryDaysC'>,
  category: CustomerCategory | null,
): number | null {
  if (category === null) return null;
  const days = settings[`visitEveryDays${category}`];
  return days > 0 ? days : null;
}

export interface OverdueVisit {
  customer: CoverageCustomer;
  intervalDays: number;
  /** `YYYY-MM-DD` the next visit was due. */
  dueDate: string;
  /** Days past the due date, at least 1. */
  overdueDays: number;
  /** `YYYY-MM-DD` of the last visit; null when never visited. */
  lastVisitDate: string | null;
}

const daysFrom = (from: string, to: string) => daysIn({ from, to }) - 1;

/**
 * Customers overdue for a visit on `today`: the class interval counted from the last visit — or, never
 * visited (or visited only before the owner took it), from when the owner took it — has passed. Most
 * overdue first.
 */
export function overdueVisits(
  customers: readonly CoverageCustomer[],
  settings: Pick<VisitSettings, 'visitEveryDaysA' | 'visitEveryDaysB' | 'visitEveryDaysC'>,
  today: string,
  zone: string,
): OverdueVisit[] {
  return customers
    .flatMap((customer) => {
      const intervalDays = visitIntervalDays(settings, customer.category);
      if (intervalDays === null) return [];
      const taken = customer.ownedSince ?? customer.createdAt;
      const since = customer.lastVisitAt && customer.lastVisitAt >= taken ? customer.lastVisitAt : taken;
      const dueDate = addDays(localDateOf(since, zone), intervalDays);
      const overdueDays = daysFrom(dueDate, today);
      if (overdueDays <= 0) return [];
      const lastVisitDate = customer.lastVisitAt ? localDateOf(customer.lastVisitAt, zone) : null;
      return [{ customer, intervalDays, dueDate, overdueDays, lastVisitDate }];
    })
    .sort(byMostDays((o) => o.overdueDays));
}

export interface IdleCustomer {
  customer: CoverageCustomer;
  /** Days since the follow-up clock (last follow-up, else since the owner took it). */
  idleDays: number;
  /** `YYYY-MM-DD` of the last follow-up; null when never followed up. */
  lastFollowUpDate: string | null;
}

/**
 * Customers not followed up for `days` or more on `today`, counted on the pool's clock (the latest of the
 * last follow-up, the owner taking it, its creation): the same clock that returns it to the pool. Longest first.
 */
export function idleCustomers(
  customers: readonly CoverageCustomer[],
  days: number,
  today: string,
  zone: string,
): IdleCustomer[] {
  return customers
    .flatMap((customer) => {
      const idleDays = daysFrom(localDateOf(followUpClockOf(customer), zone), today);
      if (idleDays < days) return [];
      const lastFollowUpDate = customer.lastFollowUpAt ? localDateOf(customer.lastFollowUpAt, zone) : null;
      return [{ customer, idleDays, lastFollowUpDate }];
    })
    .sort(byMostDays((i) => i.idleDays));
}

function byMostDays<T extends { customer: { name: string } }>(days: (row: T) => number) {
  return (a: T, b: T) => days(b) - days(a) || a.customer.name.localeCompare(b.customer.name, 'zh-CN');
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 「华为坂田（A类，每7天）逾期 5 天，上次拜访 11月9日」 */
export function overdueVisitText(o: OverdueVisit): string {
  const last = o.lastVisitDate ? `上次拜访 ${monthDay(o.lastVisitDate)}` : '从未拜访';
  return `${o.customer.name}（${o.customer.category}类，每${o.intervalDays}天）逾期 ${o.overdueDays} 天，${last}`;
}

/** 「远方工厂 45 天未跟进（上次跟进 10月9日）」 */
export function idleCustomerText(i: IdleCustomer): string {
  const last = i.lastFollowUpDate ? `上次跟进 ${monthDay(i.lastFollowUpDate)}` : '从未跟进';
  return `${i.customer.name} ${i.idleDays} 天未跟进（${last}）`;
}

/** 「A类每7天、B类每14天、C类每30天」 */
export function visitFrequencyText(
  settings: Pick<VisitSettings, 'visitEveryDaysA' | 'visitEveryDaysB' | 'visitEveryDaysC'>,
): string {
  return (['A', 'B', 'C'] as const)
    .map((c) => {
      const days = visitIntervalDays(settings, c);
      return `${c}类${days === null ? '不要求' : `每${days}天`}`;
    })
    .join('、');
}
