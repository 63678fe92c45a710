import type { EntityManager } from 'typeorm';
import { joinTexts, packForSends, type RateWindow, type SendLimits } from '../../domain/messages/send-limits';
import { replySchema } from '../../domain/messages/reply';
import {
  OUTBOX_STATUS,
  OutboxMessageEntity,
  OutboxPaceEntity,
  type OutboxMessageRow,
} from '../entities/outbox-message.entity';

/** The send limits of a platform's messages, undefined when it is not paced. */
export type LimitsOf = (platform: string) => SendLimits | undefined;

/** What pacing decided for one pass: messages to send (a merged one carries the others' texts), rows to hold. */
export interface PacedClaims {
  send: Array<{ row: OutboxMessageRow; mergedIds: number[] }>;
  /** Recipients at a limit: their first message is due again at this time, keeping its place. */
  holds: Array<{ id: number; until: Date }>;
}

const recipientKey = (row: Pick<OutboxMessageRow, 'tenantId' | 'platform' | 'recipient'>) =>
  `${row.tenantId}\u0000${row.platform}\u0000${row.recipient}`;
const companyKey = (row: Pick<OutboxMessageRow, 'tenantId' | 'platform'>) =>
  `${row.tenantId}\u0000${row.platform}`;

/**
 * Paces the outbox to the platforms' documented limits, with its state in the database so that it holds across
 * instances. Per member: the messages sent to them within each window, counted from the rows' `claimed_at`
 * (only one sender at a time holds a recipient's messages, so this cannot race). Per company: a counter per
 * window in `outbox_pace`, raised in the claiming transaction (the row lock orders concurrent claimers) and
 * read as a sliding window (this window plus the previous one's share still inside it).
 */
export class OutboxPacer {
  constructor(
    private readonly manager: EntityManager,
    private readonly limitsOf: LimitsOf,
  ) {}

  /** `runs`: each recipient's claimable rows in order (with payloads), in the order they were found. */
  async pace(runs: OutboxMessageRow[][], now: Date): Promise<PacedClaims> {
    const received = await this.receivedByMember(runs, now);
    const holds: PacedClaims['holds'] = [];
    const perRun = runs.map((run) => {
      const head = run[0] as OutboxMessageRow;
      const limits = this.limitsOf(head.platform);
      if (!limits)
        return run.map((row) => ({ row, mergedIds: [] as number[], texts: [] as Array<string | undefined> }));
      const counts = received.get(recipientKey(head)) ?? [];
      let sends = Infinity;
      let holdMs = 0;
      limits.perMember.forEach((window, i) => {
        const left = window.max - (counts[i] ?? 0);
        if (left <= 0) holdMs = Math.max(holdMs, window.windowMs / window.max);
        sends = Math.min(sends, left);
      });
      if (sends <= 0) {
        holds.push({ id: head.id, until: new Date(now.getTime() + holdMs) });
        return [];
      }
      return packForSends(run.map(textOf), sends).map((group) => ({
        row: run[group[0] as number] as OutboxMessageRow,
        mergedIds: group.slice(1).map((i) => (run[i] as OutboxMessageRow).id),
        texts: group.map((i) => textOf(run[i] as OutboxMessageRow)),
      }));
    });
    const send = await this.withinCompanyLimits(perRun, now, holds);
    return {
      send: send.map(({ row, mergedIds, texts }) =>
        mergedIds.length === 0
          ? { row, mergedIds }
          : {
              row: { ...row, payload: JSON.stringify({ kind: 'text', text: joinTexts(texts as string[]) }) },
              mergedIds,
            },
      ),
      holds,
    };
  }

  /** Per recipient, how many messages they were sent within each of their platform's member windows. */
  private async receivedByMember(runs: OutboxMessageRow[][], now: Date): Promise<Map<string, number[]>> {
    const heads = runs.map((run) => run[0] as OutboxMessageRow);
    const byPlatform = new Map<string, OutboxMessageRow[]>();
    for (const head of heads) {
      if (!this.limitsOf(head.platform)?.perMember.length) continue;
      byPlatform.set(head.platform, [...(byPlatform.get(head.platform) ?? []), head]);
    }
    const counts = new Map<string, number[]>();
    for (const [platform, rows] of byPlatform) {
      const windows = (this.limitsOf(platform) as SendLimits).perMember;
      const since = (w: RateWindow) => new Date(now.getTime() - w.windowMs);
      const query = this.manager
        .createQueryBuilder(OutboxMessageEntity, 'o')
        .select('o.tenantId', 'tenantId')
        .addSelect('o.recipient', 'recipient')
        .where('o.platform = :platform', { platform })
        .andWhere('o.tenantId IN (:...tenants)', { tenants: [...new Set(rows.map((r) => r.tenantId))] })
        .andWhere('o.recipient IN (:...recipients)', {
          recipients: [...new Set(rows.map((r) => r.recipient))],
        })
        .andWhere('o.claimedAt > :oldest', { oldest: since(longest(windows)) })
        .andWhere('o.status IN (:...claimed)', { claimed: [OUTBOX_STATUS.sending, OUTBOX_STATUS.sent] })
        .groupBy('o.tenantId')
        .addGroupBy('o.recipient');
      windows.forEach((w, i) =>
        query
          .addSelect(`SUM(CASE WHEN o.claimedAt > :since${i} THEN 1 ELSE 0 END)`, `w${i}`)
          .setParameter(`since${i}`, since(w)),
      );
      const found = await query.getRawMany<Record<string, string | number>>();
      for (const row of found)
        counts.set(
          recipientKey({ tenantId: String(row.tenantId), platform, recipient: String(row.recipient) }),
          windows.map((_, i) => Number(row[`w${i}`])),
        );
    }
    return counts;
  }

  /**
   * Keeps each company's sends within its windows: counts them in first (the row lock makes concurrent
   * claimers wait their turn), reads the windows back, and hands back what does not fit, dropping the last sends.
   */
  private async withinCompanyLimits<S extends { row: OutboxMessageRow }>(
    perRun: S[][],
    now: Date,
    holds: PacedClaims['holds'],
  ): Promise<S[]> {
    const sends = perRun.flat();
    const planned = new Map<
      string,
      { tenantId: string; platform: string; count: number; windows: readonly RateWindow[] }
    >();
    for (const { row } of sends) {
      const windows = this.limitsOf(row.platform)?.perCompany ?? [];
      if (windows.length === 0) continue;
      const key = companyKey(row);
      const entry = planned.get(key) ?? { tenantId: row.tenantId, platform: row.platform, count: 0, windows };
      entry.count++;
      planned.set(key, entry);
    }
    if (planned.size === 0) return sends;
    const t = now.getTime();
    const counters = [...planned.values()].flatMap((c) =>
      c.windows.map((w) => ({
        ...c,
        windowMs: w.windowMs,
        windowNo: Math.floor(t / w.windowMs),
        max: w.max,
      })),
    );
    await this.raise(counters.map((c) => ({ ...c, by: c.count })));
    const current = await this.manager.find(OutboxPaceEntity, {
      where: counters.flatMap((c) => [
        { tenantId: c.tenantId, platform: c.platform, windowMs: c.windowMs, windowNo: c.windowNo },
        { tenantId: c.tenantId, platform: c.platform, windowMs: c.windowMs, windowNo: c.windowNo - 1 },
      ]),
    });
    const callsIn = (c: (typeof counters)[number], windowNo: number) =>
      current.find(
        (r) =>
          r.tenantId === c.tenantId &&
          r.platform === c.platform &&
          r.windowMs === c.windowMs &&
          r.windowNo === windowNo,
      )?.calls ?? 0;
    const over = new Map<string, number>();
    for (const c of counters) {
      const elapsed = (t % c.windowMs) / c.windowMs;
      const used = callsIn(c, c.windowNo) + callsIn(c, c.windowNo - 1) * (1 - elapsed);
      const excess = Math.min(c.count, Math.ceil(used - c.max));
      const key = companyKey(c);
      if (excess > 0) over.set(key, Math.max(over.get(key) ?? 0, excess));
    }
    if (over.size === 0) return sends;
    await this.raise(
      counters.flatMap((c) => {
        const excess = over.get(companyKey(c));
        return excess ? [{ ...c, by: -excess }] : [];
      }),
    );
    const allowed = new Map([...planned].map(([key, c]) => [key, c.count - (over.get(key) ?? 0)]));
    const kept: S[] = [];
    for (const run of perRun) {
      const first = run[0];
      if (!first) continue;
      const key = companyKey(first.row);
      const left = allowed.get(key) ?? Infinity;
      if (left <= 0) {
        // Nothing left this window: the run waits a little instead of filling the next passes' candidates.
        const windows = planned.get(key)?.windows ?? [];
        const holdMs = Math.min(...windows.map((w) => w.windowMs)) / 20;
        holds.push({ id: first.row.id, until: new Date(now.getTime() + holdMs) });
        continue;
      }
      const taken = run.slice(0, left);
      allowed.set(key, left - taken.length);
      kept.push(...taken);
    }
    return kept;
  }

  /** Adds `by` to each counter, creating it when absent: one statement. */
  private async raise(
    counters: Array<{ tenantId: string; platform: string; windowMs: number; windowNo: number; by: number }>,
  ): Promise<void> {
    if (counters.length === 0) return;
    const values = counters.map(() => '(?, ?, ?, ?, ?)').join(', ');
    const params = counters.flatMap((c) => [c.tenantId, c.platform, c.windowMs, c.windowNo, c.by]);
    const upsert =
      this.manager.connection.options.type === 'better-sqlite3'
        ? 'ON CONFLICT (tenant_id, platform, window_ms, window_no) DO UPDATE SET calls = calls + excluded.calls'
        : 'ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls)';
    await this.manager.query(
      `INSERT INTO outbox_pace (tenant_id, platform, window_ms, window_no, calls) VALUES ${values} ${upsert}`,
      params,
    );
  }

  /** Deletes company counters of windows that ended before `before`: nobody reads them any more. */
  static async purge(manager: EntityManager, before: Date): Promise<void> {
    await manager.query('DELETE FROM outbox_pace WHERE (window_no + 1) * window_ms < ?', [before.getTime()]);
  }
}

function longest(windows: readonly RateWindow[]): RateWindow {
  return windows.reduce((a, b) => (b.windowMs > a.windowMs ? b : a));
}

/** A text reply's text; undefined for any other kind, and for a message that may already have been delivered. */
function textOf(row: OutboxMessageRow): string | undefined {
  if (row.attempts > 0 || row.status !== OUTBOX_STATUS.pending) return undefined;
  try {
    const reply = replySchema.safeParse(JSON.parse(row.payload));
    return reply.success && reply.data.kind === 'text' ? reply.data.text : undefined;
  } catch {
    return undefined;
  }
}
