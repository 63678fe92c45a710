import { z } from 'zod';
import { CUSTOMER_CATEGORIES } from '../field/customer';
import { DEFAULT_PAYMENT_TERM_DAYS } from './receivables';

export const BEYOND_STOCK_POLICIES = ['refuse', 'approve'] as const;
export type BeyondStockPolicy = (typeof BEYOND_STOCK_POLICIES)[number];
export const BEYOND_STOCK_LABELS: Record<BeyondStockPolicy, string> = { refuse: '拒绝', approve: '审批' };

/** A tenant's order settings (settings group `orders`), set in the import file. */
export const orderSettingsSchema = z.object({
  /** A discount above this percent of the order needs approval (docs/product.md: default 10 %). */
  discountApprovalPercent: z.number().int().min(0).max(100).default(10),
  /** Payment is due this many days after shipment (default 30). */
  paymentTermDays: z.number().int().min(0).max(365).default(DEFAULT_PAYMENT_TERM_DAYS),
  /** 账期 per customer class (分类 A/B/C), between the customer's own term and the tenant's. */
  termDaysByClass: z.partialRecord(z.enum(CUSTOMER_CATEGORIES), z.number().int().min(0).max(365)).default({}),
  /** An order beyond the stock on hand is refused, or goes to approval (超限订单审批). */
  beyondStock: z.enum(BEYOND_STOCK_POLICIES).default('refuse'),
});
export type OrderSettings = z.infer<typeof orderSettingsSchema>;
export const DEFAULT_ORDER_SETTINGS: OrderSettings = orderSettingsSchema.parse({});
