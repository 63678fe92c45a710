import { z } from 'zod';
import type { FieldCustomer } from '../domain/field/customer-pool';
import type { Card, CardButton } from '../domain/messages/reply';

/**
 * 「拜访 华为」 matching several customers: a card to choose which. The tap carries the command and the
 * customer id (`pick:<verb>:<customerId>`); the id is checked against the tapper's scope again.
 */
export const PICK_VERBS = ['visit', 'claim', 'release', 'history'] as const;
export type PickVerb = (typeof PICK_VERBS)[number];
export const PICK_VERB_LABELS: Record<PickVerb, string> = {
  visit: '拜访',
  claim: '领取',
  release: '释放',
  history: '拜访记录',
};

const ACTION_PATTERN = /^pick:(visit|claim|release|history):(\d{1,12})$/;

export const customerPickSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, verb, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return { verb: verb as PickVerb, customerId: Number(customerId) };
  });

export function isCustomerPickKey(key: string): boolean {
  return key.startsWith('pick:');
}

export const MAX_CHOICES = 5;

export function buildCustomerChoiceCard(input: {
  cardId: string;
  verb: PickVerb;
  query: string;
  customers: readonly FieldCustomer[];
}): Card {
  const shown = input.customers.slice(0, MAX_CHOICES);
  return {
    id: input.cardId,
    title: `「${input.query}」对应${input.customers.length > MAX_CHOICES ? '多于' : ''}${shown.length}个客户`,
    description: `请选择要${PICK_VERB_LABELS[input.verb]}的客户：`,
    fields: shown
      .slice(0, 6)
      .map((c, i) => ({ label: `${i + 1}`, value: `${c.name} · ${c.address ?? '无地址'}`.slice(0, 120) })),
    buttons: shown.map((c, i): CardButton => ({
      type: 'action',
      label: `${i + 1}. ${truncate(c.name, 10)}`,
      key: `pick:${input.verb}:${c.id}`,
      style: 'default',
    })),
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
