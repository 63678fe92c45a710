import { z } from 'zod';
import {
  NEXT_VISIT_CHOICES,
  VISIT_RESULT_LABELS,
  VISIT_RESULTS,
  type Visit,
  type VisitResult,
} from '../domain/field/visit';
import { formatDistance } from '../domain/geo/distance';
import type { Card, CardButton } from '../domain/messages/reply';
import { formatClock } from '../domain/time/format';
import { kindLabel, trustLabel } from './visit-step.card';

/**
 * The cards of a visit's end: the result (有意向/需再跟进/已成交/无意向), then the next visit date. Keys
 * carry ids only: `visit:result:<visitId>:<result>` and `visit:next:<visitId>:<days>`.
 */
const ACTION_PATTERN = /^visit:(result|next):(\d{1,12}):([a-z_]+|\d{1,3})$/;

export const visitActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, step, visitId, value] = ACTION_PATTERN.exec(key) ?? [];
    return { step: step as 'result' | 'next', visitId: Number(visitId), value: value ?? '' };
  })
  .refine(
    (a) =>
      a.step === 'result'
        ? (VISIT_RESULTS as readonly string[]).includes(a.value)
        : NEXT_VISIT_CHOICES.some((c) => String(c.days) === a.value),
    'a result key names a result, a next key a day offering',
  );

export function isVisitActionKey(key: string): boolean {
  return key.startsWith('visit:');
}

export const visitResultCardId = (visitId: number) => `visit-${visitId}-result`;
export const visitNextCardId = (visitId: number) => `visit-${visitId}-next`;

/** Duration between check-in and check-out, as 「1小时5分钟」. */
export function formatDuration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h}小时${minutes % 60}分钟` : `${minutes}分钟`;
}

export function distanceLabel(visit: Pick<Visit, 'distanceM' | 'offSite'>): string {
  if (visit.distanceM === null) return '客户未登记位置，未核对距离';
  return visit.offSite
    ? `异地拜访，距客户${formatDistance(visit.distanceM)}`
    : `距客户${formatDistance(visit.distanceM)}`;
}

/** Where the rep checked out: distance from the customer, flagged when far, and how the position was got. */
export function checkOutLabel(visit: Pick<Visit, 'checkOut'>): string {
  const out = visit.checkOut;
  if (!out) return '未记录离开位置';
  const distance =
    out.distanceM === null
      ? '客户未登记位置'
      : `${out.far ? '⚠ 远离客户签退，' : ''}距客户${formatDistance(out.distanceM)}`;
  return [distance, trustLabel(out)].join(' · ');
}

export function buildVisitResultCard(visit: Visit, timeZone: string): Card {
  const ended = visit.endedAt ?? visit.startedAt;
  return {
    id: visitResultCardId(visit.id),
    title: `拜访已结束：${visit.customerName}`,
    description: '这次拜访的结果是？也可以发送「拜访结果 有意向 11月30日」（结果和下次拜访日期）。',
    fields: [
      {
        label: '在访时长',
        value: `${formatClock(visit.startedAt, timeZone)}–${formatClock(ended, timeZone)}（${formatDuration(visit.startedAt, ended)}）`,
      },
      { label: '目的/类别', value: kindLabel(visit) },
      { label: '签到位置', value: `${distanceLabel(visit)} · ${trustLabel(visit.checkIn)}`.slice(0, 256) },
      { label: '离开位置', value: checkOutLabel(visit).slice(0, 256) },
      { label: '照片/备注', value: `${visit.photoCount}张照片，${visit.noteCount}条备注` },
      ...(visit.note ? [{ label: '备注', value: visit.note.slice(0, 200) }] : []),
    ],
    buttons: VISIT_RESULTS.map((result): CardButton => ({
      type: 'action',
      label: VISIT_RESULT_LABELS[result],
      key: `visit:result:${visit.id}:${result}`,
      style: result === 'won' ? 'primary' : 'default',
    })),
  };
}

export function buildVisitResultDecidedCard(visit: Visit, result: VisitResult, timeZone: string): Card {
  return {
    ...buildVisitResultCard(visit, timeZone),
    buttons: [],
    status: `已记录：${VISIT_RESULT_LABELS[result]}`,
  };
}

export function buildNextVisitCard(visit: Pick<Visit, 'id' | 'customerName'>): Card {
  return {
    id: visitNextCardId(visit.id),
    title: `下次什么时候拜访「${visit.customerName}」？`,
    description: '选好后会加入那天的拜访计划。',
    fields: [],
    buttons: NEXT_VISIT_CHOICES.map((c): CardButton => ({
      type: 'action',
      label: c.label,
      key: `visit:next:${visit.id}:${c.days}`,
      style: 'default',
    })),
  };
}

export function buildNextVisitDecidedCard(visit: Pick<Visit, 'id' | 'customerName'>, outcome: string): Card {
  return { ...buildNextVisitCard(visit), buttons: [], status: outcome.slice(0, 32) };
}

/**
 * The morning card: the day's stops in route order, then the customers overdue for a visit by their class
 * (no buttons: it reads as a message on WeCom). A rep with no plan but overdue customers gets the second part.
 */
export function buildRouteCard(input: {
  cardId: string;
  date: string;
  lines: string[];
  lengthM: number;
  plannedBy: string | null;
  /** 「华为坂田（A类，每7天）逾期 5 天，…」, most overdue first. */
  overdue?: string[];
}): Card {
  const overdue = input.overdue ?? [];
  const shownOverdue = overdue.slice(0, OVERDUE_SHOWN);
  const overdueBlock =
    overdue.length > 0
      ? [
          `逾期未拜访 ${overdue.length} 家：`,
          ...shownOverdue.map((line) => `· ${line}`),
          ...(overdue.length > OVERDUE_SHOWN ? ['发送「客户 未拜访」查看全部'] : []),
        ]
      : [];
  const description = [...input.lines, ...overdueBlock].join('\n');
  const day = `${Number(input.date.slice(5, 7))}月${Number(input.date.slice(8, 10))}日`;
  const planned = input.lines.length > 0;
  return {
    id: input.cardId,
    title: planned
      ? `今日拜访路线（${day}，${input.lines.length}家）`
      : `今日待拜访（${day}）：逾期 ${overdue.length} 家`,
    description: description.length > 500 ? `${description.slice(0, 499)}…` : description,
    fields: [
      ...(planned
        ? [
            {
              label: '全程',
              value:
                input.lengthM > 0
                  ? `约${formatDistance(input.lengthM)}（按最近下一站排序）`
                  : '客户未登记位置',
            },
          ]
        : []),
      ...(input.plannedBy ? [{ label: '安排人', value: input.plannedBy }] : []),
      { label: '签到', value: '到达后发送位置，在卡片上选择「拜访 …」；或发送「拜访 <客户>」' },
    ],
    buttons: [],
  };
}

/** Overdue customers named on the morning card; the rest are a command away. */
const OVERDUE_SHOWN = 5;
