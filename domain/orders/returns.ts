import type { Order } from './order';
import type { PricedLine } from './pricing';

/**
 * Returns (退货): goods sent back against a shipped order. A return is filed for approval (its own flow);
 * approved, its amount is credited against the order's receivable and taken off the rep's sales (net sales).
 * Quantities are bounded per product by what the customer has (received at delivery, else shipped) less
 * what earlier returns, approved or still pending, already take back.
 */
export const RETURN_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  pending: '待审批',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** Returns that hold quantities: an approved one, and one still waiting for its decision. */
const HOLDING: readonly ReturnStatus[] = ['pending', 'approved'];

/** A returned line, priced as it was ordered. */
export type ReturnLine = PricedLine;

export interface OrderReturn {
  id: number;
  orderId: number;
  customerId: number;
  customerName: string;
  /** The order's credited rep: the return comes off their sales. */
  repUserId: number;
  requestedBy: number;
  status: ReturnStatus;
  lines: ReturnLine[];
  /** What is credited: the lines' share of the order total (its discount taken off alike). */
  amountFen: number;
  reason: string;
  approvalRequestId: number | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** What can still come back, per product code. */
export function returnableQuantities(
  order: Pick<Order, 'lines' | 'received'>,
  earlier: readonly Pick<OrderReturn, 'status' | 'lines'>[],
): Map<string, number> {
  const delivered = Object.keys(order.received).length > 0;
  const left = new Map(order.lines.map((l) => [l.code, delivered ? (order.received[l.code] ?? 0) : l.qty]));
  for (const r of earlier.filter((e) => HOLDING.includes(e.status)))
    for (const l of r.lines) left.set(l.code, (left.get(l.code) ?? 0) - l.qty);
  return left;
}

export type ReturnProblem =
  | { kind: 'not_on_order'; code: string }
  | { kind: 'too_many'; code: string; name: string; unit: string; asked: number; left: number };

/** The returned lines priced as ordered, or every problem found. */
export function checkReturn(
  order: Pick<Order, 'lines' | 'received'>,
  earlier: readonly Pick<OrderReturn, 'status' | 'lines'>[],
  items: ReadonlyArray<{ code: string; qty: number }>,
): { ok: true; lines: ReturnLine[] } | { ok: false; problems: ReturnProblem[] } {
  const left = returnableQuantities(order, earlier);
  const asked = new Map<string, number>();
  for (const item of items) asked.set(item.code, (asked.get(item.code) ?? 0) + item.qty);
  const problems: ReturnProblem[] = [];
  const lines: ReturnLine[] = [];
  for (const [code, qty] of asked) {
    const line = order.lines.find((l) => l.code === code);
    if (!line) {
      problems.push({ kind: 'not_on_order', code });
      continue;
    }
    const available = Math.max(0, left.get(code) ?? 0);
    if (qty > available) {
      problems.push({
        kind: 'too_many',
        code,
        name: line.name,
        unit: line.unit,
        asked: qty,
        left: available,
      });
      continue;
    }
    lines.push({ ...line, qty, lineFen: line.unitPriceFen * qty });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}

/**
 * The credit for returned lines: their list value × total ÷ subtotal, rounded half up to the fen, so a
 * discounted order credits back what was paid for the goods, never more; and never more than the order's
 * total less earlier returns (the last return takes the rounding remainder).
 */
export function returnAmountFen(
  order: Pick<Order, 'subtotalFen' | 'totalFen'>,
  lines: readonly Pick<ReturnLine, 'lineFen'>[],
  earlierFen: number,
): number {
  const listFen = BigInt(lines.reduce((s, l) => s + l.lineFen, 0));
  const subtotal = BigInt(order.subtotalFen);
  if (subtotal === 0n) return 0;
  const share = Number((listFen * BigInt(order.totalFen) * 2n + subtotal) / (2n * subtotal));
  return Math.min(share, Math.max(0, order.totalFen - earlierFen));
}

/** The credit already held by returns (approved or pending) of one order. */
export function heldReturnFen(earlier: readonly Pick<OrderReturn, 'status' | 'amountFen'>[]): number {
  return earlier.filter((e) => HOLDING.includes(e.status)).reduce((s, e) => s + e.amountFen, 0);
}
