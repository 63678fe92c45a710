import { DomainError, ERROR_CODES } from '../../../domain/errors';
import { describeError } from '../../../handlers/error-messages';

describe('approval error messages', () => {
  it.each([
    ['approval.not_your_step', { step: '直属主管' }, '你不是「直属主管」的审批人，无法处理这一步。'],
    [
      'approval.step_closed',
      { step: '财务', deciderId: 6, decision: '同意', decider: '王芳' },
      '「财务」已由王芳同意，无需再处理。',
    ],
    [
      'approval.step_closed',
      { step: '财务', deciderId: 6, decision: '驳回' },
      '「财务」已由其他审批人驳回，无需再处理。',
    ],
    ['approval.step_closed', { step: '复核' }, '「复核」已结束，无需再处理。'],
    ['approval.not_pending', { status: '已撤回', action: '审批' }, '这条申请已撤回，无法再审批。'],
    ['approval.reason_required', {}, '驳回时请填写原因，方便申请人修改后重新提交。'],
    ['approval.own_request', {}, '不能审批自己提交的申请。'],
    [
      'approval.too_many_pending',
      { count: 30, max: 30 },
      '你已有 30 条申请在审批中（每人最多 30 条）。请等审批后再提交，或发送「我的申请」查看，「撤回 <编号>」撤回不需要的申请。',
    ],
    [
      'approval.already_decided',
      { step: '财务', decision: '同意' },
      '你已在「财务」同意，不能更改。如需更改，请让申请人撤回后重新提交。',
    ],
    ['approval.step_not_started', { step: '总经理' }, '还没轮到「总经理」，轮到你审批时会通知你。'],
    ['approval.not_requester', { action: '撤回' }, '只有申请人本人可以撤回这条申请。'],
    ['approval.cannot_submit', { status: '审批中' }, '这条申请审批中，不能再次提交。'],
    [
      'approval.not_editable',
      {},
      '这类申请不能在聊天里修改内容：请发送「重新提交 <编号>」原样提交，或重新填写一份。',
    ],
    ['approval.not_found', { id: 12 }, '找不到编号为 12 的申请。发送「我的申请」或「待我审批」查看编号。'],
    [
      'approval.date_too_far',
      { date: '2028-01-04', futureDays: 365 },
      '2028-01-04 超出可提前申请的范围（365天内），请检查日期是否写错。',
    ],
    ['approval.stale_card', {}, '这张卡片对应的是重新提交前的版本，请在最新的审批卡片上操作。'],
    [
      'approval.no_days',
      { span: '2026-11-28' },
      '2026-11-28 是休息日，不需要请假。如需加班调休，请选择其他日期。',
    ],
    [
      'approval.no_days',
      { span: '2026-11-28 至 2026-11-29' },
      '2026-11-28 至 2026-11-29 都是休息日，不需要请假。如需加班调休，请选择其他日期。',
    ],
    [
      'approval.no_approver',
      {},
      '找不到这类申请的审批人（你还没有所属部门，本单位也没有管理员）。请联系管理员设置部门或审批人后再提交。',
    ],
    [
      'approval.too_many_pending',
      { count: 30, max: 30 },
      '你已有 30 条申请在审批中（每人最多 30 条）。请等审批后再提交，或发送「我的申请」查看，「撤回 <编号>」撤回不需要的申请。',
    ],
  ] as const)('%s reads as Chinese with its parameters', (code, params, text) => {
    expect(describeError(new DomainError(code, params))).toBe(text);
  });

  it('covers every approval code above', () => {
    expect(ERROR_CODES.filter((c) => c.startsWith('approval.'))).toEqual([
      'approval.not_found',
      'approval.stale_card',
      'approval.no_days',
      'approval.no_approver',
      'approval.too_many_pending',
      'approval.not_your_step',
      'approval.step_closed',
      'approval.not_pending',
      'approval.reason_required',
      'approval.own_request',
      'approval.already_decided',
      'approval.step_not_started',
      'approval.not_requester',
      'approval.cannot_submit',
      'approval.not_editable',
      'approval.date_too_old',
      'approval.date_too_far',
      'approval.date_in_future',
      'approval.overlap',
      'approval.over_balance',
    ]);
  });
});
