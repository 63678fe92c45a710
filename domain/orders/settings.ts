import { z } from 'zod';
import { DEFAULT_PAYMENT_TERM_DAYS } from './receivables';

/** A tenant's order settings (settings group `orders`), set in the import file. */
export const orderSettingsSchema = z.object({
  /** A discount above this percent of the order needs approval (docs/product.md: default 10 %). */
  discountApprovalPercent: z.number().int().min(0).max(100).default(10),
  /** Payment is due this many days after shipment (default 30). */
  paymentTermDays: z.number().int().min(0).max(365).default(DEFAULT_PAYMENT_TERM_DAYS),
});
export type OrderSettings = z.infer<typeof orderSettingsSchema>;
export const DEFAULT_ORDER_SETTINGS: OrderSettings = orderSettingsSchema.parse({});
