import { addDays, isWorkday } from '../domain/attendance/calendar';
import { previousWorkday } from '../domain/reports/periods';
import { dueToday } from '../domain/reports/settings';
import { readerReach } from '../handlers/reach';
import { buildDigest, isManager } from '../handlers/use-cases/reports';
import type { Job } from './job';
import type { UserProfile } from '../domain/org/user';
import type { ReportFacts } from '../domain/reports/facts';
import { batchedFacts } from './reports/batched-facts';
import { forEachBounded } from './reports/bounded-pool';
import { pushReport } from './reports/push-delivery';
import { forEachTenant, pendingRecipients, type ReportJobDeps } from './reports/report-job-kit';

export const DAILY_DIGEST_JOB = 'daily-digest';

/**
 * Digests in progress at once. The renderer draws three at a time; a fourth lane gathers and composes the
 * next digest meanwhile, so Node and Chromium both stay busy on two cores (bench/README.md). Each lane holds
 * at most one PNG.
 */
export const DEFAULT_PUSH_LANES = 4;

/** Managers whose facts are read together (one query of each kind for all their reps). */
const FACTS_BATCH = 50;

/**
 * 主管每日简报 (docs/product.md "What managers receive"): at each tenant's digest time (default 08:30, moved off
 * :00/:30 by a per-tenant jitter), on the tenant's workdays, every manager with a team gets the previous
 * workday (yesterday, or Friday on a Monday) + month to date as one PNG and one markdown. The cron ticks every minute in UTC because each tenant has its own zone and time; a digest stays
 * due until the end of that day, so a missed minute is caught up.
 *
 * Managers are served by a few lanes (default 4): each digest is gathered, rendered (through the renderer's
 * queue) and queued, then the lane takes the next manager, so a run for 1,000 managers holds at most as many
 * PNGs as lanes. Each is recorded in
 * the push log with its outbox rows; a run that dies midway resumes with the managers not yet recorded.
 */
export function dailyDigestJob(lanes = DEFAULT_PUSH_LANES): Job<ReportJobDeps> {
  return {
    name: DAILY_DIGEST_JOB,
    cron: '0 * * * * *',
    timezone: 'UTC',
    // Long enough for a large tenant's digests; the lease is renewed by the same instance every minute.
    leaseMs: 15 * 60_000,
    async run(deps, now) {
      await forEachTenant(deps, DAILY_DIGEST_JOB, async (tenant) => {
        const today = dueToday(now, tenant.timeZone, tenant.settings.times.digest, tenant.tenantId);
        // Rest days get no digest; a workday's digest reports on the workday before it (Monday → Friday).
        if (!today || !isWorkday(today, tenant.attendance)) return 0;
        const day = previousWorkday(today, tenant.attendance);
        const through = addDays(today, -1);
        const managers = await pendingRecipients(tenant, 'digest', day, tenant.people.filter(isManager));
        let queued = 0;
        const batches = new FactsBatches(
          managers,
          async (manager) =>
            (await readerReach({ org: tenant.stores.org, people: tenant.stores.users }, manager)).team,
          tenant.facts,
        );
        const failures = await forEachBounded(
          managers.map((manager, index) => ({ manager, index })),
          lanes,
          async ({ manager, index }) => {
            const { team, facts } = await batches.take(index);
            if (team.length === 0) return;
            const report = await buildDigest(
              { ...tenant, facts, manager, team, day, through, asOf: now },
              deps.linksFor?.(manager).digestPage(),
            );
            if (await pushReport(deps, { recipient: manager, kind: 'digest', periodKey: day }, report)) {
              queued += 1;
              deps.onRepliesQueued();
            }
          },
        );
        if (failures.length > 0)
          throw new AggregateError(
            failures,
            `${failures.length} digest(s) failed; the next run retries them`,
          );
        return queued;
      });
    },
  };
}

/**
 * Managers in batches of FACTS_BATCH: the first lane to reach a batch reads its managers' teams, and the
 * batch's facts are then read once for all those reps (`batchedFacts`). Lanes move on to the next batch
 * while the last digests of the previous one render, so there is no pause between batches; a batch is
 * forgotten once each of its managers has been taken, so at most two are held.
 */
class FactsBatches {
  private readonly open = new Map<
    number,
    { left: number; ready: Promise<{ teams: UserProfile[][]; facts: ReportFacts }> }
  >();

  constructor(
    private readonly managers: UserProfile[],
    private readonly teamOf: (manager: UserProfile) => Promise<UserProfile[]>,
    private readonly facts: ReportFacts,
  ) {}

  async take(index: number): Promise<{ team: UserProfile[]; facts: ReportFacts }> {
    const number = Math.floor(index / FACTS_BATCH);
    let batch = this.open.get(number);
    if (!batch) {
      const members = this.managers.slice(number * FACTS_BATCH, (number + 1) * FACTS_BATCH);
      batch = { left: members.length, ready: this.read(members) };
      this.open.set(number, batch);
    }
    if (--batch.left === 0) this.open.delete(number);
    const { teams, facts } = await batch.ready;
    return { team: teams[index % FACTS_BATCH] ?? [], facts };
  }

  private async read(members: UserProfile[]): Promise<{ teams: UserProfile[][]; facts: ReportFacts }> {
    const teams: UserProfile[][] = [];
    for (const manager of members) teams.push(await this.teamOf(manager));
    return {
      teams,
      facts: batchedFacts(
        this.facts,
        teams.flat().map((p) => p.id),
      ),
    };
  }
}
