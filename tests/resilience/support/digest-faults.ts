import { readdirSync, readFileSync } from 'node:fs';
import type { ReportRenderer } from '../../../cards/render/report-page';
import type { PuppeteerReportRenderer } from '../../../cards/render/report-renderer';
import { addDays, isoWeekdayOf, zonedTimeToUtc } from '../../../domain/attendance/calendar';
import type { Database } from '../../../storage/database';
import { PunchEntity, type PunchRow } from '../../../storage/entities/punch.entity';
import { CustomerEntity } from '../../../storage/entities/customer.entity';
import { OpportunityEntity } from '../../../storage/entities/opportunity.entities';
import { UserEntity } from '../../../storage/entities/user.entity';
import { VisitEntity } from '../../../storage/entities/visit.entities';
import { createRepositories } from '../../../storage/repositories';
import { seedFileSchema, type SeedFile } from '../../../storage/seed/seed-schema';
import type { FakeWecomApi } from '../../support/fake-wecom-api';
import { punchRow, visitRow } from '../../support/record-builders';

/**
 * A digest run under renderer faults (resilience suite 4), shared by `bench/resilience/renderer-faults.ts`
 * and its scaled-down test: a tenant of `managers` departments with `reps` reps each and a month of punches,
 * a way to kill Chromium's whole process tree, and the check that every manager got exactly one digest.
 */

/** Tuesday 24 November 2026, 08:45 in Shanghai: past the default digest time; the digest covers Monday 23rd. */
export const DIGEST_RUN_AT = new Date('2026-11-24T00:45:00Z');
export const DIGEST_PERIOD = '2026-11-23';
export const DIGEST_ZONE = 'Asia/Shanghai';

export const managerId = (i: number): string => `m${i}`;

/** `managers` departments, each led by `m<i>` with reps `r<i>_<j>`. */
export function digestSeed(managers: number, reps: number): SeedFile {
  const departments = Array.from({ length: managers }, (_, i) => ({ key: `d${i}`, name: `销售${i}组` }));
  const users = departments.flatMap((d, i) => [
    { userId: managerId(i), name: `主管${i}`, role: 'manager' as const, department: d.key },
    ...Array.from({ length: reps }, (_, j) => ({
      userId: `r${i}_${j}`,
      name: `销售${i}-${j}`,
      role: 'rep' as const,
      department: d.key,
    })),
  ]);
  // A month's order target for every rep: the page's gauge.
  const targets = users
    .filter((u) => u.role === 'rep')
    .map((u) => ({ period: '2026-11', user: u.userId, measure: '订单金额', value: 100_000 }));
  return seedFileSchema.parse({ departments, users, targets });
}

/**
 * Every rep punches in on each workday of November up to the 23rd; one in seven is late, one in eleven
 * forgets to punch out. Inserted in batches of 500, straight into the punches table.
 */
export async function seedDigestPunches(db: Database, tenantId: string): Promise<number> {
  const reps = (await createRepositories(db.manager).users.findActiveInTenant(tenantId)).filter(
    (u) => u.role === 'rep',
  );
  const rows: Array<Omit<PunchRow, 'id'>> = [];
  for (let date = '2026-11-02'; date <= DIGEST_PERIOD; date = addDays(date, 1)) {
    if (isoWeekdayOf(date) > 5) continue;
    for (const rep of reps) {
      const late = (rep.id + date.charCodeAt(9)) % 7 === 0 ? 12 : 0;
      const inAt = zonedTimeToUtc(date, late ? '09:12' : '08:55', DIGEST_ZONE);
      const day = { tenantId, userId: rep.id, workDate: date, precisionM: 20 };
      rows.push(
        punchRow({
          ...day,
          kind: 'in',
          punchedAt: inAt,
          status: late ? 'late' : 'normal',
          lateMinutes: late,
        }),
      );
      if ((rep.id + date.charCodeAt(9)) % 11 !== 0)
        rows.push(punchRow({ ...day, kind: 'out', punchedAt: zonedTimeToUtc(date, '18:05', DIGEST_ZONE) }));
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(PunchEntity)
        .values(rows.slice(i, i + 500))
        .execute(),
    );
  // They have worked here since before November: days before someone joined are not theirs to attend.
  await db.transaction((m) =>
    m.update(UserEntity, { tenantId }, { createdAt: zonedTimeToUtc('2026-10-01', '09:00', DIGEST_ZONE) }),
  );
  await seedDigestActivity(db, tenantId, reps);
  return rows.length;
}

const OPEN_STAGES = ['初步接洽', '需求确认', '方案报价', '谈判审核'];

/**
 * What the rest of a digest draws from, so each page has its charts: every rep found a customer in
 * November, visited it two or three times and has an open opportunity on it at some stage.
 */
async function seedDigestActivity(
  db: Database,
  tenantId: string,
  reps: Array<{ id: number }>,
): Promise<void> {
  const at = (date: string, time: string) => zonedTimeToUtc(date, time, DIGEST_ZONE);
  for (let i = 0; i < reps.length; i += 200) {
    const batch = reps.slice(i, i + 200);
    await db.transaction(async (m) => {
      const customers = batch.map((rep) => ({
        tenantId,
        name: `客户${rep.id}`,
        normalizedName: `客户${rep.id}`,
        address: null,
        lat: 22.6,
        lng: 114.1,
        ownerUserId: rep.id,
        createdByUserId: rep.id,
        phone: null,
        phoneNormalized: null,
        category: null,
        createdAt: at('2026-11-05', '10:00'),
      }));
      const inserted = await m.createQueryBuilder().insert().into(CustomerEntity).values(customers).execute();
      const ids = inserted.identifiers.map((row) => Number(row.id));
      const visits = batch.flatMap((rep, j) =>
        ['2026-11-10', '2026-11-17', '2026-11-23'].slice(0, 2 + (rep.id % 2)).map((date) =>
          visitRow({
            tenantId,
            userId: rep.id,
            customerId: ids[j] ?? 0,
            startedAt: at(date, '10:00'),
            endedAt: at(date, '10:40'),
            result: 'interested',
          }),
        ),
      );
      await m.createQueryBuilder().insert().into(VisitEntity).values(visits).execute();
      const opportunities = batch.map((rep, j) => ({
        tenantId,
        customerId: ids[j] ?? 0,
        ownerUserId: rep.id,
        amountFen: 5_000_000 + (rep.id % 7) * 1_000_000,
        stageKey: OPEN_STAGES[rep.id % OPEN_STAGES.length] ?? '初步接洽',
        status: 'open',
        stageEnteredAt: at('2026-11-12', '15:00'),
        lostReason: null,
        version: 1,
        createdByUserId: rep.id,
        createdAt: at('2026-11-12', '15:00'),
        closedAt: null,
      }));
      await m.createQueryBuilder().insert().into(OpportunityEntity).values(opportunities).execute();
    });
  }
}

/** The live processes of the tree rooted at `pid` (the root included), from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // it ended while we looked
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree.filter((p) => parents.has(p));
}

/**
 * `kill -9` of the browser now serving renders and every process under it (zygotes, renderers, GPU and
 * utility processes), all at once, as the OOM killer or an operator would. Returns the pids killed.
 */
export async function killChromium(renderer: PuppeteerReportRenderer): Promise<number[]> {
  const pid = (await renderer.currentBrowser())?.process()?.pid;
  if (pid === undefined) return [];
  const tree = processTree(pid);
  for (const p of tree) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return tree;
}

export interface DigestDeliveryReport {
  managers: number;
  /** Managers who got exactly one image and one markdown, in that order, and nothing else. */
  exactlyOne: number;
  missingImage: string[];
  missingMarkdown: string[];
  /** Managers who got a message type more than once. */
  duplicated: string[];
  /** Messages delivered to anyone who is not a manager of the run. */
  strays: number;
  pushLog: { rows: number; queued: number; renderFailed: number; usersWithSeveralRows: number };
  outbox: Record<string, number>;
}

type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** What the fake WeCom API delivered (duplicates its check swallowed are not delivered) and what the DB says. */
export async function checkDigestDelivery(
  fake: FakeWecomApi,
  query: Query,
  managers: string[],
): Promise<DigestDeliveryReport> {
  const byUser = new Map<string, string[]>();
  let strays = 0;
  const expected = new Set(managers);
  for (const { body } of fake.delivered) {
    const message = body as { touser?: string; msgtype?: string };
    const user = String(message.touser);
    if (!expected.has(user)) {
      strays++;
      continue;
    }
    byUser.set(user, [...(byUser.get(user) ?? []), String(message.msgtype)]);
  }
  const report: DigestDeliveryReport = {
    managers: managers.length,
    exactlyOne: 0,
    missingImage: [],
    missingMarkdown: [],
    duplicated: [],
    strays,
    pushLog: { rows: 0, queued: 0, renderFailed: 0, usersWithSeveralRows: 0 },
    outbox: {},
  };
  for (const user of managers) {
    const got = byUser.get(user) ?? [];
    const count = (type: string) => got.filter((t) => t === type).length;
    if (count('image') === 0) report.missingImage.push(user);
    if (count('markdown') === 0) report.missingMarkdown.push(user);
    if (count('image') > 1 || count('markdown') > 1) report.duplicated.push(user);
    if (got.join(',') === 'image,markdown') report.exactlyOne++;
  }
  const [log] = await query(
    `SELECT COUNT(*) AS n_rows, SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS queued,
       SUM(CASE WHEN detail = 'image render failed' THEN 1 ELSE 0 END) AS render_failed,
       COUNT(DISTINCT user_id) AS users
     FROM push_log WHERE kind = 'digest' AND period_key = ?`,
    [DIGEST_PERIOD],
  );
  report.pushLog = {
    rows: Number(log?.n_rows ?? 0),
    queued: Number(log?.queued ?? 0),
    renderFailed: Number(log?.render_failed ?? 0),
    usersWithSeveralRows: Number(log?.n_rows ?? 0) - Number(log?.users ?? 0),
  };
  for (const row of await query('SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status'))
    report.outbox[String(row.status)] = Number(row.n);
  return report;
}

/** What breaks "every manager gets exactly one digest, image and text" (empty when it holds). */
export function digestViolations(report: DigestDeliveryReport): string[] {
  const problems: string[] = [];
  const some = (list: string[]) => `${list.length} (${list.slice(0, 5).join(', ')})`;
  if (report.missingImage.length) problems.push(`no image for ${some(report.missingImage)}`);
  if (report.missingMarkdown.length) problems.push(`no markdown for ${some(report.missingMarkdown)}`);
  if (report.duplicated.length) problems.push(`duplicates for ${some(report.duplicated)}`);
  if (report.exactlyOne !== report.managers)
    problems.push(`${report.exactlyOne} of ${report.managers} got exactly image + markdown`);
  if (report.strays) problems.push(`${report.strays} messages to people who are not managers`);
  const { pushLog } = report;
  if (pushLog.rows !== report.managers || pushLog.queued !== report.managers)
    problems.push(`push_log has ${pushLog.rows} rows (${pushLog.queued} queued) for ${report.managers}`);
  if (pushLog.renderFailed) problems.push(`push_log records ${pushLog.renderFailed} failed renders`);
  const unsent = Object.entries(report.outbox).filter(([status, n]) => status !== 'sent' && n > 0);
  if (unsent.length) problems.push(`outbox rows not sent: ${JSON.stringify(Object.fromEntries(unsent))}`);
  return problems;
}

export interface KillRecord {
  /** ms since the killer was made. */
  atMs: number;
  when: 'idle' | 'mid-render' | 'between renders';
  pids: number[];
}

/**
 * A renderer that kills its own Chromium, in the order of `schedule`: each kill either while a render is in
 * flight or right after one finished, before the lane's next. A kill waits until `spacing` renders have
 * succeeded since the previous one and every render the previous kill may have cost an attempt has finished:
 * the renderer retries a render once, and two kills within one render's two attempts would rightly cost that
 * digest its image. `killIdle` kills the browser between runs.
 */
export function killingRenderer(
  chromium: PuppeteerReportRenderer,
  schedule: Array<'mid-render' | 'between renders'>,
  spacing: number,
): ReportRenderer & { kills: KillRecord[]; latenciesMs: number[]; killIdle(): Promise<void> } {
  const started = Date.now();
  const kills: KillRecord[] = [];
  const latenciesMs: number[] = [];
  const pending = [...schedule];
  let successesSinceKill = spacing;
  let calls = 0;
  const inFlight = new Set<number>();
  /**
   * Renders that may be on their retry and have not finished: those in flight at the last kill, and those
   * that began before the renderer launched the dead browser's replacement (until it notices the death, a
   * new render can still be sent to the dead browser and fail its first attempt).
   */
  const exposed = new Set<number>();
  let launchesAtKill = -1;
  const ready = () => successesSinceKill >= spacing && exposed.size === 0;
  const kill = async (when: KillRecord['when']) => {
    successesSinceKill = 0;
    launchesAtKill = chromium.stats().launches;
    for (const call of inFlight) exposed.add(call);
    kills.push({ atMs: Date.now() - started, when, pids: await killChromium(chromium) });
  };
  return {
    kills,
    latenciesMs,
    killIdle: () => kill('idle'),
    async renderPng(page) {
      const t = performance.now();
      const call = ++calls;
      inFlight.add(call);
      if (chromium.stats().launches <= launchesAtKill) exposed.add(call);
      const killMidRender = pending[0] === 'mid-render' && ready();
      if (killMidRender) {
        pending.shift();
        successesSinceKill = 0; // no other kill before this one lands
      }
      const png = chromium.renderPng(page);
      if (killMidRender) {
        // The page is on its way into Chromium (or being captured) when the browser dies.
        await new Promise((resolve) => setTimeout(resolve, 15));
        await kill('mid-render');
      }
      let succeeded = false;
      try {
        const result = await png;
        successesSinceKill++;
        succeeded = true;
        return result;
      } finally {
        latenciesMs.push(performance.now() - t);
        inFlight.delete(call);
        exposed.delete(call);
        // Decided when a render finishes rather than when one starts: on a loaded machine every later render
        // may already have started before the last exposed one finished.
        if (succeeded && pending[0] === 'between renders' && ready()) {
          pending.shift();
          await kill('between renders');
        }
      }
    },
    close: () => chromium.close(),
  };
}
