import { z } from 'zod';
import type { CustomerRecord } from '../domain/field/customer';
import type { Card } from '../domain/messages/reply';

/**
 * When a command's customer name matches several customers: one button per customer, `cpick:<choice>:<customer>`.
 * The command waits as a stored choice, so the key carries ids only.
 */
const ACTION_PATTERN = /^cpick:(\d{1,12}):(\d{1,12})$/;

export const customerChoiceActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, choiceId, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return { choiceId: Number(choiceId), customerId: Number(customerId) };
  });

export function isCustomerChoiceActionKey(key: string): boolean {
  return key.startsWith('cpick:');
}

export function buildCustomerChoiceCard(input: {
  cardId: string;
  choiceId: number;
  /** The held command as the user typed it, quoted back so the card says what the pick is for. */
  commandText: string;
  query: string;
  customers: ReadonlyArray<{ customer: CustomerRecord; ownerName: string }>;
}): Card {
  return {
    id: input.cardId,
    title: `「${input.query}」对应${input.customers.length}个客户`.slice(0, 128),
    description: `「${input.commandText}」说的是哪个客户？`.slice(0, 256),
    fields: input.customers.slice(0, 6).map(({ customer, ownerName }) => ({
      label: customer.name.slice(0, 32),
      value: `${customer.address ?? '无地址'} · 负责人 ${ownerName}`.slice(0, 256),
    })),
    buttons: input.customers.slice(0, 6).map(({ customer }) => ({
      type: 'action' as const,
      label: customer.name.length > 14 ? `${customer.name.slice(0, 13)}…` : customer.name,
      key: `cpick:${input.choiceId}:${customer.id}`,
      style: 'default' as const,
    })),
  };
}
