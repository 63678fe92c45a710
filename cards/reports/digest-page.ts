import type { ReportChart, ReportPage } from '../render/report-page';
import { hasRanking, type DigestView } from '../../domain/reports/digest';
import {
  buildAttendanceByRepChart,
  buildFunnelChart,
  buildRankingChart,
  buildRepActivityChart,
  buildTargetGaugeChart,
} from '../charts';

/**
 * Up to this many reps, charts go two to a row: attendance beside the gauge, visits beside the funnel. A
 * small team's bars fit half a phone-width image, and the page stays short enough to read without scrolling
 * through half-empty rows.
 */
const SIDE_BY_SIDE_REPS = 6;

/**
 * The digest's image: target gauge against time elapsed, ranking, visits and new customers per rep, funnel
 * (the shared builders of `cards/charts/`) and attendance per rep, each only when the digest has something
 * to show: a chart of zeros (no sale yet this month, no visit, no open deal) is left out, as the text says it.
 */
export function buildDigestPage(view: DigestView): ReportPage {
  const charts: ReportChart[] = [];
  if (view.gauge) {
    const { achievedFen, targetFen, elapsed } = view.gauge;
    const progress = {
      measureLabel: '订单金额',
      unit: 'fen' as const,
      achieved: achievedFen,
      target: targetFen,
    };
    charts.push(buildTargetGaugeChart({ ...progress, elapsedRatio: elapsed }, '目标完成率 vs 时间进度'));
  }
  const days = view.attendance?.flatMap((r) => [r.normal, r.late, r.missing, r.absent, r.leave]) ?? [];
  if (view.attendance && days.some((d) => d > 0)) {
    const attendance = buildAttendanceByRepChart(view.attendance, '本月考勤（天）');
    // A small team's bars fit beside the half-width gauge, instead of a row of their own under a half-empty one.
    const besideGauge = view.gauge !== undefined && view.attendance.length <= SIDE_BY_SIDE_REPS;
    charts.push(besideGauge ? { ...attendance, half: true, height: 260 } : attendance);
  }
  if (view.ranking && hasRanking(view)) {
    const { measure, money, rows } = view.ranking;
    const reps = rows.map((r) => ({ name: r.name, achieved: r.actual, target: r.target ?? 0 }));
    const unit = money ? ('fen' as const) : ('count' as const);
    charts.push(buildRankingChart({ measureLabel: measure, unit, reps }, `团队排行（${measure}）`));
  }
  const reps = (view.perRep ?? []).map((r) => ({
    name: r.name,
    visits: r.visits ?? 0,
    newCustomers: r.newCustomers ?? 0,
  }));
  const hasActivity = reps.some((r) => r.visits > 0 || r.newCustomers > 0);
  const hasFunnel = view.funnel?.some((stage) => stage.count > 0) ?? false;
  const paired = hasActivity && hasFunnel && reps.length <= SIDE_BY_SIDE_REPS;
  if (hasActivity) {
    const activity = buildRepActivityChart(reps, '本月拜访与新客户');
    charts.push(paired ? { ...activity, half: true, height: 260 } : activity);
  }
  if (view.funnel && hasFunnel) charts.push(buildFunnelChart(view.funnel, '商机漏斗', { half: paired }));
  return {
    title: view.title,
    subtitle: `${view.dayLabel} 及本月至今`,
    charts,
    footnotes: view.figures,
  };
}
