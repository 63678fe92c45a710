import { z } from 'zod';
import { formatYuan } from '../domain/approval/money';
import type { Opportunity } from '../domain/field/opportunity';
import {
  daysInStage,
  formatDaysInStage,
  nextStages,
  stageOrUnknown,
  type Stage,
} from '../domain/field/opportunity-stages';
import { weightedAmountFen } from '../domain/field/pipeline';
import type { Card, CardButton } from '../domain/messages/reply';

/**
 * An opportunity (商机) with buttons to its next stages, 赢单 and 输单. A key reads
 * `opp:<id>:<version>:<stage>` (the stage's name in base64url, so any name fits WeCom's key alphabet): the
 * version makes a second tap on the same card, or a tap on an older card, change nothing.
 */
const ACTION_PATTERN = /^opp:(\d{1,12}):(\d{1,9}):([A-Za-z0-9_-]{1,64})$/;

export const opportunityActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, id, version, stage] = ACTION_PATTERN.exec(key) ?? [];
    return {
      opportunityId: Number(id),
      version: Number(version),
      stageKey: Buffer.from(stage ?? '', 'base64url').toString('utf8'),
    };
  });

export function isOpportunityActionKey(key: string): boolean {
  return key.startsWith('opp:');
}

/** Buttons beyond WeCom's six: the four nearest open stages, then 赢单 and 输单. */
const MAX_FORWARD_BUTTONS = 4;

export interface OpportunityCardInput {
  cardId: string;
  opportunity: Opportunity;
  stages: readonly Stage[];
  ownerName: string;
  now: Date;
  /** 「初步接洽 2天 → 需求确认 1天」: the stages passed, for the description. */
  path?: string;
}

export function buildOpportunityCard(input: OpportunityCardInput): Card {
  const { opportunity: opp, stages, now } = input;
  const stage = stageOrUnknown(stages, opp.stageKey);
  const closed = opp.status !== 'open';
  const forward = nextStages(stages, stage);
  const buttons: CardButton[] = [
    ...forward.filter((s) => s.kind === 'open').slice(0, MAX_FORWARD_BUTTONS),
    ...forward.filter((s) => s.kind !== 'open'),
  ].map((to) => ({
    type: 'action',
    label: to.label,
    key: `opp:${opp.id}:${opp.version}:${Buffer.from(to.key, 'utf8').toString('base64url')}`,
    style: to.kind === 'won' ? 'primary' : to.kind === 'lost' ? 'danger' : 'default',
  }));
  const fields = [
    { label: '金额', value: formatYuan(opp.amountFen) },
    { label: '阶段', value: `${stage.label}（赢率${stage.probability}%）` },
    closed
      ? { label: '从新建到结束', value: formatDaysInStage(daysInStage(opp.createdAt, opp.stageEnteredAt)) }
      : { label: '本阶段已停留', value: formatDaysInStage(daysInStage(opp.stageEnteredAt, now)) },
    {
      label: '加权金额',
      value: formatYuan(weightedAmountFen({ amountFen: opp.amountFen, probability: stage.probability })),
    },
    { label: '负责人', value: input.ownerName },
    ...(opp.lostReason ? [{ label: '输单原因', value: opp.lostReason.slice(0, 120) }] : []),
  ];
  return {
    id: input.cardId,
    title: `商机 #${opp.id} ${opp.customerName}`.slice(0, 128),
    description: input.path?.slice(0, 512),
    fields: fields.slice(0, 6),
    buttons: closed ? [] : buttons,
    status: closed ? stage.label : undefined,
  };
}
