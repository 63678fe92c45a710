/** What an audited action reads as in chat (审计 最近). Unknown actions are shown as stored. */
const ACTION_LABELS: Record<string, string> = {
  'attendance.location.set': '设置考勤地点',
  'attendance.location.remove': '删除考勤地点',
  'attendance.schedule.hours': '设置上班时间',
  'attendance.schedule.mode': '设置考勤模式',
  'attendance.settings.import': '导入考勤规则',
  'attendance.export': '导出考勤',
  'audit.export': '导出审计记录',
  'org.role.set': '设置角色',
  'org.sync.role': '通讯录同步：角色',
  'org.sync.reactivate': '通讯录同步：恢复在职',
  'org.sync.deactivate': '通讯录同步：离职停用',
  'approval.flows.import': '导入审批流程',
  'approval.request_submitted': '审批：提交申请',
  'approval.step_skipped': '审批：跳过步骤',
  'approval.next_step_started': '审批：进入下一步',
  'approval.step_decided': '审批：审批决定',
  'approval.request_approved': '审批：申请通过',
  'approval.request_rejected': '审批：申请驳回',
  'approval.request_withdrawn': '审批：撤回申请',
  'approval.receipt_attached': '审批：上传凭证',
  'approval.escalated': '审批：超时提醒',
  'customer.pool.claim': '公海：领取客户',
  'customer.pool.release': '公海：释放客户',
  'customer.pool.assign': '公海：分配客户',
  'customer.pool.recycle': '公海：自动回收',
  'customer.pool.warn': '公海：回收预警',
  'lead.create': '线索：新建',
  'lead.import': '线索：导入',
  'lead.claim': '线索：领取',
  'lead.assign': '线索：分配',
  'lead.release': '线索：释放',
  'lead.recycle': '线索：自动回收',
  'lead.warn': '线索：回收预警',
  'lead.convert': '线索：转化为客户',
  'target.split_period': '目标：按月/季度分解',
  'visit.auto_closed': '拜访：超时自动结束',
  'visit.settings.set': '拜访：修改设置',
};

/** Families whose members are not all listed above still read in Chinese, with their raw suffix. */
const FAMILY_LABELS: ReadonlyArray<readonly [prefix: string, label: string]> = [
  ['org.sync.', '通讯录同步'],
  ['approval.', '审批'],
];

export function labelOfAuditAction(action: string): string {
  const exact = ACTION_LABELS[action];
  if (exact) return exact;
  const family = FAMILY_LABELS.find(([prefix]) => action.startsWith(prefix));
  return family ? `${family[1]}（${action.slice(family[0].length)}）` : action;
}
