import type {
  AttendanceDayFact,
  FollowUpDue,
  FunnelStage,
  PendingApprovalFact,
  Period,
  ReportFacts,
  StageFact,
  StageMove,
  StalledDeal,
} from '../../../domain/reports/facts';

/**
 * A seeded team with known answers: four reps in Shanghai, November 2026, the digest for Monday 23rd. Every
 * port answers from these arrays, filtering by people and period as the real implementations must.
 */
export const TEAM = [
  { id: 1, name: '张三' },
  { id: 2, name: '李四' },
  { id: 3, name: '王五' },
  { id: 4, name: '赵六' },
];
export const MANAGER = { id: 10, name: '李经理' };
export const DAY = '2026-11-23';

const at = (iso: string) => new Date(iso);
const inPeriod = (d: Date, p: Period) => d >= p.from && d < p.to;

/** Visits: 张三 2 yesterday (Monday), 李四 1 yesterday, 王五 only earlier in the month, 赵六 none. */
export const VISITS = [
  { userId: 1, at: at('2026-11-23T02:00:00Z') },
  { userId: 1, at: at('2026-11-23T06:00:00Z') },
  { userId: 2, at: at('2026-11-23T03:00:00Z') },
  { userId: 3, at: at('2026-11-10T03:00:00Z') },
  { userId: 3, at: at('2026-11-12T03:00:00Z') },
  { userId: 1, at: at('2026-10-30T03:00:00Z') }, // last month: not counted
];

/** Orders (fen): 张三 ¥60,000 this month (¥10,000 yesterday), 李四 ¥30,000, 王五 ¥5,000. */
export const ORDERS = [
  { userId: 1, at: at('2026-11-05T02:00:00Z'), amountFen: 5_000_000 },
  { userId: 1, at: at('2026-11-23T05:00:00Z'), amountFen: 1_000_000 },
  { userId: 2, at: at('2026-11-15T02:00:00Z'), amountFen: 3_000_000 },
  { userId: 3, at: at('2026-11-02T02:00:00Z'), amountFen: 500_000 },
];
/** Monthly order targets: ¥100,000 each for 张三 and 李四, ¥50,000 for 王五, none for 赵六. */
export const TARGETS = new Map([
  [1, 10_000_000],
  [2, 10_000_000],
  [3, 5_000_000],
]);

export const FUNNEL: FunnelStage[] = [
  { key: 'contact', label: '初步接触', probability: 20, count: 4, amountFen: 4_000_000 },
  { key: 'quote', label: '方案报价', probability: 60, count: 1, amountFen: 2_000_000 },
];
export const STALLED: StalledDeal[] = [
  {
    opportunityId: 7,
    customerName: '华为深圳',
    ownerUserId: 1,
    stageLabel: '方案报价',
    daysInStage: 20,
    amountFen: 2_000_000,
  },
];
/** Owners of open opportunities: 张三 only; 李四 owns customers but has none. */
export const OWNERS_WITH_OPEN = new Set([1]);
export const OWNED = new Map([
  [1, 12],
  [2, 5],
]);
export const FOLLOW_UPS: FollowUpDue[] = [
  { customerId: 3, customerName: '腾讯', ownerUserId: 2, dueDate: '2026-11-20', overdueDays: 3 },
  { customerId: 4, customerName: '比亚迪', ownerUserId: 3, dueDate: '2026-11-23', overdueDays: 0 },
];
export const PENDING: PendingApprovalFact[] = [
  { requestNo: 12, typeLabel: '报销', requesterId: 2, waitingOn: [10], pendingHours: 30.5 },
];

/** Monday: 张三 normal, 李四 late 15 min, 王五 missing 下班 with a picked-point flag, 赵六 on leave. */
function attendanceDay(userId: number, workDate: string): AttendanceDayFact {
  const base: AttendanceDayFact = {
    userId,
    workDate,
    isWorkday: !['2026-11-21', '2026-11-22'].includes(workDate) && workDate >= '2026-11-02',
    lateMinutes: 0,
    earlyMinutes: 0,
    missing: [],
    absent: false,
    onLeave: false,
    field: false,
    workedMinutes: 480,
    punches: [],
  };
  if (workDate !== DAY) return base;
  if (userId === 2) return { ...base, lateMinutes: 15 };
  if (userId === 3)
    return {
      ...base,
      missing: ['out'],
      punches: [
        {
          kind: 'in',
          at: at('2026-11-23T00:58:00Z'),
          placeName: null,
          statusLabel: '正常',
          flags: ['手动选点'],
          makeUp: false,
        },
      ],
    };
  if (userId === 4) return { ...base, onLeave: true };
  return base;
}

const countBy = <T extends { userId: number }>(rows: T[], ids: number[]) => {
  const out = new Map<number, number>();
  for (const r of rows) if (ids.includes(r.userId)) out.set(r.userId, (out.get(r.userId) ?? 0) + 1);
  return out;
};

export const STAGES: StageFact[] = [
  { key: 'contact', label: '初步接触', probability: 20, kind: 'open' },
  { key: 'quote', label: '方案报价', probability: 60, kind: 'open' },
  { key: 'won', label: '赢单', probability: 100, kind: 'won' },
  { key: 'lost', label: '输单', probability: 0, kind: 'lost' },
];
export const MOVES: StageMove[] = [];

export function seededFacts(): Required<ReportFacts> {
  return {
    visits: {
      countByRep: async (_t, ids, p) =>
        countBy(
          VISITS.filter((v) => inPeriod(v.at, p)),
          ids,
        ),
      listForRep: async () => [],
      followUpsDue: async (_t, ids) => FOLLOW_UPS.filter((f) => ids.includes(f.ownerUserId)),
    },
    customers: {
      newByRep: async () => new Map([[1, 1]]),
      ownedByRep: async () => OWNED,
      lostByRep: async () => new Map(),
      listNewForRep: async () => [],
    },
    opportunities: {
      stages: async () => STAGES,
      funnel: async () => FUNNEL,
      stalled: async (_t, ids) => STALLED.filter((d) => ids.includes(d.ownerUserId)),
      ownersWithOpen: async () => OWNERS_WITH_OPEN,
      stageMoves: async () => MOVES,
    },
    sales: {
      ordersByRep: async (_t, ids, p) => {
        const out = new Map<number, { count: number; amountFen: number }>();
        for (const o of ORDERS.filter((o) => inPeriod(o.at, p) && ids.includes(o.userId))) {
          const prev = out.get(o.userId) ?? { count: 0, amountFen: 0 };
          out.set(o.userId, { count: prev.count + 1, amountFen: prev.amountFen + o.amountFen });
        }
        return out;
      },
      paymentsByRep: async () => new Map([[1, 2_000_000]]),
      netSalesBySegment: async () => new Map(),
      listOrdersForRep: async () => [],
      listPaymentsForRep: async () => [],
      overdueReceivables: async () => [],
    },
    targets: {
      memberTargets: async (_t, ids) => new Map([...TARGETS].filter(([id]) => ids.includes(id))),
      memberTargetSources: async () => new Map(),
      departmentTarget: async () => null,
      segmentTargets: async () => new Map(),
    },
    attendance: {
      days: async (_t, ids, range) => {
        const out: AttendanceDayFact[] = [];
        for (const id of ids)
          for (let d = 1; d <= 30; d += 1) {
            const date = `2026-11-${String(d).padStart(2, '0')}`;
            if (date >= range.from && date <= range.to) out.push(attendanceDay(id, date));
          }
        return out;
      },
    },
    approvals: {
      pendingOlderThan: async (_t, ids, hours) =>
        PENDING.filter(
          (a) =>
            a.pendingHours >= hours &&
            (ids.includes(a.requesterId) || a.waitingOn.some((w) => ids.includes(w))),
        ),
      filedByRep: async () => [],
    },
    dailyReports: { submittedOn: async () => new Set([1]) },
    coverage: { ownedCustomers: async () => [] },
    routes: { visitsOfDay: async () => [] },
  };
}
