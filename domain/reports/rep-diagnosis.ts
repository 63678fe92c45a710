import { addDays } from '../attendance/calendar';
import { idleCustomers, type IdleCustomer } from '../field/coverage';
import type { VisitSettings } from '../field/visit-settings';
import type { Person } from './digest-data';
import type { ReportFacts } from './facts';
import { closedByStage, type ClosedDeals } from './metrics';
import { periodOf } from './periods';

/**
 * Why a rep is not selling — the three causes managers name (三种原因): no new customers; customers but no
 * follow-up; followed up but no deal, or deals lost (with the stage they were lost in). Every figure comes
 * from the report facts that define it (新客户数, 拜访数, 订单笔数, won and lost by stage, the pool's
 * follow-up clock); this module only reads them against the tenant's thresholds.
 */
export type DiagnosisSettings = Pick<
  VisitSettings,
  'diagnosisNewCustomerDays' | 'diagnosisDealDays' | 'idleDays'
>;

export type CauseKind = 'no_new_customers' | 'no_follow_up' | 'no_deals';

export const CAUSE_LABELS: Record<CauseKind, string> = {
  no_new_customers: '没有新客户',
  no_follow_up: '有客户不跟进',
  no_deals: '跟进了不成交',
};

/** What one rep's diagnosis reads, gathered from the report facts. */
export interface RepDiagnosisFacts {
  rep: Person;
  /** 新客户数 over the last `diagnosisNewCustomerDays` days. */
  newCustomers: number;
  /** Customers the rep owns now. */
  owned: number;
  /** Owned customers with no follow-up for `idleDays` or more, longest first. */
  idle: IdleCustomer[];
  /** 拜访数 over the last `diagnosisDealDays` days. */
  visits: number;
  /** 订单笔数 over the same days. */
  orders: number;
  /** Opportunities won and lost over the same days, lost ones by the stage they were lost in. */
  closed: ClosedDeals;
  /** Each lost deal: customer, the stage it was lost in, the reason given. */
  lost: Array<{ customerName: string; stageLabel: string; reason: string | null }>;
}

export interface Cause {
  kind: CauseKind;
  label: string;
  /** The numbers and names behind it. */
  evidence: string;
  advice: string;
}

/** The counts each cause was judged on, for the grid that shows them. */
export interface DiagnosisFigures {
  newCustomers: number;
  owned: number;
  idle: number;
  visits: number;
  /** Orders plus opportunities won. */
  deals: number;
  lost: number;
}

export interface RepDiagnosis {
  rep: Person;
  causes: Cause[];
  figures: DiagnosisFigures;
  /** One line of the figures read, shown whether or not a cause was found. */
  summary: string;
}

/** Names listed in a cause's evidence; the rest are counted. */
const NAMES_SHOWN = 5;

function listed(names: string[]): string {
  const more = names.length > NAMES_SHOWN ? ` 等${names.length}个` : '';
  return names.slice(0, NAMES_SHOWN).join('、') + more;
}

/** The causes found in one rep's figures, in the order a sale goes: find, follow up, close. */
export function diagnoseRep(f: RepDiagnosisFacts, s: DiagnosisSettings): RepDiagnosis {
  const causes: Cause[] = [];
  if (f.newCustomers === 0)
    causes.push({
      kind: 'no_new_customers',
      label: CAUSE_LABELS.no_new_customers,
      evidence: `近${s.diagnosisNewCustomerDays}天新客户 0 个（名下客户 ${f.owned} 个）`,
      advice: '每周定下新增客户数：从公海领取、请老客户转介绍、跑新的片区',
    });
  if (f.idle.length > 0)
    causes.push({
      kind: 'no_follow_up',
      label: CAUSE_LABELS.no_follow_up,
      evidence: `名下 ${f.owned} 个客户中 ${f.idle.length} 个超过${s.idleDays}天未跟进：${listed(f.idle.map((i) => `${i.customer.name}（${i.idleDays}天）`))}`,
      advice: '按未跟进天数排回访顺序，本周先联系最久没联系的客户，免得退回公海',
    });
  const deals = f.orders + f.closed.won.count;
  const lostCount = f.lost.length;
  if (f.visits > 0 && (deals === 0 || lostCount > 0)) {
    const worst = [...f.closed.lostByStage].sort((a, b) => b.count - a.count)[0];
    const lostText =
      lostCount > 0
        ? `，输单 ${lostCount} 个：${listed(f.lost.map((l) => `${l.customerName}（输在${l.stageLabel}${l.reason ? `，${l.reason}` : ''}）`))}`
        : '';
    causes.push({
      kind: 'no_deals',
      label: CAUSE_LABELS.no_deals,
      evidence: `近${s.diagnosisDealDays}天拜访 ${f.visits} 次，订单 ${f.orders} 笔、赢单 ${f.closed.won.count} 个${lostText}`,
      advice:
        worst && lostCount > 0
          ? `输单多在「${worst.label}」：复盘这一阶段的报价与竞品，关键客户请主管陪同推进`
          : '每次拜访约定下一步（报价、试用、签约时间），把跟进推进到成交',
    });
  }
  return {
    rep: f.rep,
    causes,
    figures: {
      newCustomers: f.newCustomers,
      owned: f.owned,
      idle: f.idle.length,
      visits: f.visits,
      deals,
      lost: lostCount,
    },
    summary: `近${s.diagnosisNewCustomerDays}天新客户 ${f.newCustomers} 个；名下客户 ${f.owned} 个，${s.idleDays}天以上未跟进 ${f.idle.length} 个；近${s.diagnosisDealDays}天拜访 ${f.visits} 次，订单 ${f.orders} 笔，赢单 ${f.closed.won.count} 个，输单 ${lostCount} 个`,
  };
}

/**
 * Each rep's diagnosis figures as of `today` (its days counted through today): read through the report
 * ports, so a figure here is the figure every other report shows for the same days.
 */
export async function gatherDiagnosisFacts(
  facts: ReportFacts,
  input: {
    tenantId: string;
    reps: Person[];
    today: string;
    timeZone: string;
    settings: DiagnosisSettings;
  },
): Promise<RepDiagnosisFacts[]> {
  const { tenantId, reps, today, timeZone, settings } = input;
  const ids = reps.map((r) => r.id);
  const recent = (days: number) => periodOf({ from: addDays(today, 1 - days), to: today }, timeZone);
  const newWindow = recent(settings.diagnosisNewCustomerDays);
  const dealWindow = recent(settings.diagnosisDealDays);
  const [newByRep, ownedByRep, owned, visits, orders, stages, moves] = await Promise.all([
    facts.customers?.newByRep(tenantId, ids, newWindow) ?? new Map<number, number>(),
    facts.customers?.ownedByRep(tenantId, ids) ?? new Map<number, number>(),
    facts.coverage?.ownedCustomers(tenantId, ids) ?? [],
    facts.visits?.countByRep(tenantId, ids, dealWindow) ?? new Map<number, number>(),
    facts.sales?.ordersByRep(tenantId, ids, dealWindow) ?? new Map<number, { count: number }>(),
    facts.opportunities?.stages(tenantId) ?? [],
    facts.opportunities?.stageMoves(tenantId, ids, dealWindow) ?? [],
  ]);
  const stageLabel = new Map(stages.map((s) => [s.key, s]));
  return reps.map((rep) => {
    const mine = moves.filter((m) => m.ownerUserId === rep.id);
    const lost = mine
      .filter((m) => stageLabel.get(m.toStage)?.kind === 'lost')
      .map((m) => ({
        customerName: m.customerName,
        stageLabel: stageLabel.get(m.fromStage ?? '')?.label ?? '未知阶段',
        reason: m.lostReason,
      }));
    return {
      rep,
      newCustomers: newByRep.get(rep.id) ?? 0,
      owned: ownedByRep.get(rep.id) ?? 0,
      idle: idleCustomers(
        owned.filter((c) => c.ownerUserId === rep.id),
        settings.idleDays,
        today,
        timeZone,
      ),
      visits: visits.get(rep.id) ?? 0,
      orders: orders.get(rep.id)?.count ?? 0,
      closed: closedByStage(stages, mine),
      lost,
    };
  });
}

/** Each cause found as its evidence line and its advice line; a rep with none says so with his figures. */
export function diagnosisLines(d: RepDiagnosis, named: boolean): string[] {
  const who = named ? `${d.rep.name} · ` : '';
  if (d.causes.length === 0) return [`${who}未发现问题：${d.summary}`];
  return d.causes.flatMap((c) => [`${who}${c.label}：${c.evidence}`, `建议：${c.advice}`]);
}

/** The text section for a team (the 周报's): every rep, those with most causes first. */
export function diagnosisSection(
  diagnoses: readonly RepDiagnosis[],
  title: string,
): { title: string; lines: string[] } {
  const sorted = [...diagnoses].sort((a, b) => b.causes.length - a.causes.length);
  return { title, lines: sorted.flatMap((d) => diagnosisLines(d, true)) };
}
