import {
  approvedOvertimeMinutes,
  leaveBalance,
  type LeaveBalance,
} from '../../domain/approval/leave-balance';
import { annualLeaveBySeniority } from '../../domain/approval/seniority';
import { LEAVE_TYPE_LABELS, LEAVE_TYPES, type LeaveType } from '../../domain/approval/leave';
import type { LeaveForm } from '../../domain/approval/request-forms';
import { localDateOf } from '../../domain/attendance/calendar';
import { DomainError } from '../../domain/errors';
import { displayName } from '../../domain/org/user';
import { onePersonNamed } from '../person-argument';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';

const SET_USAGE = ['设置假期 <姓名或用户ID> <假期类型> <天数>', '设置假期 张三 年假 5天'] as const;
const TYPE_BY_LABEL = new Map(LEAVE_TYPES.map((t) => [LEAVE_TYPE_LABELS[t], t]));
const DAYS = /^(\d{1,3}(?:\.5)?)天?$/;

/** The balances of the types that have one for this person this year: a quota set, or 调休 earned. */
export async function balancesOf(
  ctx: HandlerContext,
  userId: number,
  year: string,
  ownId: string | null = null,
): Promise<LeaveBalance[]> {
  const { tenantId } = ctx.user;
  const attendance = await ctx.stores.attendanceSettings.read(tenantId);
  const settings = attendance.leaveBalance;
  const quotas = { ...(await ctx.stores.leaveQuotas.quotasOf(tenantId, userId, year)) };
  // A quota set by hand wins; otherwise 年假 follows the seniority rule for whoever has a hire date.
  const hiredOn = await ctx.stores.hireDates.hireDateOf(tenantId, userId);
  if (quotas.annual === undefined && hiredOn)
    quotas.annual = annualLeaveBySeniority(
      settings.annualBySeniority,
      hiredOn,
      year,
      localDateOf(ctx.now, attendance.timeZone),
    );
  const standing = await ctx.stores.approvals.listStanding(tenantId, userId, ['leave', 'overtime']);
  const earnedMinutes = settings.overtimeEarnsCompensatory ? approvedOvertimeMinutes(standing, year) : 0;
  return LEAVE_TYPES.filter(
    (t) => quotas[t] !== undefined || (t === 'compensatory' && settings.overtimeEarnsCompensatory),
  ).map((leaveType) =>
    leaveBalance({
      leaveType,
      year,
      quota: quotas[leaveType] ?? 0,
      standing,
      earnedMinutes,
      hoursPerDay: settings.hoursPerDay,
      ownId,
    }),
  );
}

/** Refuses (or, per setting, lets through) leave beyond the balance of a type that has one. */
export async function checkLeaveBalance(
  ctx: HandlerContext,
  form: LeaveForm,
  ownId: string | null,
): Promise<void> {
  const balance = (await balancesOf(ctx, ctx.user.id, form.start.date.slice(0, 4), ownId)).find(
    (b) => b.leaveType === form.leaveType,
  );
  if (!balance || form.days <= balance.remaining) return;
  const policy = (await ctx.stores.attendanceSettings.read(ctx.user.tenantId)).leaveBalance.policy;
  if (policy === 'refuse')
    throw new DomainError('approval.over_balance', {
      type: LEAVE_TYPE_LABELS[form.leaveType],
      days: form.days,
      remaining: balance.remaining,
    });
}

const describeBalance = (b: LeaveBalance) =>
  `- ${LEAVE_TYPE_LABELS[b.leaveType]}：剩余 **${b.remaining}** 天（额度 ${b.quota} 天，已用 ${b.used} 天${b.pending ? `，审批中 ${b.pending} 天` : ''}）`;

/** 假期余额: my balance per leave type this year. */
export const leaveBalanceHandler: Handler<'text'> = async (_event, ctx) => {
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const year = localDateOf(ctx.now, settings.timeZone).slice(0, 4);
  const balances = await balancesOf(ctx, ctx.user.id, year);
  if (balances.length === 0)
    return {
      kind: 'text',
      text: `${year}年还没有为你设置假期额度。请联系管理员（设置假期 <姓名> 年假 5天）。`,
    };
  return {
    kind: 'markdown',
    title: '假期余额',
    text: [`### ${year}年假期余额`, ...balances.map(describeBalance)].join('\n'),
  };
};

/** 设置假期 张三 年假 5天: an admin sets this year's quota of one type for one person, audited. */
export const setLeaveQuotaHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const days = DAYS.exec(args.at(-1) ?? '');
  const leaveType: LeaveType | undefined = TYPE_BY_LABEL.get(args.at(-2) ?? '');
  const query = args.slice(0, -2).join(' ');
  if (!days || !leaveType || !query) throw malformed(event.text, ...SET_USAGE);
  const { tenantId } = ctx.user;
  const found = await onePersonNamed(ctx, query);
  if ('reply' in found) return found.reply;
  const target = found.person;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const year = localDateOf(ctx.now, settings.timeZone).slice(0, 4);
  const quota = Number(days[1]);
  const before = await ctx.stores.leaveQuotas.setQuota(tenantId, target.id, year, leaveType, quota, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'leave.quota.set',
    subject: `user:${target.id}:${target.platformUserId}`,
    before: { year, leaveType, days: before },
    after: { year, leaveType, days: quota },
    at: ctx.now,
  });
  return {
    kind: 'text',
    text: `已设置 ${displayName(target)} ${year}年${LEAVE_TYPE_LABELS[leaveType]} ${quota} 天${before === null ? '' : `（原为 ${before} 天）`}。`,
  };
};
