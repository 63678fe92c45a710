import { formatClock } from '../time/format';
import type { ReportFacts } from './facts';
import { yuan } from './metrics';
import { periodOf } from './periods';
import { textAfterWords, typedWords } from '../text/typed-words';

/** What a rep did on one business date, as the ports that exist tell it. */
export interface DayActivityInput {
  tenantId: string;
  userId: number;
  date: string;
  timeZone: string;
  asOf: Date;
}

/**
 * The pre-filled part of a 日报 (docs/product.md "Daily reports"): punches, visits with customers and results, new
 * customers, opportunities moved, orders, payments and approvals filed, one line each, in that order. Sections
 * without a port, or with nothing that day, are left out.
 */
export async function dayActivityLines(facts: ReportFacts, input: DayActivityInput): Promise<string[]> {
  const { tenantId, userId, date, timeZone, asOf } = input;
  const period = periodOf({ from: date, to: date }, timeZone);
  const clock = (at: Date) => formatClock(at, timeZone);
  const lines: string[] = [];

  if (facts.attendance) {
    const [day] = await facts.attendance.days(tenantId, [userId], { from: date, to: date }, asOf);
    const punches = (day?.punches ?? []).map(
      (p) =>
        `${p.kind === 'in' ? '上班' : '下班'} ${clock(p.at)}（${[p.placeName, p.statusLabel, ...p.flags].filter(Boolean).join('，')}）`,
    );
    if (punches.length > 0) lines.push(`考勤：${punches.join('；')}`);
    else if (day?.isWorkday && !day.onLeave) lines.push('考勤：未打卡');
  }
  if (facts.visits) {
    const visits = await facts.visits.listForRep(tenantId, userId, period);
    if (visits.length > 0)
      lines.push(
        `拜访 ${visits.length} 次：${visits.map((v) => `${v.customerName}（${[v.result ?? '未填结果', v.note].filter(Boolean).join('，')}）`).join('、')}`,
      );
  }
  if (facts.customers) {
    const added = await facts.customers.listNewForRep(tenantId, userId, period);
    if (added.length > 0) lines.push(`新客户 ${added.length} 个：${added.map((c) => c.name).join('、')}`);
  }
  if (facts.opportunities) {
    const labels = new Map((await facts.opportunities.stages(tenantId)).map((s) => [s.key, s.label]));
    const label = (key: string) => labels.get(key) ?? key;
    const moves = await facts.opportunities.stageMoves(tenantId, [userId], period);
    if (moves.length > 0)
      lines.push(
        `商机推进：${moves.map((m) => `${m.customerName} ${m.fromStage === null ? '新建' : label(m.fromStage)}→${label(m.toStage)}`).join('、')}`,
      );
  }
  if (facts.sales) {
    const orders = await facts.sales.listOrdersForRep(tenantId, userId, period);
    if (orders.length > 0)
      lines.push(
        `订单 ${orders.length} 笔：${orders.map((o) => `${o.orderNo} ${o.customerName} ${yuan(o.amountFen)}（${o.status}）`).join('、')}`,
      );
    const payments = await facts.sales.listPaymentsForRep(tenantId, userId, period);
    if (payments.length > 0)
      lines.push(`回款：${payments.map((p) => `${p.customerName} ${yuan(p.amountFen)}`).join('、')}`);
  }
  if (facts.approvals) {
    const filed = await facts.approvals.filedByRep(tenantId, userId, period);
    if (filed.length > 0)
      lines.push(
        `审批：${filed.map((a) => `${a.typeLabel} #${a.requestNo}（${a.summary}，${a.statusLabel}）`).join('、')}`,
      );
  }
  return lines;
}

/** The text after `日报 计划` / `日报 问题`: which field, and what the rep wrote. */
export type DraftEdit = { field: 'plan' | 'problems'; text: string };

const FIELD_WORDS: Record<string, DraftEdit['field']> = {
  计划: 'plan',
  明日计划: 'plan',
  明天计划: 'plan',
  问题: 'problems',
  困难: 'problems',
  问题与困难: 'problems',
};

/** `日报 计划 拜访华为` → plan; `日报` alone → null (show the draft); anything else → undefined (malformed). */
export function parseDraftEdit(text: string): DraftEdit | null | undefined {
  const [, word] = typedWords(text);
  if (word === undefined) return null;
  const field = FIELD_WORDS[word];
  const body = textAfterWords(text, 2);
  if (!field || body.length === 0) return undefined;
  return { field, text: body.slice(0, 1000) };
}
