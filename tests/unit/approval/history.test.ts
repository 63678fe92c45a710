import { decide, type ApprovalState } from '../../../domain/approval';
import { attachmentKeysOf, earlierDecisions } from '../../../domain/approval/history';
import { applied, expense, hoursAfter, requestOf, submitted, userStep } from './helpers';

const approve = (state: ApprovalState, stepId: string, approverId: number, h: number, reason?: string) =>
  applied(decide(state, { stepId, approverId, decision: 'approve', reason, at: hoursAfter(h) })).state;

describe('earlierDecisions: what a later approver is shown', () => {
  const steps = [
    { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } } as const,
    { ...userStep('finance', 6), name: '财务', mode: 'all' as const },
    userStep('ceo', 1),
  ];

  it('lists the steps before, in order, with who, when and the comment', () => {
    const s1 = approve(submitted(requestOf(expense(100)), steps), 'manager', 4, 1, '属实');
    expect(earlierDecisions(s1, 'manager')).toEqual([]);
    expect(earlierDecisions(s1, 'finance')).toEqual([
      { stepName: '直属主管', approverId: 4, decision: 'approve', reason: '属实', at: hoursAfter(1) },
    ]);
    const s2 = approve(s1, 'finance', 6, 2);
    expect(earlierDecisions(s2, 'ceo').map((d) => `${d.stepName}:${d.approverId}`)).toEqual([
      '直属主管:4',
      '财务:6',
    ]);
  });

  it('shows a decision carried over from the step before once (the same person decides once)', () => {
    const twice = [
      userStep('first', 4),
      { ...userStep('second', 4), mode: 'all' as const },
      userStep('ceo', 1),
    ];
    const s = approve(submitted(requestOf(expense(100)), twice), 'first', 4, 1);
    expect(s.steps.map((step) => step.status)).toEqual(['approved', 'skipped', 'pending']);
    expect(earlierDecisions(s, 'ceo').map((d) => d.stepName)).toEqual(['first']);
  });
});

describe('attachmentKeysOf', () => {
  it('reads an expense’s receipts and a custom form’s photo fields, nothing else', () => {
    expect(
      attachmentKeysOf({
        type: 'expense',
        amountFen: 100,
        category: '餐费',
        note: '',
        receiptPhotoKeys: ['t/a.png', 't/b.jpg'],
      }),
    ).toEqual(['t/a.png', 't/b.jpg']);
    const custom = {
      type: 'custom' as const,
      formId: 'f',
      formVersion: 1,
      formName: '用章申请',
      lines: [],
      values: { photos: ['t/c.jpg'], colours: ['红', '蓝'], note: '盖章' },
      amountFen: null,
    };
    expect(attachmentKeysOf(custom, ['photos'])).toEqual(['t/c.jpg']);
    expect(attachmentKeysOf(custom)).toEqual([]);
  });
});
