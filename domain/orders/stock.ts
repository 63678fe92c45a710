import type { PricedLine } from './pricing';

/**
 * Stock (库存) is optional per product: a product with no stock row is not tracked and never short. A
 * warehouse is a department's own or the company's (departmentId null); an order draws from its
 * department's warehouse when that holds the product, else from the company's. Available is on hand less
 * what submitted orders not yet shipped will take from the same warehouse; shipment takes it off hand.
 */
export interface StockLevel {
  code: string;
  departmentId: number | null;
  onHand: number;
}

/** An order still to ship: what it will take, and from which department's view. */
export interface CommittedOrder {
  departmentId: number | null;
  lines: ReadonlyArray<Pick<PricedLine, 'code' | 'qty'>>;
}

/** The warehouse an order of `departmentId` draws `code` from, or null when the product is not tracked. */
export function warehouseFor(
  stock: readonly StockLevel[],
  code: string,
  departmentId: number | null,
): StockLevel | null {
  const own =
    departmentId === null ? undefined : stock.find((s) => s.code === code && s.departmentId === departmentId);
  return own ?? stock.find((s) => s.code === code && s.departmentId === null) ?? null;
}

export interface LineAvailability {
  code: string;
  name: string;
  unit: string;
  qty: number;
  /** Null: not tracked. */
  available: number | null;
}

export function availabilityOf(input: {
  lines: ReadonlyArray<Pick<PricedLine, 'code' | 'name' | 'unit' | 'qty'>>;
  departmentId: number | null;
  stock: readonly StockLevel[];
  committed: readonly CommittedOrder[];
}): LineAvailability[] {
  return input.lines.map((line) => {
    const warehouse = warehouseFor(input.stock, line.code, input.departmentId);
    if (!warehouse) return { ...pick(line), available: null };
    let taken = 0;
    for (const order of input.committed)
      for (const l of order.lines)
        if (l.code === line.code && warehouseFor(input.stock, l.code, order.departmentId) === warehouse)
          taken += l.qty;
    return { ...pick(line), available: warehouse.onHand - taken };
  });
}

const pick = (line: Pick<PricedLine, 'code' | 'name' | 'unit' | 'qty'>) => ({
  code: line.code,
  name: line.name,
  unit: line.unit,
  qty: line.qty,
});

export function isShort(line: LineAvailability): boolean {
  return line.available !== null && line.qty > line.available;
}

/** 「A100 路由器 可用 50台」, 「…可用 5台，本单 10台，不足 5台」 */
export function describeAvailability(line: LineAvailability): string {
  const available = Math.max(0, line.available ?? 0);
  const head = `${line.code} ${line.name} 可用 ${available}${line.unit}`;
  return isShort(line)
    ? `${head}，本单 ${line.qty}${line.unit}，不足 ${line.qty - available}${line.unit}`
    : head;
}

/** What a shipment takes off hand: each line from its warehouse (tracked products only). */
export function shipmentTakes(
  order: CommittedOrder,
  stock: readonly StockLevel[],
): Array<{ code: string; departmentId: number | null; qty: number }> {
  return order.lines.flatMap((line) => {
    const warehouse = warehouseFor(stock, line.code, order.departmentId);
    return warehouse ? [{ code: line.code, departmentId: warehouse.departmentId, qty: line.qty }] : [];
  });
}
