import { z } from 'zod';
import type { CustomerRecord, NewCustomer } from '../domain/field/customer';
import { maskPhone } from '../domain/field/customer-matching';
import type { Card, CardButton } from '../domain/messages/reply';

/**
 * The card a 新建客户 gets when the tenant may already have the customer (docs/product.md 查重/防撞单): up to 3
 * possible duplicates, 仍然新建, and 使用已有 per duplicate. The creation waits as a stored draft, so a key
 * carries ids only: `cust:new:<draftId>` or `cust:use:<draftId>:<customerId>`.
 */
const ACTION_PATTERN = /^cust:(new|use):(\d{1,12})(?::(\d{1,12}))?$/;

export const customerDuplicateActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, choice, draftId, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return {
      choice: choice as 'new' | 'use',
      draftId: Number(draftId),
      customerId: customerId ? Number(customerId) : null,
    };
  })
  .refine(
    (a) => (a.choice === 'use') === (a.customerId !== null),
    '使用已有 names its customer, 仍然新建 does not',
  );

export function isCustomerActionKey(key: string): boolean {
  return key.startsWith('cust:');
}

export const MAX_DUPLICATES_SHOWN = 3;

export interface DuplicateCard {
  draftId: number;
  draft: NewCustomer;
  duplicates: ReadonlyArray<{ customer: CustomerRecord; ownerName: string | null }>;
}

export function buildCustomerDuplicateCard({ draftId, draft, duplicates }: DuplicateCard): Card {
  const shown = duplicates.slice(0, MAX_DUPLICATES_SHOWN);
  const buttons: CardButton[] = [
    { type: 'action', label: '仍然新建', key: `cust:new:${draftId}`, style: 'primary' },
    ...shown.map(({ customer }): CardButton => ({
      type: 'action',
      label: `使用已有 ${truncate(customer.name, 8)}`,
      key: `cust:use:${draftId}:${customer.id}`,
      style: 'default',
    })),
  ];
  return {
    // Draft ids are unique in the database, so the card id is unique per app as WeCom requires of task_id.
    id: `custdup-${draftId}`,
    title: '可能已有这个客户',
    description: truncate(
      `你要新建「${draft.name}」（${draft.address}）。以下客户的名称或电话相近，请确认是否为同一客户：`,
      512,
    ),
    fields: shown.map(({ customer, ownerName }) => ({
      label: truncate(customer.name, 32),
      value: truncate(
        [
          customer.address ?? '无地址',
          `负责人 ${ownerName ?? '无（公海）'}`,
          customer.phoneNormalized ? maskPhone(customer.phoneNormalized) : null,
        ]
          .filter(Boolean)
          .join(' · '),
        256,
      ),
    })),
    buttons,
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
