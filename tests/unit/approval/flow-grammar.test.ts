import { parseFlowDefinition } from '../../../domain/approval/flow-definition';
import { formatFlowText, parseFlowText, stepIdFor } from '../../../domain/approval/flow-grammar';

describe('parseFlowText', () => {
  it('reads steps, levels, roles, people, modes, conditions and cc', () => {
    const result = parseFlowText(
      '直属主管 > 二级主管[金额>5000.5] > 角色:审批人(会签)[天数>=3] 抄送 王五,角色:管理员',
    );
    expect(result).toEqual({
      ok: true,
      flow: {
        steps: [
          { approver: { kind: 'manager', levels: 1 }, mode: 'any', when: [] },
          {
            approver: { kind: 'manager', levels: 2 },
            mode: 'any',
            when: [{ kind: 'amount', op: '>', fen: 500050 }],
          },
          {
            approver: { kind: 'role', role: 'approver' },
            mode: 'all',
            when: [{ kind: 'days', op: '>=', days: 3 }],
          },
        ],
        cc: [
          { kind: 'person', name: '王五' },
          { kind: 'role', role: 'admin' },
        ],
      },
    });
  });

  it('accepts full-width brackets and arrows as people type them on a phone', () => {
    const result = parseFlowText('主管 ＞ 三级主管（会签）【金额＜100】');
    expect(result.ok && result.flow.steps.map((s) => [s.approver, s.mode])).toEqual([
      [{ kind: 'manager', levels: 1 }, 'any'],
      [{ kind: 'manager', levels: 3 }, 'all'],
    ]);
  });

  it.each([
    ['', '至少要有一个审批步骤'],
    ['角色:老板', '没有「老板」这个角色'],
    ['主管[金额=5]', '看不懂条件「金额=5」'],
    ['11级主管', '主管层级只能是1到10'],
  ])('explains what is wrong with %j', (text, problem) => {
    expect(parseFlowText(text)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });

  it('forgives a trailing > and an empty cc list', () => {
    const result = parseFlowText('主管 > 抄送');
    expect(result.ok && result.flow).toEqual({
      steps: [{ approver: { kind: 'manager', levels: 1 }, mode: 'any', when: [] }],
      cc: [],
    });
  });
});

describe('formatFlowText', () => {
  it('prints a definition in the grammar it was typed in, so it reads back the same', () => {
    const typed = '直属主管 > 二级主管[金额>5000] > 角色:审批人(会签) > 王五 抄送 角色:管理员';
    const parsed = parseFlowText(typed);
    if (!parsed.ok) throw new Error(parsed.problem);
    const taken = new Set<string>();
    const steps = parsed.flow.steps.map((s) => {
      const approver = s.approver.kind === 'person' ? { kind: 'user' as const, userId: 7 } : s.approver;
      return { id: stepIdFor(approver, taken), name: 'x', approver, mode: s.mode, when: s.when };
    });
    const flow = parseFlowDefinition({
      id: 'f',
      name: '报销审批',
      version: 1,
      steps,
      cc: [{ kind: 'role', role: 'admin' }],
    });
    expect(formatFlowText(flow, (id) => (id === 7 ? '王五' : '?'))).toBe(typed);
  });

  it('gives repeated approvers distinct, stable step ids', () => {
    const taken = new Set<string>();
    const manager = { kind: 'manager', levels: 1 } as const;
    expect([
      stepIdFor(manager, taken),
      stepIdFor(manager, taken),
      stepIdFor({ kind: 'manager', levels: 2 }, taken),
    ]).toEqual(['manager', 'manager_2', 'manager2']);
  });
});
