import { z } from 'zod';
import { formatYuan } from '../domain/approval/money';
import { LEAVE_TYPE_LABELS } from '../domain/approval/leave';
import { PUNCH_KIND_LABELS } from '../domain/attendance/shift';
import { formatMinutes } from '../domain/attendance/format';
import {
  discountAmountFen,
  REQUEST_TYPE_LABELS,
  type OrderReviewForm,
  type RequestForm,
} from '../domain/approval/request-forms';
import { CREDIT_REASON_LABELS } from '../domain/orders/credit';
import { describeDiscount } from '../domain/orders/pricing';
import type { ApprovalState, StepState } from '../domain/approval/state';
import { DECISION_LABELS } from '../domain/approval/events';
import type { EarlierDecision } from '../domain/approval/history';
import { localDateOf, localTimeOf } from '../domain/attendance/calendar';
import type { Card, CardButton, CardField } from '../domain/messages/reply';

/**
 * The approval card an approver decides on. Button keys read `apr:<request>:<step>:<round>:<decision>`: the
 * round makes a card from before a resubmission stale instead of deciding the new round.
 */
const ACTION_PATTERN = /^apr:(\d{1,12}):([A-Za-z0-9_-]{1,32}):(\d{1,4}):(approve|reject)$/;

export const approvalActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, requestId, stepId, round, decision] = ACTION_PATTERN.exec(key) ?? [];
    return {
      requestId: Number(requestId),
      stepId: stepId as string,
      round: Number(round),
      decision: decision as 'approve' | 'reject',
    };
  });

export function isApprovalActionKey(key: string): boolean {
  return key.startsWith('apr:');
}

export function requestNumber(state: ApprovalState): number {
  return Number(state.request.id);
}

/** 「年假 11-25 至 11-26，共2天」 / 「交通费 ¥268.50」: one line that says what is asked. */
export function describeForm(form: RequestForm): string {
  switch (form.type) {
    case 'leave': {
      const span =
        form.start.date === form.end.date ? form.start.date : `${form.start.date} 至 ${form.end.date}`;
      return `${LEAVE_TYPE_LABELS[form.leaveType]} ${span}，共${form.days}天`;
    }
    case 'expense':
      return `${form.category} ${formatYuan(form.amountFen)}`;
    case 'trip':
      return `出差 ${form.destination} ${form.start} 至 ${form.end}`;
    case 'discount':
      return `订单 ${form.orderId} 原价 ${formatYuan(form.orderAmountFen)}，${describeDiscount(form.discount)}，优惠 ${formatYuan(discountAmountFen(form))}`;
    case 'return':
      return `订单 ${form.orderId}（${form.customerName}）退货 ${form.items.join('、')}，冲减 ${formatYuan(form.amountFen)}`;
    case 'order_review':
      return describeOrderReview(form);
    case 'pool_extension':
      return `客户「${form.customerName}」延期${form.days}天退回公海（原定 ${form.recycleDate}）`;
    case 'makeup_punch':
      return `补卡 ${form.date} ${PUNCH_KIND_LABELS[form.kind]} ${form.time}`;
    case 'outing':
      return `外出 ${form.date} ${form.from}-${form.to}`;
    case 'overtime':
      return `加班 ${form.date} ${form.span ? `${form.span.from}-${form.span.to}，` : ''}${formatMinutes(form.minutes)}`;
    case 'custom':
      return form.lines.map((l) => `${l.label}：${l.value}`).join('；');
  }
}

/** 「订单 12（华为深圳）应付 ¥60,000.00：超出信用额度、有逾期未回款；库存不足：A100 路由器 本单 10台，可用 5台」 */
function describeOrderReview(form: OrderReviewForm): string {
  const reasons = [
    ...(form.credit?.reasons ?? []).map((r) => CREDIT_REASON_LABELS[r]),
    ...(form.shortages.length > 0 ? ['超出库存'] : []),
  ];
  const shortages = form.shortages.map(
    (l) => `${l.code} ${l.name} 本单 ${l.qty}${l.unit}，可用 ${Math.max(0, l.available)}${l.unit}`,
  );
  return [
    `订单 ${form.orderId}（${form.customerName}）应付 ${formatYuan(form.orderAmountFen)}：${reasons.join('、')}`,
    ...(shortages.length > 0 ? [`库存不足：${shortages.join('；')}`] : []),
    ...(form.discountText ? [`折扣 ${form.discountText}`] : []),
  ].join('；');
}

/** The customer's exposure on a 超限订单 card: what the approver weighs, one figure a field. */
function exposureLines(form: OrderReviewForm): Array<{ label: string; value: string }> {
  const credit = form.credit;
  if (!credit) return [];
  return [
    { label: '信用额度', value: credit.limitFen === null ? '未设置' : formatYuan(credit.limitFen) },
    { label: '未回款', value: formatYuan(credit.openFen) },
    {
      label: '逾期',
      value:
        credit.overdueFen > 0 ? `${formatYuan(credit.overdueFen)}（最长 ${credit.overdueDays} 天）` : '无',
    },
    { label: '本单', value: formatYuan(credit.orderFen) },
    { label: '审批后占用', value: formatYuan(credit.afterFen) },
  ];
}

/** A custom form's first answers as card fields (a card holds six fields; the description has them all). */
function formLines(form: RequestForm): Array<{ label: string; value: string }> {
  if (form.type === 'order_review') return exposureLines(form);
  if (form.type !== 'custom') return [];
  return form.lines.slice(0, 5).map((l) => ({ label: l.label.slice(0, 32), value: l.value.slice(0, 256) }));
}

function reasonOf(form: RequestForm): string {
  if (
    form.type === 'leave' ||
    form.type === 'trip' ||
    form.type === 'makeup_punch' ||
    form.type === 'return' ||
    form.type === 'outing' ||
    form.type === 'overtime'
  )
    return form.reason;
  if (form.type === 'expense') return form.note;
  return '';
}

export function approvalTitle(state: ApprovalState, requesterName: string): string {
  const { form } = state.request;
  const what = form.type === 'custom' ? form.formName : `${REQUEST_TYPE_LABELS[form.type]}申请`;
  return `${requesterName}的${what} #${requestNumber(state)}`;
}

/** What an approver is shown beyond the request itself (handlers/approval/approver-view.ts gathers it). */
export interface ApproverContext {
  /** The earlier steps' decisions, with the approvers' names. */
  earlier: ReadonlyArray<EarlierDecision & { approverName: string }>;
  /** Facts the decision may turn on: the balance after approval, a clash with other time away. */
  facts: readonly CardField[];
  /** How many photos go with the request (sent after the card). */
  attachmentCount: number;
  timeZone: string;
}

/** 「直属主管 李四 同意（11-23 09:10）：路线合理」 */
function describeEarlier(d: ApproverContext['earlier'][number], timeZone: string): string {
  const when = `${localDateOf(d.at, timeZone).slice(5)} ${localTimeOf(d.at, timeZone)}`;
  return `${d.stepName} ${d.approverName} ${DECISION_LABELS[d.decision]}（${when}）${d.reason ? `：${d.reason}` : ''}`;
}

/** A card shows at most six fields (WeCom's limit); the first ones are what the decision turns on. */
const MAX_FIELDS = 6;

export function buildApprovalCard(input: {
  state: ApprovalState;
  step: StepState;
  approverId: number;
  requesterName: string;
  context?: ApproverContext;
}): Card {
  const { state, step, context } = input;
  const id = requestNumber(state);
  const key = (decision: 'approve' | 'reject') => `apr:${id}:${step.id}:${state.round}:${decision}`;
  const buttons: CardButton[] = [
    { type: 'action', label: '同意', key: key('approve'), style: 'primary' },
    { type: 'action', label: '驳回', key: key('reject'), style: 'danger' },
  ];
  const reason = reasonOf(state.request.form);
  return {
    id: `apr-${id}-${step.id}-${state.round}-${input.approverId}`,
    title: approvalTitle(state, input.requesterName),
    description: [
      describeForm(state.request.form),
      ...(context?.earlier.map((d) => describeEarlier(d, context.timeZone)) ?? []),
    ]
      .join('\n')
      .slice(0, 512),
    fields: [
      { label: '审批环节', value: `${step.name}${step.mode === 'all' ? '（会签）' : ''}` },
      ...(reason ? [{ label: '事由', value: reason.slice(0, 120) }] : []),
      ...(context?.facts ?? []),
      ...(context?.attachmentCount
        ? [{ label: '附件', value: `${context.attachmentCount}张照片（见下方）` }]
        : []),
      ...formLines(state.request.form),
    ].slice(0, MAX_FIELDS),
    buttons,
  };
}

/** The same card once this approver's part is done: no buttons, the outcome as its status. */
export function buildDecidedApprovalCard(input: {
  state: ApprovalState;
  step: StepState;
  approverId: number;
  requesterName: string;
  status: string;
  context?: ApproverContext;
}): Card {
  return { ...buildApprovalCard(input), buttons: [], status: input.status };
}
