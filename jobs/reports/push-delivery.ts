import type { Logger } from 'pino';
import type { ReportRenderer } from '../../cards/render/report-page';
import type { Reply } from '../../domain/messages/reply';
import type { UserProfile } from '../../domain/org/user';
import type { BuiltReport } from '../../handlers/use-cases/reports';
import type { JobStores, StoreAccess } from '../ports';

export interface PushDeliveryDeps extends StoreAccess<Pick<JobStores, 'pushLog' | 'outbox'>> {
  renderer: ReportRenderer;
  logger: Logger;
}

export interface PushTarget {
  recipient: UserProfile;
  kind: string;
  periodKey: string;
}

/** The image of a report; null (and logged) when rendering failed twice: the markdown still goes out. */
export async function renderImage(
  deps: PushDeliveryDeps,
  report: BuiltReport,
  fileName: string,
): Promise<Reply | null> {
  if (!report.page) return null;
  try {
    const png = await deps.renderer.renderPng(report.page);
    return { kind: 'image', dataBase64: png.toString('base64'), fileName, contentType: 'image/png' };
  } catch (error) {
    deps.logger.error({ err: error, fileName }, 'report image failed; sending the text alone');
    return null;
  }
}

/**
 * Queues one recipient's push — its replies in order — and its push-log row in one transaction. The log row's
 * unique key (tenant, person, kind, period) makes a second run, or a second instance, queue nothing; the outbox
 * keys are derived from the same key, so even a race past the log cannot send twice. Returns false when the
 * push had been recorded already.
 */
export async function queuePush(
  deps: PushDeliveryDeps,
  target: PushTarget,
  replies: Reply[],
  detail?: string,
): Promise<boolean> {
  const { recipient, kind, periodKey } = target;
  const keys = replies.map((_, i) => `push:${kind}:${periodKey}:${recipient.id}:${i}`);
  return deps.withStores(async (tx) => {
    const fresh = await tx.pushLog.record(
      {
        tenantId: recipient.tenantId,
        userId: recipient.id,
        kind,
        periodKey,
        outboxKeys: keys,
        status: replies.length > 0 ? 'queued' : 'skipped',
        detail,
      },
      new Date(),
    );
    if (!fresh) return false;
    // Due now by the system clock: business time is what tests move.
    await tx.outbox.enqueue(
      replies.map((reply, i) => ({
        tenantId: recipient.tenantId,
        platform: recipient.platform,
        recipient: recipient.platformUserId,
        idempotencyKey: keys[i] as string,
        payload: JSON.stringify(reply),
      })),
      new Date(),
    );
    return true;
  });
}

/** Renders (one at a time: the caller awaits each) and queues a built report: image first, then the text. */
export async function pushReport(
  deps: PushDeliveryDeps,
  target: PushTarget,
  report: BuiltReport,
): Promise<boolean> {
  const image = await renderImage(deps, report, `${target.kind}-${target.periodKey}.png`);
  const replies = image ? [image, report.markdown] : [report.markdown];
  return queuePush(deps, target, replies, report.page && !image ? 'image render failed' : undefined);
}
