import { approvalSettingsSchema } from '../../../domain/approval/approval-settings';
import { dueEscalations, type OrgSnapshot } from '../../../domain/approval';
import { escalationKeyOf, escalationNotices } from '../../../jobs/approval-escalation.notices';
import { CEO, hoursAfter, leave, MANAGER, ORG, REP, requestOf, submitted } from './helpers';

const NAMES: Record<number, string> = { 1: '王总', 2: '周总', 4: '李四', [REP]: '张三' };
const nameOf = (id: number) => NAMES[id] ?? `#${id}`;

/** 张三 (rep 10) asks for leave as request #12; 李四 (4) is the 直属主管, 周总 (2) the one above. */
const state = submitted(requestOf(leave('2026-11-25', '2026-11-26'), REP, { id: '12' }), [MANAGER]);
const dueAt = (hours: number, limitHours = 24) => {
  const [escalation] = dueEscalations(state, hoursAfter(hours), limitHours);
  if (!escalation) throw new Error(`nothing due at ${hours} h`);
  return escalation;
};

describe('escalationNotices', () => {
  it('reminds the approver at level 1, with the commands to decide', () => {
    expect(escalationNotices({ state, escalation: dueAt(25), limitHours: 24, org: ORG, nameOf })).toEqual([
      {
        recipientId: 4,
        idempotencyKey: 'apr-esc:12:1:manager:4:1:4',
        text: '⏰ 张三的请假申请 #12 已等待你审批超过24小时，请尽快处理：回复「同意 12」或「驳回 12 原因」。',
      },
    ]);
  });

  it("tells the approver's manager at level 2, naming the step and the approver", () => {
    expect(escalationNotices({ state, escalation: dueAt(49), limitHours: 24, org: ORG, nameOf })).toEqual([
      {
        recipientId: 2,
        idempotencyKey: 'apr-esc:12:1:manager:4:2:2',
        text: '⚠ 张三的请假申请 #12 在「直属主管」李四处已超过48小时未处理，请督促或代为协调。',
      },
    ]);
  });

  it("counts the hours from the tenant's limit", () => {
    const [notice] = escalationNotices({ state, escalation: dueAt(9, 4), limitHours: 4, org: ORG, nameOf });
    expect(notice?.text).toBe(
      '⚠ 张三的请假申请 #12 在「直属主管」李四处已超过8小时未处理，请督促或代为协调。',
    );
  });

  it('sends one message per admin, each under its own key, when the approver has nobody above', () => {
    const org: OrgSnapshot = {
      ...ORG,
      users: [...ORG.users, { id: 21, departmentId: null, roles: ['admin'] }],
    };
    const ceoStep = submitted(
      requestOf(leave('2026-11-25', '2026-11-26'), REP, { id: '12' }),
      [CEO],
      {},
      org,
    );
    const [escalation] = dueEscalations(ceoStep, hoursAfter(48));
    if (!escalation) throw new Error('nothing due');
    const notices = escalationNotices({ state: ceoStep, escalation, limitHours: 24, org, nameOf });
    expect(notices.map((n) => [n.recipientId, n.idempotencyKey])).toEqual([
      [20, 'apr-esc:12:1:ceo:1:2:20'],
      [21, 'apr-esc:12:1:ceo:1:2:21'],
    ]);
    expect(new Set(notices.map((n) => n.text))).toEqual(
      new Set(['⚠ 张三的请假申请 #12 在「总经理」王总处已超过48小时未处理，请督促或代为协调。']),
    );
  });
});

describe('escalationKeyOf', () => {
  it('differs by round, so a resubmitted request is escalated afresh', () => {
    const escalation = dueAt(25);
    expect(escalationKeyOf({ ...state, round: 2 }, escalation, 4)).toBe('apr-esc:12:2:manager:4:1:4');
    expect(escalationKeyOf(state, escalation, 4)).not.toBe(
      escalationKeyOf({ ...state, round: 2 }, escalation, 4),
    );
  });
});

describe('approvalSettingsSchema', () => {
  it('defaults to 24 h and takes whole hours from 1 to 720', () => {
    expect(approvalSettingsSchema.parse({})).toEqual({ escalationHours: 24 });
    expect(approvalSettingsSchema.parse({ escalationHours: 4, other: true })).toEqual({ escalationHours: 4 });
    expect(approvalSettingsSchema.safeParse({ escalationHours: 0 }).success).toBe(false);
    expect(approvalSettingsSchema.safeParse({ escalationHours: 1.5 }).success).toBe(false);
    expect(approvalSettingsSchema.safeParse({ escalationHours: 721 }).success).toBe(false);
  });
});
