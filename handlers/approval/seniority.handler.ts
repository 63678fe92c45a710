import {
  annualLeaveBySeniority,
  describeSeniorityTiers,
  yearsOfService,
  type SeniorityTier,
} from '../../domain/approval/seniority';
import { localDateOf } from '../../domain/attendance/calendar';
import { displayName } from '../../domain/org/user';
import { changeSettings } from '../attendance/attendance-settings.handler';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { onePersonNamed } from '../person-argument';

const HIRE_USAGE = ['设置入职日期 <姓名或用户ID> <YYYY-MM-DD>', '设置入职日期 张三 2016-03-01'] as const;
const RULE_USAGE = ['年假规则 [<N>年<天数>天 …]', '年假规则 0年0天 1年5天 10年10天 20年15天'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIER = /^(\d{1,2})年(\d{1,3}(?:\.5)?)天$/;

function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** 设置入职日期 张三 2016-03-01: an admin sets a hire date, audited; 年假 then follows the seniority rule. */
export const setHireDateHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const date = args.at(-1) ?? '';
  const query = args.slice(0, -1).join(' ');
  if (!query || !isRealDate(date)) throw malformed(event.text, ...HIRE_USAGE);
  const { tenantId } = ctx.user;
  const settings = await ctx.stores.attendanceSettings.read(tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  if (date > today)
    return { kind: 'text', text: `入职日期 ${date} 还没到。请填写已经入职的日期，例如：${HIRE_USAGE[1]}` };
  const found = await onePersonNamed(ctx, query);
  if ('reply' in found) return found.reply;
  const { person } = found;
  const before = await ctx.stores.hireDates.setHireDate(tenantId, person.id, date);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'user.hire_date.set',
    subject: `user:${person.id}:${person.platformUserId}`,
    before: { hiredOn: before },
    after: { hiredOn: date },
    at: ctx.now,
  });
  const year = today.slice(0, 4);
  const days = annualLeaveBySeniority(settings.leaveBalance.annualBySeniority, date, year, today);
  return {
    kind: 'text',
    text: `已设置 ${displayName(person)} 入职日期 ${date}${before ? `（原为 ${before}）` : ''}：工龄 ${yearsOfService(date, today)} 年，按年假规则 ${year}年年假 ${days} 天（如已用「设置假期」单独设置，以单独设置为准）。`,
  };
};

/** 年假规则: shows the seniority tiers; with tiers (年假规则 0年0天 1年5天 …) an admin replaces them, audited. */
export const annualLeaveRuleHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length === 0) {
    const { leaveBalance } = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
    return {
      kind: 'text',
      text: `年假规则（按工龄）：${describeSeniorityTiers(leaveBalance.annualBySeniority)}。修改请发送：${RULE_USAGE[1]}`,
    };
  }
  const tiers: SeniorityTier[] = [];
  for (const arg of args) {
    const m = TIER.exec(arg);
    if (!m) throw malformed(event.text, ...RULE_USAGE);
    tiers.push({ minYears: Number(m[1]), days: Number(m[2]) });
  }
  // Under the first tier typed, nobody gets any: 「1年5天 …」 means under a year is 0 days.
  if (!tiers.some((t) => t.minYears === 0)) tiers.push({ minYears: 0, days: 0 });
  const settings = await changeSettings(
    ctx,
    'attendance.annual_leave_rule.set',
    (s) => ({ ...s, leaveBalance: { ...s.leaveBalance, annualBySeniority: tiers } }),
    RULE_USAGE,
    event.text,
  );
  return {
    kind: 'text',
    text: `已更新年假规则（按工龄）：${describeSeniorityTiers(settings.leaveBalance.annualBySeniority)}。`,
  };
};
