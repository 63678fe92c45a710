import { z } from 'zod';
import type { RecycleReason } from '../domain/field/pool';
import type { Card } from '../domain/messages/reply';

/**
 * 公海预警: an owned customer about to return to the pool, with the answers an owner has (docs/product.md):
 * 已跟进 (log a follow-up: the clock restarts), 明天拜访 (tomorrow goes into the plan), 申请延期 (ask the
 * manager for more days) or let it go now. Keys carry the customer only; the tap is checked against the
 * tapper's scope again.
 */
const ACTION_PATTERN = /^recycle:(followed|plan|defer|release):(\d{1,12})$/;

export type RecycleAction = 'followed' | 'plan' | 'defer' | 'release';

export const recycleActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, action, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return { action: action as RecycleAction, customerId: Number(customerId) };
  });

export function isRecycleActionKey(key: string): boolean {
  return key.startsWith('recycle:');
}

export interface RecycleWarning {
  cardId: string;
  customer: { id: number; name: string };
  /** Which clock falls due, and how many days it has run. */
  reason: RecycleReason;
  days: number;
  /** The tenant's 成交期限 (for the no-deal wording). */
  dealDeadlineDays: number;
  daysLeft: number;
  /** The local date the customer returns to the pool. */
  recycleDate: string;
  /** What 申请延期 asks for. */
  extensionDays: number;
}

export function buildRecycleWarningCard(warning: RecycleWarning): Card {
  const { customer } = warning;
  const defer = {
    type: 'action',
    label: `申请延期${warning.extensionDays}天`,
    key: `recycle:defer:${customer.id}`,
    style: 'default',
  } as const;
  const release = {
    type: 'action',
    label: '释放到公海',
    key: `recycle:release:${customer.id}`,
    style: 'default',
  } as const;
  const title = `「${customer.name}」${warning.daysLeft}天后退回公海`.slice(0, 128);
  // The deal clock runs whatever the follow-ups: only a won deal, more time or letting go answer it.
  if (warning.reason === 'no_deal')
    return {
      id: warning.cardId,
      title,
      description: `领取已${warning.days}天仍未成交（成交期限${warning.dealDeadlineDays}天），${warning.recycleDate}将退回公海。赢单后不再回收；需要更多时间请申请延期。`,
      fields: [],
      buttons: [{ ...defer, style: 'primary' }, release],
    };
  return {
    id: warning.cardId,
    title,
    description: `已${warning.days}天没有跟进，${warning.recycleDate}将退回公海。结束一次拜访或记录一条跟进，回收期即重新计算。`,
    fields: [],
    buttons: [
      { type: 'action', label: '已跟进', key: `recycle:followed:${customer.id}`, style: 'primary' },
      { type: 'action', label: '明天拜访', key: `recycle:plan:${customer.id}`, style: 'default' },
      defer,
      release,
    ],
  };
}

/** The warning once answered: what was done, the buttons gone. */
export function buildRecycleAnsweredCard(
  cardId: string,
  customerName: string,
  status: string,
  detail: string,
): Card {
  return {
    id: cardId,
    title: `「${customerName}」公海预警`.slice(0, 128),
    description: detail,
    fields: [],
    buttons: [],
    status,
  };
}
