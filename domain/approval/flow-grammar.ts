import { ROLE_LABELS, type Role } from '../org/user';
import type { ApproverSpec, Comparison, FlowDefinition, StepCondition } from './flow-definition';
import { formatYuan } from './money';

/**
 * 审批流 as an admin types it in chat, and back:
 *
 *   直属主管 > 二级主管[金额>5000] > 角色:审批人(会签) 抄送 王五,角色:管理员
 *
 * Steps are separated by `>`; a step is an approver with an optional (会签|或签) and [conditions]
 * joined by `,` (金额 in yuan, 天数). Approvers: 直属主管 / 主管 (one level up), 二级主管 / 上级主管 /
 * N级主管, 角色:<role label>, or a colleague's name or user id (the handler resolves it).
 */

/** A step as typed: a named person is resolved to a user id by the handler. */
export type TypedApprover = Exclude<ApproverSpec, { kind: 'user' }> | { kind: 'person'; name: string };

export interface TypedStep {
  approver: TypedApprover;
  mode: 'all' | 'any';
  when: StepCondition[];
}

export interface TypedFlow {
  steps: TypedStep[];
  cc: TypedApprover[];
}

export type FlowGrammarResult = { ok: true; flow: TypedFlow } | { ok: false; problem: string };

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const MODE_WORDS: Record<string, 'all' | 'any'> = { 会签: 'all', 或签: 'any' };
const CONDITION = /^(金额|天数)(>=|<=|>|<)(\d{1,9}(?:\.\d{1,2})?)$/;
const STEP = /^([^([]+?)\s*(?:\((会签|或签)\))?\s*(?:\[([^\]]*)\])?$/;
const FULL_WIDTH: Record<string, string> = {
  '＞': '>',
  '》': '>',
  '＜': '<',
  '＝': '=',
  '（': '(',
  '）': ')',
  '【': '[',
  '】': ']',
  '，': ',',
  '：': ':',
};

/** Phones type full-width punctuation; the grammar reads the ASCII forms. */
function toHalfWidth(text: string): string {
  return text.replace(/[＞》＜＝（）【】，：]/g, (c) => FULL_WIDTH[c] ?? c);
}

/** Splits on `>` between steps, not on the `>` of a condition such as [金额>5000]. */
function splitSteps(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '[') depth++;
    if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '>' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseApprover(word: string): TypedApprover | string {
  const text = word.trim();
  if (text === '直属主管' || text === '主管') return { kind: 'manager', levels: 1 };
  if (text === '上级主管') return { kind: 'manager', levels: 2 };
  const levels = /^(\d{1,2}|[一二两三四五])级主管$/.exec(text);
  if (levels?.[1]) {
    const n = CHINESE_DIGITS[levels[1]] ?? Number(levels[1]);
    return n >= 1 && n <= 10 ? { kind: 'manager', levels: n } : `主管层级只能是1到10：${text}`;
  }
  const role = /^角色:(.+)$/.exec(text);
  if (role?.[1]) {
    const found = (Object.entries(ROLE_LABELS) as Array<[Role, string]>).find(([, l]) => l === role[1]);
    return found
      ? { kind: 'role', role: found[0] }
      : `没有「${role[1]}」这个角色，可用：${Object.values(ROLE_LABELS).join('、')}`;
  }
  if (!text || /[<>[\]()]/.test(text)) return `看不懂审批人「${text}」`;
  return { kind: 'person', name: text };
}

function parseCondition(text: string): StepCondition | string {
  const m = CONDITION.exec(text.replace(/\s+/g, ''));
  if (!m) return `看不懂条件「${text}」，例如 金额>5000 或 天数>=3`;
  const op = m[2] as Comparison;
  const value = m[3] as string;
  if (m[1] === '天数') return { kind: 'days', op, days: Number(value) };
  const [yuan, cents = ''] = value.split('.');
  return { kind: 'amount', op, fen: Number(yuan) * 100 + Number(cents.padEnd(2, '0')) };
}

function parseStep(text: string): TypedStep | string {
  const m = STEP.exec(text.trim());
  if (!m?.[1]) return `看不懂步骤「${text.trim()}」`;
  const approver = parseApprover(m[1]);
  if (typeof approver === 'string') return approver;
  const when: StepCondition[] = [];
  for (const part of (m[3] ?? '').split(',').filter((p) => p.trim())) {
    const condition = parseCondition(part.trim());
    if (typeof condition === 'string') return condition;
    when.push(condition);
  }
  return { approver, mode: MODE_WORDS[m[2] ?? '或签'] ?? 'any', when };
}

/** Parses the text after the request type, e.g. `直属主管 > 角色:审批人 抄送 王五`. */
export function parseFlowText(text: string): FlowGrammarResult {
  const [stepsText = '', ccText = ''] = toHalfWidth(text).split(/\s*抄送\s*/, 2);
  const steps: TypedStep[] = [];
  for (const part of splitSteps(stepsText)) {
    const step = parseStep(part);
    if (typeof step === 'string') return { ok: false, problem: step };
    steps.push(step);
  }
  if (steps.length === 0) return { ok: false, problem: '至少要有一个审批步骤' };
  if (steps.length > 20) return { ok: false, problem: '审批步骤最多20个' };
  const cc: TypedApprover[] = [];
  for (const part of ccText.split(/[,、]/).filter((p) => p.trim())) {
    const approver = parseApprover(part);
    if (typeof approver === 'string') return { ok: false, problem: approver };
    cc.push(approver);
  }
  return { ok: true, flow: { steps, cc } };
}

const LEVEL_NAMES: Record<number, string> = { 1: '直属主管', 2: '二级主管' };

function formatApprover(spec: ApproverSpec, nameOf: (userId: number) => string): string {
  switch (spec.kind) {
    case 'manager':
      return LEVEL_NAMES[spec.levels] ?? `${spec.levels}级主管`;
    case 'role':
      return `角色:${ROLE_LABELS[spec.role as Role] ?? spec.role}`;
    case 'user':
      return nameOf(spec.userId);
  }
}

function formatCondition(condition: StepCondition): string {
  switch (condition.kind) {
    case 'amount':
      return `金额${condition.op}${formatYuan(condition.fen).replace(/[¥,]/g, '').replace(/\.00$/, '')}`;
    case 'days':
      return `天数${condition.op}${condition.days}`;
    case 'request_type':
      return `类型:${condition.types.join('/')}`;
    case 'department':
      return `部门:${condition.departmentIds.join('/')}`;
  }
}

/** The flow in the same grammar the admin types (conditions the chat cannot set are shown, not lost). */
export function formatFlowText(flow: FlowDefinition, nameOf: (userId: number) => string): string {
  const steps = flow.steps.map((step) => {
    const mode = step.mode === 'all' ? '(会签)' : '';
    const when = step.when.length ? `[${step.when.map(formatCondition).join(',')}]` : '';
    return `${formatApprover(step.approver, nameOf)}${mode}${when}`;
  });
  const cc = flow.cc.map((spec) => formatApprover(spec, nameOf));
  return `${steps.join(' > ')}${cc.length ? ` 抄送 ${cc.join(',')}` : ''}`;
}

/** Step ids stay stable for the same approver, so resubmission "from the rejected step" still finds it. */
export function stepIdFor(approver: ApproverSpec, taken: Set<string>): string {
  const base =
    approver.kind === 'manager'
      ? approver.levels === 1
        ? 'manager'
        : `manager${approver.levels}`
      : approver.kind === 'role'
        ? `role_${approver.role}`
        : `user_${approver.userId}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}
