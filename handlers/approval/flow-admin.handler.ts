import {
  flowDefinitionSchema,
  type ApproverSpec,
  type FlowDefinition,
} from '../../domain/approval/flow-definition';
import {
  formatFlowText,
  parseFlowText,
  stepIdFor,
  type TypedApprover,
} from '../../domain/approval/flow-grammar';
import { REQUEST_TYPE_LABELS, REQUEST_TYPES, type RequestType } from '../../domain/approval/request-forms';
import { findPeopleNamed } from '../../domain/org/role-assignment';
import { displayName, ROLE_LABELS, type Role, type UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { defaultFlowOrNull } from './default-flows';

const USAGE = [
  '审批流 [类型]｜审批流 <类型> <步骤> > <步骤> [抄送 <人>]｜审批流 <类型> 默认',
  '审批流 报销 直属主管 > 二级主管[金额>5000] > 角色:审批人 抄送 王五',
] as const;

/** The request types an admin can route by chat (custom forms get theirs with the form). */
const CHAT_TYPES = REQUEST_TYPES.filter((t): t is Exclude<RequestType, 'custom'> => t !== 'custom');
const TYPE_BY_LABEL = new Map(CHAT_TYPES.map((t) => [REQUEST_TYPE_LABELS[t], t]));

async function peopleNames(ctx: HandlerContext): Promise<(userId: number) => string> {
  const people = await ctx.stores.people.findActiveInTenant(ctx.user.tenantId);
  const names = new Map(people.map((p) => [p.id, displayName(p)]));
  return (id) => names.get(id) ?? `#${id}`;
}

async function describeFlows(ctx: HandlerContext, types: RequestType[]): Promise<string> {
  const nameOf = await peopleNames(ctx);
  const lines: string[] = [];
  for (const type of types) {
    const own = await ctx.stores.approvalFlows.flowFor(ctx.user.tenantId, type);
    const flow = own ?? defaultFlowOrNull(type);
    const source = own ? `第${own.version}版` : '默认';
    lines.push(
      `${REQUEST_TYPE_LABELS[type]}（${flow ? source : '未设置'}）：${flow ? formatFlowText(flow, nameOf) : '—'}`,
    );
  }
  return lines.join('\n');
}

/** A named colleague becomes a user id; null with the reason when the name finds nobody or several. */
function resolveApprover(approver: TypedApprover, people: readonly UserProfile[]): ApproverSpec | string {
  if (approver.kind !== 'person') return approver;
  const matches = findPeopleNamed(people, approver.name);
  if (matches.length === 1) return { kind: 'user', userId: (matches[0] as UserProfile).id };
  return matches.length === 0
    ? `本单位没有找到「${approver.name}」，请检查姓名或改用用户ID`
    : `有${matches.length}位同事叫「${approver.name}」，请改用用户ID（${matches.map((p) => p.platformUserId).join('、')}）`;
}

function stepName(spec: ApproverSpec, people: readonly UserProfile[]): string {
  if (spec.kind === 'role') return ROLE_LABELS[spec.role as Role] ?? spec.role;
  if (spec.kind === 'user') {
    const person = people.find((p) => p.id === spec.userId);
    return person ? displayName(person).slice(0, 32) : `#${spec.userId}`;
  }
  return spec.levels === 1 ? '直属主管' : spec.levels === 2 ? '二级主管' : `${spec.levels}级主管`;
}

async function audit(
  ctx: HandlerContext,
  type: RequestType,
  before: FlowDefinition | null,
  after: FlowDefinition | null,
  msgId: string,
): Promise<void> {
  await ctx.stores.auditLog.append({
    tenantId: ctx.user.tenantId,
    actorUserId: ctx.user.id,
    action: 'approval.flow.set',
    subject: `flow:${type} msg:${msgId}`.slice(0, 128),
    before,
    after,
    at: ctx.now,
  });
}

/**
 * Admins read and set 审批流 in chat. A new definition is a new version; requests already filed keep the
 * steps they were routed with, so a change only affects what is filed after it.
 */
export const approvalFlowHandler: Handler<'text'> = async (event, ctx) => {
  const [typeWord, ...rest] = argumentsOf(event.text);
  if (!typeWord) return { kind: 'text', text: `当前审批流：\n${await describeFlows(ctx, CHAT_TYPES)}` };
  const type = TYPE_BY_LABEL.get(typeWord);
  if (!type) throw malformed(event.text, ...USAGE);
  if (rest.length === 0) return { kind: 'text', text: await describeFlows(ctx, [type]) };

  const { tenantId } = ctx.user;
  const current = await ctx.stores.approvalFlows.flowFor(tenantId, type);
  if (rest.length === 1 && rest[0] === '默认') {
    await ctx.stores.approvalFlows.setFlow(tenantId, type, null, ctx.now);
    await audit(ctx, type, current, null, event.msgId);
    return {
      kind: 'text',
      text: `${REQUEST_TYPE_LABELS[type]}审批流已恢复默认：\n${await describeFlows(ctx, [type])}`,
    };
  }

  const typed = parseFlowText(rest.join(' '));
  if (!typed.ok) return { kind: 'text', text: `${typed.problem}。\n格式：${USAGE[0]}\n例如：${USAGE[1]}` };
  const people = await ctx.stores.people.findActiveInTenant(tenantId);
  const taken = new Set<string>();
  const steps = [];
  for (const step of typed.flow.steps) {
    const approver = resolveApprover(step.approver, people);
    if (typeof approver === 'string') return { kind: 'text', text: `${approver}。` };
    steps.push({
      id: stepIdFor(approver, taken),
      name: stepName(approver, people),
      approver,
      mode: step.mode,
      when: step.when,
    });
  }
  const cc: ApproverSpec[] = [];
  for (const spec of typed.flow.cc) {
    const approver = resolveApprover(spec, people);
    if (typeof approver === 'string') return { kind: 'text', text: `${approver}。` };
    cc.push(approver);
  }
  const base = current ?? defaultFlowOrNull(type);
  const flow = flowDefinitionSchema.parse({
    id: `tenant-${type}`,
    name: `${REQUEST_TYPE_LABELS[type]}审批`,
    version: (base?.version ?? 0) + 1,
    steps,
    cc,
    noApprover: base?.noApprover,
    resubmitFrom: base?.resubmitFrom,
  });
  await ctx.stores.approvalFlows.setFlow(tenantId, type, flow, ctx.now);
  await audit(ctx, type, current, flow, event.msgId);
  const nameOf = await peopleNames(ctx);
  return {
    kind: 'text',
    text: `${REQUEST_TYPE_LABELS[type]}审批流已更新为第${flow.version}版：${formatFlowText(flow, nameOf)}\n之后提交的申请按新流程审批，已提交的不受影响。`,
  };
};
