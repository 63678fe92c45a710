import type { InboundEvent } from '../domain/messages/inbound-event';

/**
 * The durable hand-off between a webhook and the handlers. `accept` resolves once every event is stored
 * (a duplicate of a stored event counts as stored); it rejects when storage is unavailable, and the
 * webhook then answers 5xx so the platform retries (WeCom retries 3 times, 5 s apart).
 */
export interface Intake {
  accept(events: InboundEvent[]): Promise<AcceptResult>;
}

export interface AcceptResult {
  accepted: number;
  duplicates: number;
}
