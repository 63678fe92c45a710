import type { CustomerCategory } from '../field/customer';
import { outstandingFen, overdueDays, type Receivable } from './receivables';
import type { OrderSettings } from './settings';

/** A customer's terms as admins set them: null is "not set" (no limit; the class's or tenant's term). */
export interface CustomerTerms {
  customerId: number;
  name: string;
  category: CustomerCategory | null;
  creditLimitFen: number | null;
  paymentTermDays: number | null;
}

/** 账期: the customer's own term, else its class's (分类 A/B/C), else the tenant's. */
export function termDaysOf(
  customer: Pick<CustomerTerms, 'category' | 'paymentTermDays'>,
  settings: Pick<OrderSettings, 'paymentTermDays' | 'termDaysByClass'>,
): number {
  if (customer.paymentTermDays !== null) return customer.paymentTermDays;
  const byClass = customer.category === null ? undefined : settings.termDaysByClass[customer.category];
  return byClass ?? settings.paymentTermDays;
}

/** What a customer owes and would owe with one more order: the figures the approver decides on. */
export interface CreditExposure {
  /** Null: no limit set. */
  limitFen: number | null;
  /** Open receivables (应收): sold orders not yet paid. */
  openFen: number;
  /** Of which past due, and the longest delay in days. */
  overdueFen: number;
  overdueDays: number;
  orderFen: number;
  /** Open receivables plus this order: what the limit is measured against. */
  afterFen: number;
}

export function creditExposure(input: {
  open: readonly Receivable[];
  termDays: number;
  today: string;
  orderFen: number;
  limitFen: number | null;
}): CreditExposure {
  let openFen = 0;
  let overdueFen = 0;
  let longest = 0;
  for (const r of input.open) {
    const owed = outstandingFen(r);
    openFen += owed;
    const late = overdueDays(r, input.termDays, input.today);
    if (late > 0) {
      overdueFen += owed;
      longest = Math.max(longest, late);
    }
  }
  return {
    limitFen: input.limitFen,
    openFen,
    overdueFen,
    overdueDays: longest,
    orderFen: input.orderFen,
    afterFen: openFen + input.orderFen,
  };
}

export const CREDIT_REASONS = ['over_limit', 'overdue'] as const;
export type CreditReason = (typeof CREDIT_REASONS)[number];
export const CREDIT_REASON_LABELS: Record<CreditReason, string> = {
  over_limit: '超出信用额度',
  overdue: '有逾期未回款',
};

/** Why an order needs credit approval: above the limit, or placed while an invoice is overdue. */
export function creditReasonsOf(exposure: CreditExposure): CreditReason[] {
  const reasons: CreditReason[] = [];
  if (exposure.limitFen !== null && exposure.afterFen > exposure.limitFen) reasons.push('over_limit');
  if (exposure.overdueFen > 0) reasons.push('overdue');
  return reasons;
}
