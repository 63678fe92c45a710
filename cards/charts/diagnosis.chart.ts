import type { ReportChart } from '../render/report-page';
import {
  CAUSE_LABELS,
  type CauseKind,
  type DiagnosisFigures,
  type RepDiagnosis,
} from '../../domain/reports/rep-diagnosis';
import { COLORS, emptyChartOption } from './chart-style';

const CAUSES: CauseKind[] = ['no_new_customers', 'no_follow_up', 'no_deals'];
const ROW_HEIGHT = 44;
const CELL = { width: 196, height: 34 };
const FOUND = { fill: '#fde4e1', text: '#b8322a' };
const CLEAR = { fill: '#e4f4ea', text: '#2f7a4f' };

/** The figure a cell prints: what the cause was judged on. */
function cellText(kind: CauseKind, f: DiagnosisFigures): string {
  if (kind === 'no_new_customers') return `新客户 ${f.newCustomers}`;
  if (kind === 'no_follow_up') return `未跟进 ${f.idle} / ${f.owned}`;
  return `拜访 ${f.visits} · 成交 ${f.deals} · 输单 ${f.lost}`;
}

/**
 * 三种原因 per rep as a grid: one row per rep, one column per cause, red where the cause was found and green
 * where it was not, each cell printing the figure it was judged on. Reps with most causes first.
 */
export function buildDiagnosisChart(diagnoses: RepDiagnosis[], title = '诊断：三种原因'): ReportChart {
  if (diagnoses.length === 0) return { title, height: 160, option: emptyChartOption('暂无成员') };
  const sorted = [...diagnoses].sort((a, b) => b.causes.length - a.causes.length);
  const names = sorted.map((d) => d.rep.name);
  const data = sorted.flatMap((diagnosis, row) =>
    CAUSES.map((kind, column) => {
      const found = diagnosis.causes.some((c) => c.kind === kind);
      const look = found ? FOUND : CLEAR;
      return {
        value: [column, row],
        itemStyle: { color: look.fill, borderColor: look.text, borderWidth: found ? 1 : 0 },
        label: { formatter: `${found ? '✗ ' : '✓ '}${cellText(kind, diagnosis.figures)}`, color: look.text },
      };
    }),
  );
  return {
    title,
    height: 56 + ROW_HEIGHT * names.length,
    option: {
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        position: 'top',
        data: CAUSES.map((k) => CAUSE_LABELS[k]),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: COLORS.line, fontSize: 13, fontWeight: 'bold' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: COLORS.line, fontSize: 13, width: 72, overflow: 'truncate' },
      },
      series: [
        {
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [CELL.width, CELL.height],
          data,
          label: { show: true, position: 'inside', fontSize: 13 },
        },
      ],
    },
  };
}
