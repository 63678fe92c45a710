import { z } from 'zod';
import { ANTI_CHEAT_LABELS } from '../domain/attendance/anti-cheat';
import type { FormField } from '../domain/approval/custom-form';
import { CUSTOMER_TYPES } from '../domain/field/visit-purpose';
import type { PositionTrust, Visit } from '../domain/field/visit';
import { formatDistance } from '../domain/geo/distance';
import { LOCATION_SOURCE_LABELS } from '../domain/geo/location-source';
import type { Card, CardButton } from '../domain/messages/reply';

/**
 * The cards of a visit in progress: the purpose, then the customer type, then the visit card with
 * 结束拜访; at check-out a template field's options and the request for a position. Keys carry ids and
 * indexes only: `vstep:<visitId>:<step>:<value>[:<field index>]`.
 */
const ACTION_PATTERN = /^vstep:(\d{1,12}):(purpose|type|field|end):(\d{1,2}|skip|go)(?::(\d{1,2}))?$/;
const MAX_BUTTONS = 6;

export const visitStepSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, visitId, step, value, field] = ACTION_PATTERN.exec(key) ?? [];
    return {
      visitId: Number(visitId),
      step: step as 'purpose' | 'type' | 'field' | 'end',
      value: value ?? '',
      field: field === undefined ? null : Number(field),
    };
  });

export function isVisitStepKey(key: string): boolean {
  return key.startsWith('vstep:');
}

/**
 * 「企业微信/钉钉定位 ±20米」 or 「⚠ 手动选点 · ⚠ 位置异常跳变」: where a position came from and what it raised.
 * A flag that names the source (手动选点, 浏览器定位) stands for it: cards show short lines.
 */
export function trustLabel(trust: PositionTrust): string {
  const flags = trust.flags.map((f) => `⚠ ${ANTI_CHEAT_LABELS[f]}`);
  const sourceFlagged = trust.flags.some((f) => f === 'picked_point' || f === 'browser_position');
  if (sourceFlagged) return flags.join(' · ');
  const source = trust.source ? LOCATION_SOURCE_LABELS[trust.source] : '位置来源未记录';
  const precision = trust.precisionM === null ? '' : ` ±${formatDistance(trust.precisionM)}`;
  return [`${source}${precision}`, ...flags].join(' · ');
}

/** 「收款 · 原有客户」, or what is still missing. */
export function kindLabel(visit: Pick<Visit, 'purpose' | 'customerType'>): string {
  return `${visit.purpose ?? '目的未选'} · ${visit.customerType ? `${visit.customerType}客户` : '类别未选'}`;
}

function choiceButtons(visitId: number, step: 'purpose' | 'type', options: readonly string[]): CardButton[] {
  return options.slice(0, MAX_BUTTONS).map((label, i) => ({
    type: 'action',
    label,
    key: `vstep:${visitId}:${step}:${i}`,
    style: 'default',
  }));
}

/** The visit card: as checked in, with the next thing to choose, or 结束拜访 once purpose and type are known. */
export function buildVisitCard(input: {
  cardId: string;
  visit: Visit;
  purposes: readonly string[];
  headline: string;
  where: string;
  /** Minutes a note can be taken back; 0: 撤销 is off. */
  noteUndoMinutes: number;
}): Card {
  const { visit, purposes } = input;
  const fields = [
    { label: '位置', value: input.where.slice(0, 256) },
    { label: '定位', value: trustLabel(visit.checkIn).slice(0, 256) },
    { label: '目的/类别', value: kindLabel(visit) },
  ];
  if (visit.purpose === null)
    return {
      id: input.cardId,
      title: input.headline.slice(0, 128),
      description: `这次拜访的访问目的是？也可发送「拜访目的 ${purposes[0]} 原有」。`,
      fields,
      buttons: choiceButtons(visit.id, 'purpose', purposes),
    };
  if (visit.customerType === null)
    return {
      id: input.cardId,
      title: input.headline.slice(0, 128),
      description: `「${visit.customerName}」是哪类客户？开发：尚未成交；新增：新开发成交；原有：老客户。`,
      fields,
      buttons: choiceButtons(visit.id, 'type', CUSTOMER_TYPES),
    };
  return {
    id: input.cardId,
    title: input.headline.slice(0, 128),
    description: `现在发送的照片和文字会记入这次拜访；${input.noteUndoMinutes > 0 ? `发错的备注${input.noteUndoMinutes}分钟内可发送「撤销」。` : ''}结束时点「结束拜访」或发送「结束拜访 <备注>」。`,
    fields,
    buttons: [{ type: 'action', label: '结束拜访', key: `vstep:${visit.id}:end:go`, style: 'primary' }],
  };
}

/** A template field with options, asked at check-out with a button per option (跳过 when optional). */
export function buildTemplateFieldCard(input: {
  cardId: string;
  visitId: number;
  fieldIndex: number;
  title: string;
  question: string;
  field: FormField & { type: 'choice' };
}): Card {
  const { visitId, fieldIndex, field } = input;
  const buttons: CardButton[] = field.options.map((option, i) => ({
    type: 'action',
    label: option.slice(0, 32),
    key: `vstep:${visitId}:field:${i}:${fieldIndex}`,
    style: 'default',
  }));
  if (!field.required)
    buttons.push({
      type: 'action',
      label: '跳过',
      key: `vstep:${visitId}:field:skip:${fieldIndex}`,
      style: 'default',
    });
  return {
    id: input.cardId,
    title: input.title.slice(0, 128),
    description: input.question.slice(0, 512),
    fields: [],
    buttons,
  };
}

/** A visit step waiting for a fresh position: how to send one, and what the position coming back does. */
function positionRequestCard(
  input: { cardId: string; customerName: string; sharesLocationInChat: boolean; locationPageUrl: string },
  step: string,
  onArrival: string,
): Card {
  const how = input.sharesLocationInChat
    ? '点「打开定位页」读取手机定位，或在对话框点 ＋ → 位置 发送。'
    : '点「打开定位页」读取手机定位。';
  return {
    id: input.cardId,
    title: `${step}「${input.customerName}」：请发送你的位置`.slice(0, 128),
    description: `${how}${onArrival}`,
    fields: [],
    buttons: [{ type: 'link', label: '打开定位页', url: input.locationPageUrl }],
  };
}

type PositionRequest = Parameters<typeof positionRequestCard>[0];

/** 拜访 <客户> without a recent position: the position coming back checks the visit in. */
export function buildVisitLocationRequestCard(input: PositionRequest): Card {
  return positionRequestCard(input, '拜访', '30分钟内收到位置即签到拜访，并记录你与客户的距离。');
}

/** 结束拜访 without a fresh position: the position coming back checks the visit out. */
export function buildCheckOutLocationCard(input: PositionRequest): Card {
  return positionRequestCard(input, '结束拜访', '收到位置即结束拜访，并记录离开时与客户的距离。');
}
