/** Which claimable rows an outbox pass takes, and in which runs: one recipient's messages go out in order. */
import { OUTBOX_STATUS } from '../entities/outbox-message.entity';
import type { DeliverableRow, ScannedRow } from './outbox.repository';

type Recipient = { tenantId: string; platform: string; recipient: string };

/** One recipient: a company's member on one platform. */
function recipientKey(row: Recipient): string {
  return `${row.tenantId}\u0000${row.platform}\u0000${row.recipient}`;
}

/**
 * The oldest unfinished row of each recipient when due (and sendable here), and up to `perRecipient - 1` due
 * pending rows right behind it.
 */
export function pickDue(
  rows: ScannedRow[],
  now: Date,
  maxClaims: number,
  perRecipient: number,
  canSend: (row: DeliverableRow) => boolean,
): ScannedRow[] {
  const runs = new Map<string, { open: boolean; length: number }>();
  const picked: ScannedRow[] = [];
  for (const row of rows) {
    if (picked.length >= maxClaims) break;
    const key = recipientKey(row);
    const run = runs.get(key);
    const due = row.nextAttemptAt.getTime() <= now.getTime() && canSend(toDeliverable(row));
    if (!run) {
      runs.set(key, { open: due, length: due ? 1 : 0 });
      if (due) picked.push(row);
      continue;
    }
    if (!run.open) continue;
    if (due && row.status === OUTBOX_STATUS.pending && run.length < perRecipient) {
      run.length++;
      picked.push(row);
    } else {
      run.open = false;
    }
  }
  return picked;
}

/** Candidates whose rows are unchanged, cut at each recipient's first changed row. */
export function keepUnbrokenRuns(candidates: ScannedRow[], unchanged: Set<number>): ScannedRow[] {
  const broken = new Set<string>();
  return candidates.filter((row) => {
    const key = recipientKey(row);
    if (broken.has(key)) return false;
    if (unchanged.has(row.id)) return true;
    broken.add(key);
    return false;
  });
}

/** Claimed rows grouped by recipient, each in order, recipients in the order first found. */
export function runsOf<T extends Recipient>(rows: T[]): T[][] {
  const runs = new Map<string, T[]>();
  for (const row of rows) {
    const key = recipientKey(row);
    runs.set(key, [...(runs.get(key) ?? []), row]);
  }
  return [...runs.values()];
}

function toDeliverable(row: ScannedRow): DeliverableRow {
  return { tenantId: row.tenantId, platform: row.platform, replyHandle: row.replyHandle ?? undefined };
}
