import { z } from 'zod';
import type { Card } from '../domain/messages/reply';

/**
 * 公海预警: an owned customer about to return to the pool. Its two buttons are the two answers an owner has:
 * visit it (tomorrow goes into the plan) or let it go now. Keys carry the customer only; the tap is checked
 * against the tapper's scope again.
 */
const ACTION_PATTERN = /^recycle:(plan|release):(\d{1,12})$/;

export const recycleActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, action, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return { action: action as 'plan' | 'release', customerId: Number(customerId) };
  });

export function isRecycleActionKey(key: string): boolean {
  return key.startsWith('recycle:');
}

export interface RecycleWarning {
  cardId: string;
  customer: { id: number; name: string };
  idleDays: number;
  daysLeft: number;
  /** The local date the customer returns to the pool. */
  recycleDate: string;
}

export function buildRecycleWarningCard(warning: RecycleWarning): Card {
  const { customer } = warning;
  return {
    id: warning.cardId,
    title: `「${customer.name}」${warning.daysLeft}天后退回公海`.slice(0, 128),
    description: `已${warning.idleDays}天没有跟进，${warning.recycleDate}将退回公海。拜访并结束拜访即算跟进。`,
    fields: [],
    buttons: [
      { type: 'action', label: '明天拜访', key: `recycle:plan:${customer.id}`, style: 'primary' },
      { type: 'action', label: '释放到公海', key: `recycle:release:${customer.id}`, style: 'default' },
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
