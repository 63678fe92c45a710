/** A message for the outbox to deliver to one person. */
export interface NewOutboxMessage {
  tenantId: string;
  platform: string;
  recipient: string;
  /** Unique per tenant: re-running the code that produced a reply cannot queue it twice. */
  idempotencyKey: string;
  payload: string;
  /** The answered event's `replyHandle`: the platform binds the reply to that message (WeCom bot req_id). */
  replyHandle?: string;
  /** Not due before this (default: `now`). A held row keeps its place in the recipient's order meanwhile. */
  notBefore?: Date;
}

/** Storage port: the outbox as code that queues messages sees it. */
export interface MessageQueue {
  /** Queues the messages due from `now`; a key already queued is skipped. */
  enqueue(messages: NewOutboxMessage[], now: Date): Promise<void>;
  /** Which of these keys are queued already. */
  findQueuedKeys(tenantId: string, keys: readonly string[]): Promise<Set<string>>;
}
