import type { Reply } from '../../domain/messages/reply';
import type { PeriodicView } from '../../domain/reports/periodic-report';
import type { ReportChart, ReportPage } from '../render/report-page';
import { reportMarkdown } from './report-markdown';
import { barChart } from './report-charts';

export function buildPeriodicMarkdown(view: PeriodicView): Reply {
  return reportMarkdown(view.title, `${view.title}（${view.rangeLabel}）`, view.sections);
}

/** The weekly/monthly image: workload vs the period before, stage conversion, attendance. */
export function buildPeriodicPage(view: PeriodicView): ReportPage {
  const charts: ReportChart[] = [];
  if (view.workload)
    charts.push(
      barChart(
        '拜访工作量',
        view.workload.map((w) => w.name),
        [
          { name: '本期', data: view.workload.map((w) => w.current) },
          { name: '上期', data: view.workload.map((w) => w.previous) },
        ],
      ),
    );
  if (view.flows)
    charts.push(
      barChart(
        '阶段推进率（%）',
        view.flows.map((f) => f.label),
        [{ name: '推进率', data: view.flows.map((f) => Math.round((f.conversion ?? 0) * 100)) }],
      ),
    );
  if (view.attendance)
    charts.push(
      barChart(
        '考勤异常（次）',
        view.attendance.map((a) => a.name),
        [
          { name: '迟到', data: view.attendance.map((a) => a.late) },
          { name: '缺卡', data: view.attendance.map((a) => a.missing) },
          { name: '旷工', data: view.attendance.map((a) => a.absent) },
        ],
      ),
    );
  return { title: view.title, subtitle: view.rangeLabel, charts };
}
