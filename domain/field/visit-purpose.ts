import { visitPurposes, type VisitSettings } from './visit-settings';

/** 客户类别 of a visit: a prospect being developed, a customer new this period, or an existing one. */
export const CUSTOMER_TYPES = ['开发', '新增', '原有'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export function isCustomerType(value: string): value is CustomerType {
  return (CUSTOMER_TYPES as readonly string[]).includes(value);
}

export interface VisitKind {
  purpose: string | null;
  customerType: CustomerType | null;
}

/**
 * `拜访 华为深圳 收款 新增`: the purpose and customer type named after the customer, read from the end. A
 * word that is both (开发) is the purpose when it comes first or alone, the type when a purpose precedes it.
 * Returns the customer's words that are left.
 */
export function splitVisitKind(
  args: readonly string[],
  settings: Pick<VisitSettings, 'extraPurposes'>,
): VisitKind & { customerWords: string[] } {
  const purposes = visitPurposes(settings);
  const words = [...args];
  let customerType: CustomerType | null = null;
  let purpose: string | null = null;
  const last = words.at(-1);
  const beforeLast = words.at(-2);
  if (words.length > 2 && last && beforeLast && isCustomerType(last) && purposes.includes(beforeLast)) {
    customerType = last;
    purpose = beforeLast;
    words.splice(-2);
  } else if (words.length > 1 && last && purposes.includes(last)) {
    purpose = last;
    words.pop();
  } else if (words.length > 1 && last && isCustomerType(last)) {
    customerType = last;
    words.pop();
  }
  return { purpose, customerType, customerWords: words };
}
