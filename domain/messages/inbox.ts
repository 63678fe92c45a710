/** Enough to queue a stored event for handling in its user's order. */
export interface InboxRef {
  id: number;
  tenantId: string;
  userId: string;
}
