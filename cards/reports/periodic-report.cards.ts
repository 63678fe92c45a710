import type { Reply } from '../../domain/messages/reply';
import { DIAGNOSIS_LABELS } from '../../domain/reports/metrics';
import type { PeriodicView } from '../../domain/reports/periodic-report';
import {
  buildAttendanceByRepChart,
  buildConversionChart,
  buildCustomerChangeChart,
  buildForecastChart,
  buildSalesVsTargetChart,
  buildWinLossChart,
  buildWorkloadChart,
} from '../charts';
import { buildDiagnosisChart } from '../charts/diagnosis.chart';
import type { ReportChart, ReportPage } from '../render/report-page';
import { reportMarkdown } from './report-markdown';

/** The report's sections as text, with a link to its page when there is one. */
export function buildPeriodicMarkdown(view: PeriodicView, pageUrl?: string): Reply {
  const lead = pageUrl ? `[查看完整${view.kind === 'weekly' ? '周报' : '月报'}](${pageUrl})` : undefined;
  return reportMarkdown(view.title, `${view.title}（${view.rangeLabel}）`, view.sections, lead);
}

const anyPositive = (values: number[]) => values.some((v) => v > 0);

/**
 * The weekly or monthly image, one chart per question (docs/product.md "What managers receive"); a chart whose
 * data is absent or all zero is left out rather than drawn empty.
 * - 周报: forecast vs quarter target (开源/节流), stage conversion and time in stage, won/lost by the stage
 *   lost in, visits vs last week, attendance.
 * - 月报: orders and 回款 vs target with last year's same month, customers gained and lost, visits vs last
 *   month, stage conversion, attendance.
 */
export function buildPeriodicPage(view: PeriodicView): ReportPage {
  const weekly = view.kind === 'weekly';
  const charts = (
    weekly
      ? [
          forecastChart(view),
          conversionChart(view),
          winLossChart(view),
          workloadChart(view),
          view.diagnoses && view.diagnoses.length > 0 ? buildDiagnosisChart(view.diagnoses) : null,
          attendanceChart(view),
        ]
      : [
          salesChart(view),
          customersChart(view),
          workloadChart(view),
          conversionChart(view),
          attendanceChart(view),
        ]
  ).filter((chart): chart is ReportChart => chart !== null);
  return { title: view.title, subtitle: `${weekly ? '周报' : '月报'} · ${view.rangeLabel}`, charts };
}

function forecastChart({ forecast }: PeriodicView): ReportChart | null {
  if (!forecast) return null;
  return buildForecastChart({ ...forecast, verdict: DIAGNOSIS_LABELS[forecast.diagnosis] });
}

function conversionChart({ flows }: PeriodicView): ReportChart | null {
  if (!flows || !anyPositive(flows.map((f) => f.left))) return null;
  return buildConversionChart(flows);
}

function winLossChart({ closed }: PeriodicView): ReportChart | null {
  if (!closed || (closed.won.count === 0 && closed.lostByStage.length === 0)) return null;
  return buildWinLossChart(closed);
}

function workloadChart(view: PeriodicView): ReportChart | null {
  const { workload } = view;
  if (!workload || !anyPositive(workload.flatMap((w) => [w.current, w.previous]))) return null;
  const weekly = view.kind === 'weekly';
  return buildWorkloadChart({
    metricLabel: '拜访',
    currentLabel: weekly ? '本周' : '本月',
    previousLabel: weekly ? '上周' : '上月',
    reps: workload,
  });
}

function attendanceChart({ attendance }: PeriodicView): ReportChart | null {
  if (
    !attendance ||
    !anyPositive(attendance.flatMap((a) => [a.normal, a.late, a.missing, a.absent, a.leave]))
  )
    return null;
  return buildAttendanceByRepChart(attendance);
}

function salesChart({ sales }: PeriodicView): ReportChart | null {
  if (!sales || !anyPositive(sales.flatMap((m) => [m.ordersFen, m.paymentsFen, m.targetFen ?? 0])))
    return null;
  return buildSalesVsTargetChart(
    sales.map((m) => ({
      label: `${Number(m.month.slice(5, 7))}月`,
      ordersFen: m.ordersFen,
      paymentsFen: m.paymentsFen,
      targetFen: m.targetFen,
      // Nothing a year earlier reads as "not known" (the bot was likely not in use yet), not as a zero line.
      lastYearOrdersFen: m.lastYearOrdersFen > 0 ? m.lastYearOrdersFen : null,
    })),
    '订单与回款（近三个月，同比）',
  );
}

function customersChart({ customers }: PeriodicView): ReportChart | null {
  if (!customers || !anyPositive(customers.flatMap((c) => [c.gained, c.lost]))) return null;
  return buildCustomerChangeChart(customers);
}
