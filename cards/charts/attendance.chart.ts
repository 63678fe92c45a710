import type { ReportChart } from '../render/report-page';
import {
  ATTENDANCE_CATEGORIES,
  type AttendanceCategory,
  type AttendanceCounts,
  type AttendanceTallyInput,
} from './chart-inputs';
import { percentOf } from './chart-format';
import {
  BASE_GRID,
  COLORS,
  emptyChartOption,
  repAxisExtraHeight,
  repNameAxis,
  TOP_LEGEND,
  valueAxis,
} from './chart-style';

/** Fixed colours, so 迟到 is the same orange in every report. */
export const ATTENDANCE_COLORS: Record<AttendanceCategory, string> = {
  正常: '#2fa66a',
  迟到: '#f2a93b',
  早退: '#e0703a',
  缺卡: '#d64545',
  请假: '#9aa5b5',
  外勤: '#3b6fd8',
};

/**
 * 考勤概况: a ring of person-days by outcome, in the fixed order 正常/迟到/早退/缺卡/请假/外勤; outcomes
 * with no day are left out; the centre shows the share of 正常.
 */
export function buildAttendanceChart(counts: AttendanceCounts, title = '考勤概况'): ReportChart {
  const present = ATTENDANCE_CATEGORIES.filter((category) => (counts[category] ?? 0) > 0);
  const total = present.reduce((sum, category) => sum + (counts[category] ?? 0), 0);
  if (total === 0) return { title, height: 260, half: true, option: emptyChartOption('暂无考勤记录') };
  const normalShare = percentOf(counts['正常'] ?? 0, total) ?? 0;
  return {
    title,
    height: 260,
    half: true,
    option: {
      color: present.map((category) => ATTENDANCE_COLORS[category]),
      legend: { bottom: 0, left: 'center', itemWidth: 10, itemHeight: 10, data: [...present] },
      title: {
        text: `${normalShare}%`,
        subtext: '正常',
        left: 'center',
        top: '36%',
        textStyle: { fontSize: 22, fontWeight: 'bold', color: COLORS.good },
        subtextStyle: { color: COLORS.line },
      },
      series: [
        {
          type: 'pie',
          name: title,
          radius: ['45%', '68%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: { show: true, formatter: '{b} {c}', color: COLORS.line, fontSize: 12 },
          data: present.map((category) => ({ name: category, value: counts[category] ?? 0 })),
        },
      ],
    },
  };
}

const ABSENT_COLOR = '#8b1e1e';

const TALLY_SERIES: Array<{ name: string; key: keyof Omit<AttendanceTallyInput, 'name'>; color: string }> = [
  { name: '正常', key: 'normal', color: ATTENDANCE_COLORS['正常'] },
  { name: '迟到', key: 'late', color: ATTENDANCE_COLORS['迟到'] },
  { name: '缺卡', key: 'missing', color: ATTENDANCE_COLORS['缺卡'] },
  { name: '旷工', key: 'absent', color: ABSENT_COLOR },
  { name: '请假', key: 'leave', color: ATTENDANCE_COLORS['请假'] },
];

/**
 * 考勤 per person: workdays stacked by outcome (正常/迟到/缺卡/旷工/请假, the same colours as the ring), most
 * exceptions first so the people to talk to stand at the left. Outcomes nobody had are left out.
 */
export function buildAttendanceByRepChart(rows: AttendanceTallyInput[], title = '考勤（天）'): ReportChart {
  const exceptions = (row: AttendanceTallyInput) => row.late + row.missing + row.absent;
  const sorted = [...rows].sort((a, b) => exceptions(b) - exceptions(a) || b.absent - a.absent);
  const series = TALLY_SERIES.filter((s) => sorted.some((row) => row[s.key] > 0));
  if (series.length === 0) return { title, height: 160, option: emptyChartOption('暂无考勤记录') };
  const names = sorted.map((row) => row.name);
  return {
    title,
    height: 220 + repAxisExtraHeight(names.length),
    option: {
      color: series.map((s) => s.color),
      legend: { ...TOP_LEGEND, data: series.map((s) => s.name) },
      grid: { ...BASE_GRID },
      xAxis: repNameAxis(names),
      yAxis: valueAxis('天', { minInterval: 1 }),
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        stack: 'days',
        barMaxWidth: 22,
        data: sorted.map((row) => row[s.key]),
      })),
    },
  };
}
