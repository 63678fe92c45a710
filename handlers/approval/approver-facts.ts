import { describeForm } from '../../cards/approval.card';
import { findClash } from '../../domain/approval/clash';
import { LEAVE_TYPE_LABELS } from '../../domain/approval/leave';
import { REQUEST_TYPE_LABELS } from '../../domain/approval/request-forms';
import { REQUEST_STATUS_LABELS, type ApprovalState } from '../../domain/approval/state';
import type { CardField } from '../../domain/messages/reply';
import { displayName } from '../../domain/org/user';
import type { HandlerContext } from '../context';
import { balancesOf } from './leave-balance.handler';

/** Colleagues whose time away is compared: a department larger than this is not read person by person. */
const MAX_COLLEAGUES = 50;

/** 「审批后剩余 3 天（额度 5 天，已用 1 天）」 for leave of a type with a balance. */
async function balanceAfter(ctx: HandlerContext, state: ApprovalState): Promise<CardField[]> {
  const { form, requesterId, id } = state.request;
  if (form.type !== 'leave') return [];
  const year = form.start.date.slice(0, 4);
  const balance = (await balancesOf(ctx, requesterId, year, id)).find((b) => b.leaveType === form.leaveType);
  if (!balance) return [];
  const after = balance.remaining - form.days;
  const held = `额度 ${balance.quota} 天，已用 ${balance.used} 天${balance.pending ? `，其他审批中 ${balance.pending} 天` : ''}`;
  return [
    {
      label: `${LEAVE_TYPE_LABELS[form.leaveType]}余额`,
      value: after >= 0 ? `审批后剩余 ${after} 天（${held}）` : `超出余额 ${-after} 天（${held}）`,
    },
  ];
}

/** The requester's own pending or approved time away overlapping this request, and colleagues' in the same department. */
async function clashes(ctx: HandlerContext, state: ApprovalState): Promise<CardField[]> {
  const { form, requesterId, departmentId, id } = state.request;
  const { tenantId } = ctx.user;
  const types = ['leave', 'trip'] as const;
  const own = findClash(form, await ctx.stores.approvals.listStanding(tenantId, requesterId, types), id);
  const fields: CardField[] = own
    ? [
        {
          label: '时间冲突',
          value: `${REQUEST_TYPE_LABELS[own.request.form.type]} #${own.request.id} ${describeForm(own.request.form)}（${REQUEST_STATUS_LABELS[own.status]}）`,
        },
      ]
    : [];
  if (departmentId === null || (form.type !== 'leave' && form.type !== 'trip')) return fields;
  const colleagues = (await ctx.stores.people.findActiveInTenant(tenantId))
    .filter((u) => u.departmentId === departmentId && u.id !== requesterId)
    .slice(0, MAX_COLLEAGUES);
  const away: string[] = [];
  for (const colleague of colleagues) {
    const theirs = findClash(form, await ctx.stores.approvals.listStanding(tenantId, colleague.id, types));
    if (theirs) away.push(`${displayName(colleague)}（${describeForm(theirs.request.form)}）`);
  }
  if (away.length > 0) fields.push({ label: '同部门同时段', value: away.join('；') });
  return fields;
}

/** What the decision may turn on, as WeCom 假勤 shows it: the balance after approval and any clash. */
export async function approverFacts(ctx: HandlerContext, state: ApprovalState): Promise<CardField[]> {
  return [...(await balanceAfter(ctx, state)), ...(await clashes(ctx, state))].map((f) => ({
    label: f.label.slice(0, 32),
    value: f.value.slice(0, 256),
  }));
}
