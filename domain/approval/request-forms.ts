import { z } from 'zod';
import { wallTimeSchema } from '../attendance/settings';
import { PUNCH_KINDS } from '../attendance/shift';
import type { FormValues } from './custom-form';
import {
  checkLeaveSpan,
  countLeaveDays,
  leaveDayCounter,
  leaveSpanShape,
  LEAVE_TYPES,
  formDateSchema,
  type LeaveDate,
} from './leave';

/**
 * What a person asks approval for. The built-in forms enter from chat and cards through these schemas
 * (Chinese messages: the requester reads them); a custom form is validated by its definition (custom-form.ts).
 */

export const REQUEST_TYPES = [
  'leave',
  'expense',
  'trip',
  'discount',
  'return',
  'pool_extension',
  'makeup_punch',
  'outing',
  'overtime',
  'custom',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  leave: '请假',
  expense: '报销',
  trip: '出差',
  discount: '折扣',
  return: '退货',
  pool_extension: '公海延期',
  makeup_punch: '补卡',
  outing: '外出',
  overtime: '加班',
  custom: '审批',
};

export const leaveFormSchema = z
  .object({
    type: z.literal('leave'),
    leaveType: z.enum(LEAVE_TYPES, { error: '请选择假期类型，如年假、病假、事假' }),
    ...leaveSpanShape,
    reason: z.string().trim().max(500, '事由不能超过500字').default(''),
  })
  .superRefine(checkLeaveSpan);
export type LeaveFormInput = z.infer<typeof leaveFormSchema>;
/** A leave as submitted: `days` and `dates` are counted once, on the calendar of the day it was filed. */
export type LeaveForm = LeaveFormInput & { days: number; dates: LeaveDate[] };

/** 单笔报销上限 ¥10,000,000: anything larger is a typing mistake. */
export const MAX_EXPENSE_FEN = 1_000_000_000;

export const expenseFormSchema = z.object({
  type: z.literal('expense'),
  amountFen: z
    .number({ error: '请填写报销金额' })
    .int('金额最多精确到分')
    .positive('报销金额必须大于0')
    .max(MAX_EXPENSE_FEN, '报销金额过大，请核对'),
  /** 交通费, 餐费, 住宿费 … tenants name their own categories. */
  category: z.string({ error: '请填写报销类别，如交通费' }).trim().min(1, '请填写报销类别，如交通费').max(32),
  note: z.string().trim().max(500, '说明不能超过500字').default(''),
  receiptPhotoKeys: z.array(z.string().min(1)).max(9, '最多9张票据照片').default([]),
});
export type ExpenseForm = z.infer<typeof expenseFormSchema>;

export const tripFormSchema = z
  .object({
    type: z.literal('trip'),
    destination: z.string({ error: '请填写出差地点' }).trim().min(1, '请填写出差地点').max(64),
    start: formDateSchema,
    end: formDateSchema,
    reason: z.string().trim().max(500, '事由不能超过500字').default(''),
  })
  .refine((t) => t.end >= t.start, { path: ['end'], message: '结束日期不能早于开始日期' });
export type TripForm = z.infer<typeof tripFormSchema>;

export const discountFormSchema = z
  .object({
    type: z.literal('discount'),
    orderId: z.number().int().positive(),
    orderAmountFen: z.number().int().positive(),
    /** `percent_off` 15 is 八五折 (the customer pays 85 %); `amount_off` takes a fixed sum off. */
    discount: z.discriminatedUnion('mode', [
      z.object({
        mode: z.literal('percent_off'),
        percentOff: z.number().gt(0, '折扣必须大于0').lt(100, '折扣必须小于100%'),
      }),
      z.object({ mode: z.literal('amount_off'), amountFen: z.number().int().positive('优惠金额必须大于0') }),
    ]),
  })
  .refine((d) => d.discount.mode !== 'amount_off' || d.discount.amountFen < d.orderAmountFen, {
    path: ['discount', 'amountFen'],
    message: '优惠金额必须小于订单金额',
  });
export type DiscountForm = z.infer<typeof discountFormSchema>;

/** 退货: goods of a shipped order coming back; approved, `amountFen` is credited (domain/orders/returns.ts). */
export const returnFormSchema = z.object({
  type: z.literal('return'),
  returnId: z.number().int().positive(),
  orderId: z.number().int().positive(),
  customerName: z.string().min(1).max(128),
  amountFen: z.number().int().nonnegative(),
  /** 「A100 路由器×2」 each, as the approver reads them. */
  items: z.array(z.string().min(1).max(80)).min(1).max(50),
  reason: z.string().trim().max(200, '退货原因不能超过200字').default(''),
});
export type ReturnForm = z.infer<typeof returnFormSchema>;

/** 申请延期 from the 公海预警 card: keep a customer `days` longer before it returns to the pool. */
export const poolExtensionFormSchema = z.object({
  type: z.literal('pool_extension'),
  customerId: z.number().int().positive(),
  customerName: z.string().min(1).max(128),
  days: z.number().int().min(1).max(90),
  /** The local date it would return to the pool when the request was filed. */
  recycleDate: formDateSchema,
});
export type PoolExtensionForm = z.infer<typeof poolExtensionFormSchema>;

/** 补卡: a forgotten 上班 or 下班 punch of `date`, at `time` (typed, or the scheduled one when not). */
export const makeUpPunchFormSchema = z.object({
  type: z.literal('makeup_punch'),
  date: formDateSchema,
  kind: z.enum(PUNCH_KINDS, { error: '请说明补上班卡还是下班卡' }),
  time: wallTimeSchema,
  reason: z.string().trim().max(500, '事由不能超过500字').default(''),
});
export type MakeUpPunchForm = z.infer<typeof makeUpPunchFormSchema>;

/** 外出: out of the office for part of `date`, from `from` to `to` ('HH:MM'). */
export const outingFormSchema = z
  .object({
    type: z.literal('outing'),
    date: formDateSchema,
    from: wallTimeSchema,
    to: wallTimeSchema,
    reason: z.string().trim().max(500, '事由不能超过500字').default(''),
  })
  .refine((o) => o.to > o.from, { path: ['to'], message: '结束时间应晚于开始时间' });
export type OutingForm = z.infer<typeof outingFormSchema>;

/** 加班: `minutes` of overtime on `date` (a workday evening or a rest day), from–to when given. */
export const overtimeFormSchema = z.object({
  type: z.literal('overtime'),
  date: formDateSchema,
  minutes: z
    .number()
    .int()
    .min(30, '加班至少半小时')
    .max(24 * 60, '一天最多加班24小时'),
  span: z.object({ from: wallTimeSchema, to: wallTimeSchema }).nullable().default(null),
  reason: z.string().trim().max(500, '事由不能超过500字').default(''),
});
export type OvertimeForm = z.infer<typeof overtimeFormSchema>;

/** A custom form as submitted: values validated against `formVersion` of its definition. */
export interface CustomForm {
  type: 'custom';
  formId: string;
  formVersion: number;
  /** The form's name and its answers as the requester saw them, so approvers read them as filed. */
  formName: string;
  lines: Array<{ label: string; value: string }>;
  values: FormValues;
  /** Read from the definition's amount field at submission (`formAmountFen`). */
  amountFen: number | null;
}

export type RequestForm =
  | LeaveForm
  | ExpenseForm
  | TripForm
  | DiscountForm
  | ReturnForm
  | PoolExtensionForm
  | MakeUpPunchForm
  | OutingForm
  | OvertimeForm
  | CustomForm;

export interface ApprovalRequest {
  id: string;
  requesterId: number;
  /** The department the requester filed from: routing follows it, not wherever they sit later. */
  departmentId: number | null;
  form: RequestForm;
}

export function buildLeaveForm(input: LeaveFormInput, isWorkday: (date: string) => boolean): LeaveForm {
  return { ...input, ...countLeaveDays(input, leaveDayCounter(input.leaveType, isWorkday)) };
}

/** The fen a discount takes off its order, rounded to the fen. */
export function discountAmountFen(form: DiscountForm): number {
  const { discount, orderAmountFen } = form;
  return discount.mode === 'amount_off'
    ? discount.amountFen
    : Math.round((orderAmountFen * discount.percentOff) / 100);
}

const DAY_MS = 86_400_000;

/** What `request_type` conditions match: the built-in type, or `custom:<formId>`. */
export function requestTypeKey(form: RequestForm): string {
  return form.type === 'custom' ? `custom:${form.formId}` : form.type;
}

/** The amount that amount conditions compare (fen), or null for a request that has none. */
export function requestAmountFen(form: RequestForm): number | null {
  switch (form.type) {
    case 'expense':
      return form.amountFen;
    case 'discount':
      return discountAmountFen(form);
    case 'return':
      return form.amountFen;
    case 'custom':
      return form.amountFen;
    default:
      return null;
  }
}

/** The days that day conditions compare: leave days as counted, trip days inclusive; null otherwise. */
export function requestDays(form: RequestForm): number | null {
  if (form.type === 'leave') return form.days;
  if (form.type !== 'trip') return null;
  return (Date.parse(form.end) - Date.parse(form.start)) / DAY_MS + 1;
}
