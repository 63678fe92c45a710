import type { ReportPage, ReportRenderer } from '../../cards/render/report-page';
import type { Reply } from '../../domain/messages/reply';
import type { Database } from '../../storage/database';
import { createRepositories } from '../../storage/repositories';
import type { Logger } from '../logger';

/**
 * How long a held image row waits for its render; the user's later messages wait behind it meanwhile. Past
 * this the outbox sends the placeholder's text (a crash between the commit and the render ends here too),
 * and a render finishing later is dropped. The renderer gives up after two 15 s attempts, so a minute covers
 * every render that can still succeed, a cold browser start included.
 */
export const IMAGE_HOLD_MS = 60_000;

/** What the user gets in the image's place when it cannot be drawn. */
export const IMAGE_FALLBACK: Reply = {
  kind: 'text',
  text: '图表这次没能生成，数据见下一条消息；稍后可以再发一次。',
};

/** An image a handler asked for, drawn once its event's transaction has committed. */
export interface HeldImage {
  placeholder: Reply;
  page: ReportPage;
  fileName: string;
  /** The outbox row holding the image's place, once queued. */
  key?: string;
}

/**
 * Report images for on-demand reports (今日简报), drawn after the event's transaction. A PNG costs ~0.2 s of
 * CPU and may queue behind a push job's renders: inside the transaction it would hold SQLite's write lock
 * (and the dispatcher's slot) for that long. Instead the handler's transaction queues a placeholder row —
 * its place in the user's message order, not due for `IMAGE_HOLD_MS` — and the replies after it, which wait
 * behind it; the image is drawn outside any transaction and written into the row, which is released.
 */
export class DeferredImages {
  private readonly drawing = new Set<Promise<void>>();

  constructor(
    private readonly deps: { db: Database; renderer: ReportRenderer; onRepliesQueued: () => void },
  ) {}

  /** A new image request for one event; the placeholder goes among the handler's replies. */
  request(page: ReportPage, fileName: string): HeldImage {
    return { placeholder: { ...IMAGE_FALLBACK }, page, fileName };
  }

  /** Draws the images of a committed event, in the background (the dispatcher's slot is freed). */
  drawAfterCommit(tenantId: string, images: HeldImage[], log: Logger): void {
    for (const image of images) {
      if (!image.key) continue;
      const work = this.draw(tenantId, image, image.key, log).finally(() => this.drawing.delete(work));
      this.drawing.add(work);
    }
  }

  /** Resolves when every image requested so far is drawn and released (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.drawing.size > 0) await Promise.all([...this.drawing]);
  }

  private async draw(tenantId: string, image: HeldImage, key: string, log: Logger): Promise<void> {
    let payload: Reply = image.placeholder;
    try {
      const png = await this.deps.renderer.renderPng(image.page);
      payload = {
        kind: 'image',
        dataBase64: png.toString('base64'),
        fileName: image.fileName,
        contentType: 'image/png',
      };
    } catch (error) {
      log.error({ err: error, fileName: image.fileName }, 'report image failed; sending the text alone');
    }
    try {
      // A short transaction of its own: on SQLite it must not land inside another event's.
      const released = await this.deps.db.transaction((manager) =>
        createRepositories(manager).outbox.releaseHeld(tenantId, key, JSON.stringify(payload), new Date()),
      );
      if (!released) log.warn({ key }, 'held image row was no longer pending: its fallback text went out');
      this.deps.onRepliesQueued();
    } catch (error) {
      // The row stays held; its fallback goes out when the hold ends.
      log.error({ err: error, key }, 'could not release the held image row');
    }
  }
}
