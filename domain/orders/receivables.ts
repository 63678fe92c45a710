import { addDays } from '../attendance/calendar';

/**
 * Receivables (应收): what a sold order still waits for. Payment is due a number of days after shipment
 * (default 30, a tenant setting); an order not shipped yet is owed but not due. Overdue counts whole
 * business days past the due date.
 */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

export interface Receivable {
  orderId: number;
  totalFen: number;
  paidFen: number;
  /** Approved returns credited against the order. */
  returnedFen: number;
  /** Business date of shipment (`YYYY-MM-DD`), or null while not shipped. */
  shippedOn: string | null;
}

/** What is still owed: the total less approved returns and payments. */
export function outstandingFen(r: Pick<Receivable, 'totalFen' | 'paidFen' | 'returnedFen'>): number {
  return Math.max(0, r.totalFen - r.returnedFen - r.paidFen);
}

export function dueDateOf(shippedOn: string | null, termDays: number): string | null {
  return shippedOn === null ? null : addDays(shippedOn, termDays);
}

/** Days past due at `today` (0 when not yet due, not shipped or fully paid). */
export function overdueDays(r: Receivable, termDays: number, today: string): number {
  const due = dueDateOf(r.shippedOn, termDays);
  if (due === null || outstandingFen(r) === 0 || today <= due) return 0;
  return Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
}

/**
 * A payment to a customer spread over their open orders, oldest first (shipped before unshipped, then by
 * order id); what is left over is an advance (预收款) the caller records only after the user confirms.
 */
export function allocatePayment(
  amountFen: number,
  open: readonly Receivable[],
): { allocations: Array<{ orderId: number; amountFen: number }>; excessFen: number } {
  const ordered = [...open].sort(
    (a, b) =>
      (a.shippedOn ?? '9999-12-31').localeCompare(b.shippedOn ?? '9999-12-31') || a.orderId - b.orderId,
  );
  let left = amountFen;
  const allocations: Array<{ orderId: number; amountFen: number }> = [];
  for (const r of ordered) {
    if (left === 0) break;
    const take = Math.min(left, outstandingFen(r));
    if (take > 0) {
      allocations.push({ orderId: r.orderId, amountFen: take });
      left -= take;
    }
  }
  return { allocations, excessFen: left };
}
