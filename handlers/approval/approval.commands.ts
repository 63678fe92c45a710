import { expenseRequestHandler, leaveRequestHandler, tripRequestHandler } from './submit.handler';
import { myRequestsHandler, pendingForMeHandler } from './approval-lists.handler';
import { approvalTextHandler, withdrawHandler } from './decide.handler';
import { resubmitHandler } from './resubmit.handler';
import { leaveBalanceHandler, setLeaveQuotaHandler } from './leave-balance.handler';
import { approvalFlowHandler } from './flow-admin.handler';
import { annualLeaveRuleHandler, setHireDateHandler } from './seniority.handler';
import { applyFormHandler, formAdminHandler } from './custom-form.handler';
import { ADMINS, type CommandDeclaration } from '../command';

export const approvalCommands: readonly CommandDeclaration[] = [
  {
    key: 'leave',
    words: ['请假', '请个假', '要请假'],
    usage: '请假 下周一-下周二 年假 回老家',
    description: '提交请假申请（日期或区间、假期类型、事由）',
    examples: ['请假 明天 病假', '请假 下周一-下周三 年假 回老家', '明天请一天病假（先确认再提交）'],
    topic: '审批',
    handler: leaveRequestHandler,
  },
  {
    key: 'leaveBalance',
    words: ['假期余额'],
    usage: '假期余额',
    description: '今年各类假期的额度、已用、审批中和剩余天数',
    topic: '审批',
    handler: leaveBalanceHandler,
  },
  {
    key: 'setLeaveQuota',
    words: ['设置假期'],
    usage: '设置假期 张三 年假 5天',
    description: '设置某人今年某类假期的额度（天，可为半天），记入审计',
    topic: '审批',
    roles: ADMINS,
    handler: setLeaveQuotaHandler,
  },
  {
    key: 'setHireDate',
    words: ['设置入职日期'],
    usage: '设置入职日期 张三 2016-03-01',
    description: '设置某人的入职日期，年假按工龄规则计算（单独设置的额度优先），记入审计',
    topic: '审批',
    roles: ADMINS,
    handler: setHireDateHandler,
  },
  {
    key: 'annualLeaveRule',
    words: ['年假规则'],
    usage: '年假规则 0年0天 1年5天 10年10天 20年15天',
    description: '查看或修改按工龄计算的年假天数（默认按国家规定），修改记入审计',
    topic: '审批',
    roles: ADMINS,
    handler: annualLeaveRuleHandler,
  },
  {
    key: 'expense',
    words: ['报销', '报个销', '要报销'],
    usage: '报销 268.5 交通费 拜访客户',
    description: '提交报销申请（金额、类别、说明）',
    examples: ['报销 35 交通费 打车去华为', '打车花了35块（先确认再提交）'],
    topic: '审批',
    handler: expenseRequestHandler,
  },
  {
    key: 'trip',
    words: ['出差'],
    usage: '出差 广州 下周一-下周三 客户年会',
    description: '提交出差申请（目的地、日期、事由）',
    topic: '审批',
    handler: tripRequestHandler,
  },
  {
    key: 'myRequests',
    words: ['我的申请'],
    usage: '我的申请',
    description: '我提交的申请和进度',
    topic: '审批',
    handler: myRequestsHandler,
  },
  {
    key: 'withdraw',
    words: ['撤回'],
    usage: '撤回 12',
    description: '撤回审批中的申请',
    topic: '审批',
    handler: withdrawHandler,
  },
  {
    key: 'resubmit',
    words: ['重新提交'],
    usage: '重新提交 12 268.5 交通费 已补发票',
    description: '被驳回或撤回的申请再次提交，可附上修改后的内容',
    topic: '审批',
    handler: resubmitHandler,
  },
  {
    key: 'pendingForMe',
    words: ['待我审批', '待审批'],
    usage: '待我审批',
    description: '等我处理的申请',
    topic: '审批',
    handler: pendingForMeHandler,
  },
  {
    key: 'approve',
    words: ['同意'],
    usage: '同意 12',
    description: '同意一条申请（也可在卡片上点「同意」）',
    topic: '审批',
    handler: approvalTextHandler,
  },
  {
    key: 'reject',
    words: ['驳回'],
    usage: '驳回 12 原因',
    description: '驳回一条申请并说明原因',
    topic: '审批',
    handler: approvalTextHandler,
  },
  {
    key: 'approvalFlow',
    words: ['审批流'],
    usage: '审批流 报销 直属主管 > 二级主管[金额>5000] > 角色:审批人 抄送 王五',
    description:
      '查看或设置审批流程（步骤用 > 分隔，可加(会签)、[金额>5000]、抄送；「审批流 报销 默认」恢复默认）',
    topic: '审批',
    roles: ADMINS,
    handler: approvalFlowHandler,
  },
  {
    key: 'applyForm',
    words: ['申请'],
    usage: '申请 采购申请',
    description: '填写自定义审批表单（逐项回答，最后确认提交）；只发「申请」查看可填的表单',
    topic: '审批',
    handler: applyFormHandler,
  },
  {
    key: 'formAdmin',
    words: ['表单'],
    usage: '表单 新建 采购申请 物品:文字* 金额:金额* 类别:选项(办公/IT/其他)* 凭证:照片',
    description: '查看、新建（同名即新版本）或删除自定义审批表单，*为必填',
    topic: '审批',
    roles: ADMINS,
    handler: formAdminHandler,
  },
];
