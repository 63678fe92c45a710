/**
 * A customer's timeline (`客户 <名称> 动态`) is assembled from every area that records something about the
 * customer: visits, notes and photos, opportunities, orders, approvals. Each area implements this port
 * over its own tables; the timeline handler merges the entries newest first.
 */
export interface TimelineEntry {
  at: Date;
  /** Short Chinese label of the kind of entry: 拜访, 备注, 照片, 商机, 订单, 回款, 审批… */
  kind: string;
  /** One line for the chat, in Chinese, without the date (the handler prints it). */
  text: string;
  /** Who did it, when known. */
  userId: number | null;
}

export interface TimelineSource {
  /** The customer's newest entries from this area, newest first, at most `limit`. */
  entriesFor(tenantId: string, customerId: number, limit: number): Promise<TimelineEntry[]>;
}
