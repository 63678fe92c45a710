import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPeriodicPage } from '../cards/reports/periodic-report.cards';
import { createReportRenderer } from '../cards/render/report-renderer';
import type { ReportPage } from '../cards/render/report-page';
import { addDays, isoWeekdayOf } from '../domain/attendance/calendar';
import type { AttendanceDayFact, Period, ReportFacts, StageFact, StageMove } from '../domain/reports/facts';
import {
  composePeriodicReport,
  lastMonthRanges,
  lastWeekRanges,
  type PeriodicKind,
} from '../domain/reports/periodic-report';
import { repName, seeded } from './sample-report-pages';

/**
 * A seeded team's weekly and monthly report pages, made the way the `periodic-reports` job makes them (facts
 * → `composePeriodicReport` → `buildPeriodicPage`), from in-memory facts with plausible figures.
 *
 * `npx tsx bench/periodic-report-pages.ts [outDir] [reps]` writes weekly.png and monthly.png (default
 * `/tmp/fieldbot-periodic`, 8 reps) with the real renderer, to look at.
 */
const STAGES: StageFact[] = [
  { key: 'contact', label: '初步接洽', probability: 10, kind: 'open' },
  { key: 'needs', label: '需求确认', probability: 30, kind: 'open' },
  { key: 'quote', label: '方案报价', probability: 50, kind: 'open' },
  { key: 'deal', label: '商务谈判', probability: 80, kind: 'open' },
  { key: 'won', label: '赢单', probability: 100, kind: 'won' },
  { key: 'lost', label: '输单', probability: 0, kind: 'lost' },
];
const CUSTOMERS = ['华为深圳', '腾讯科技', '比亚迪', '大疆创新', '顺丰速运', '迈瑞医疗', '中兴通讯', '万科'];
const WAN = 1_000_000;

interface Dated {
  userId: number;
  at: Date;
}

export function seededPeriodicFacts(reps: number): ReportFacts {
  const random = seeded(23);
  const ids = Array.from({ length: reps }, (_, i) => i + 1);
  const instant = (date: string, hour = 10) =>
    new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);
  const days: string[] = [];
  for (let d = '2025-08-01'; d <= '2026-12-31'; d = addDays(d, 1)) days.push(d);
  const workdays = days.filter((d) => isoWeekdayOf(d) <= 5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

  const visits: Dated[] = [];
  const orders: Array<Dated & { amountFen: number }> = [];
  const payments: Array<Dated & { amountFen: number }> = [];
  const gained: Dated[] = [];
  const lost: Dated[] = [];
  for (const userId of ids) {
    const pace = 0.5 + random();
    for (const date of workdays) {
      const year = date < '2026-01-01' ? 0.7 : 1; // a smaller team a year earlier
      for (let v = Math.round(random() * 3 * pace); v > 0; v -= 1) visits.push({ userId, at: instant(date) });
      if (random() < 0.22 * pace * year)
        orders.push({ userId, at: instant(date), amountFen: Math.round((1 + random() * 9) * 10) * 100_000 });
      if (random() < 0.19 * pace * year)
        payments.push({
          userId,
          at: instant(date),
          amountFen: Math.round((1 + random() * 8) * 10) * 100_000,
        });
      if (random() < 0.08 * pace) gained.push({ userId, at: instant(date) });
      if (random() < 0.03) lost.push({ userId, at: instant(date) });
    }
  }
  const moves: StageMove[] = [];
  let id = 1;
  for (const date of workdays.filter((d) => d >= '2026-10-01' && d <= '2026-11-30')) {
    for (let n = Math.round(random() * 3); n > 0; n -= 1) {
      const from = pick(STAGES.slice(0, 4));
      const roll = random();
      const index = STAGES.indexOf(from);
      const to =
        roll < 0.55 ? (STAGES[index + 1] as StageFact) : roll < 0.8 ? (STAGES[5] as StageFact) : from;
      if (to === from) continue;
      moves.push({
        opportunityId: id++,
        customerName: pick(CUSTOMERS),
        ownerUserId: pick(ids),
        fromStage: from.key,
        toStage: to.key,
        at: instant(date, 15),
        amountFen: Math.round(5 + random() * 45) * WAN,
        daysInFromStage: Math.round((2 + random() * 4 * (index + 1)) * 10) / 10,
        lostReason: to.kind === 'lost' ? pick(['价格太高', '选了竞品', '预算取消', null]) : null,
      });
    }
  }

  const inPeriod = (d: Dated, p: Period) => d.at >= p.from && d.at < p.to;
  const countBy = (rows: Dated[], scope: number[], p: Period) => {
    const out = new Map<number, number>();
    for (const r of rows)
      if (scope.includes(r.userId) && inPeriod(r, p)) out.set(r.userId, (out.get(r.userId) ?? 0) + 1);
    return out;
  };
  const amountBy = (rows: Array<Dated & { amountFen: number }>, scope: number[], p: Period) => {
    const out = new Map<number, { count: number; amountFen: number }>();
    for (const r of rows.filter((r) => scope.includes(r.userId) && inPeriod(r, p))) {
      const before = out.get(r.userId) ?? { count: 0, amountFen: 0 };
      out.set(r.userId, { count: before.count + 1, amountFen: before.amountFen + r.amountFen });
    }
    return out;
  };
  const none = async (): Promise<never[]> => [];
  return {
    visits: {
      countByRep: async (_t, scope, p) => countBy(visits, scope, p),
      listForRep: none,
      followUpsDue: none,
    },
    customers: {
      newByRep: async (_t, scope, p) => countBy(gained, scope, p),
      lostByRep: async (_t, scope, p) => countBy(lost, scope, p),
      ownedByRep: async () => new Map(),
      listNewForRep: none,
    },
    opportunities: {
      stages: async () => STAGES,
      funnel: async (_t, scope) =>
        STAGES.slice(0, 4).map((s, i) => ({
          key: s.key,
          label: s.label,
          probability: s.probability,
          count: Math.round((scope.length * (4 - i)) / 2),
          amountFen: Math.round(scope.length * (4 - i) * 9 * WAN),
        })),
      stalled: none,
      ownersWithOpen: async () => new Set(),
      stageMoves: async (_t, scope, p) =>
        moves.filter((m) => scope.includes(m.ownerUserId) && m.at >= p.from && m.at < p.to),
    },
    sales: {
      ordersByRep: async (_t, scope, p) => amountBy(orders, scope, p),
      paymentsByRep: async (_t, scope, p) =>
        new Map([...amountBy(payments, scope, p)].map(([user, sum]) => [user, sum.amountFen])),
      netSalesBySegment: async () => new Map(),
      listOrdersForRep: none,
      listPaymentsForRep: none,
      overdueReceivables: none,
    },
    targets: {
      // 30万元 a month per rep, pro-rated by the range's days like the real port.
      memberTargets: async (_t, scope, _measure, range) => {
        const span = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
        return new Map(scope.map((user) => [user, Math.round((30 * WAN * 12 * span) / 365)]));
      },
      memberTargetSources: async () => new Map(),
      departmentTarget: async () => null,
      segmentTargets: async () => new Map(),
    },
    attendance: {
      days: async (_t, scope, range) =>
        scope.flatMap((userId) =>
          days
            .filter((d) => d >= range.from && d <= range.to)
            .map((workDate): AttendanceDayFact => {
              const roll = random();
              return {
                userId,
                workDate,
                isWorkday: isoWeekdayOf(workDate) <= 5,
                lateMinutes: roll < 0.06 ? 12 : 0,
                earlyMinutes: 0,
                missing: roll > 0.97 ? ['out'] : [],
                absent: roll > 0.06 && roll < 0.075,
                onLeave: roll > 0.9 && roll < 0.93,
                field: false,
                workedMinutes: 480,
                punches: [],
              };
            }),
        ),
    },
  };
}

const MONDAY = '2026-11-23';
const FIRST = '2026-12-01';

export async function seededPeriodicPage(kind: PeriodicKind, reps = 8): Promise<ReportPage> {
  const today = kind === 'weekly' ? MONDAY : FIRST;
  const team = Array.from({ length: reps }, (_, i) => ({ id: i + 1, name: repName(i) }));
  const view = await composePeriodicReport(seededPeriodicFacts(reps), {
    kind,
    tenantId: 'bench',
    manager: { id: 100, name: '周经理' },
    team,
    ...(kind === 'weekly' ? lastWeekRanges(today) : lastMonthRanges(today)),
    timeZone: 'Asia/Shanghai',
    asOf: new Date(`${today}T01:00:00Z`),
  });
  return buildPeriodicPage(view);
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? '/tmp/fieldbot-periodic';
  const reps = Number(process.argv[3] ?? 8);
  mkdirSync(outDir, { recursive: true });
  const renderer = createReportRenderer();
  try {
    for (const kind of ['weekly', 'monthly'] as const) {
      const png = await renderer.renderPng(await seededPeriodicPage(kind, reps));
      const file = join(outDir, `${kind}-${reps}.png`);
      writeFileSync(file, png);
      console.log(`${file}: ${png.length} bytes`);
    }
  } finally {
    await renderer.close();
  }
}

if (require.main === module) void main();
