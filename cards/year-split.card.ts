import { z } from 'zod';
import type { Card } from '../domain/messages/reply';

/** `tsplit:ok:<draftId>` / `tsplit:no:<draftId>`: the proposal is stored, the key carries its id only. */
const ACTION_PATTERN = /^tsplit:(ok|no):(\d{1,12})$/;

export const yearSplitActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, choice, draftId] = ACTION_PATTERN.exec(key) ?? [];
    return { confirm: choice === 'ok', draftId: Number(draftId) };
  });

export function isYearSplitActionKey(key: string): boolean {
  return key.startsWith('tsplit:');
}

/** WeCom shows at most 6 rows: 12 months go two to a row. */
const MAX_ROWS = 6;

export interface YearSplitCardInput {
  draftId: number;
  title: string;
  description: string;
  /** Each part's label (`3月`, `Q1`) and its value as shown. */
  parts: ReadonlyArray<{ label: string; value: string }>;
  /** Set once decided: the card shows the outcome and no buttons. */
  outcome?: string;
}

export function buildYearSplitCard(input: YearSplitCardInput): Card {
  const perRow = Math.ceil(input.parts.length / MAX_ROWS);
  const rows: Array<{ label: string; value: string }> = [];
  for (let i = 0; i < input.parts.length; i += perRow) {
    const group = input.parts.slice(i, i + perRow);
    rows.push({
      label: group.map((p) => p.label).join(' / '),
      value: group.map((p) => p.value).join(' / '),
    });
  }
  return {
    id: `tsplit-${input.draftId}`,
    title: input.title,
    description: input.description.slice(0, 512),
    fields: rows,
    status: input.outcome,
    buttons: input.outcome
      ? []
      : [
          { type: 'action', label: '确认', key: `tsplit:ok:${input.draftId}`, style: 'primary' },
          { type: 'action', label: '取消', key: `tsplit:no:${input.draftId}`, style: 'default' },
        ],
  };
}
