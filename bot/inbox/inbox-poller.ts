import type { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import type { InboxRef } from '../../domain/messages/inbox';
import type { Logger } from '../logger';

/** How often a worker looks for events the web instances stored; a reply then waits at most this long more. */
const POLL_MS = 50;
const BATCH = 500;

/**
 * A worker's intake (FIELDBOT_ROLE=worker): web instances store callbacks without handling them, so the
 * worker reads the inbox for pending events newer than the last it queued and queues them in id order.
 * Several workers may each queue the same event: the handling's turn lock and `done` mark let one handle it.
 */
export class InboxPoller {
  private lastId = 0;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(private readonly deps: { db: Database; enqueue: (ref: InboxRef) => void; logger: Logger }) {}

  start(): void {
    const tick = () => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (this.timer) this.timer = setTimeout(tick, POLL_MS);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  private async poll(): Promise<void> {
    try {
      for (;;) {
        const refs = await createRepositories(this.deps.db.manager).inbox.findPendingAfter(
          this.lastId,
          BATCH,
        );
        for (const ref of refs) {
          this.lastId = Math.max(this.lastId, ref.id);
          this.deps.enqueue(ref);
        }
        if (refs.length < BATCH) return;
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'inbox poll failed; trying again');
    }
  }
}
