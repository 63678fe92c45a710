import type { Role } from '../domain/org/user';

/**
 * What the bot understands, as users read it in 帮助. handlers/index.ts maps each command to its handler;
 * a command is listed here only once it works. `roles` limits who sees it in 帮助 (the handler enforces it).
 */
export interface CommandEntry {
  /** Words that start the command; the first is the canonical one. */
  names: readonly string[];
  usage: string;
  description: string;
  roles?: readonly Role[];
}

const MANAGERS: readonly Role[] = ['manager', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

export const COMMANDS = {
  help: { names: ['帮助', '菜单', 'help', '?', '？'], usage: '帮助', description: '查看可用命令' },
  checkIn: {
    names: ['签到', '上班签到', '上班'],
    usage: '签到',
    description: '上班签到：打开定位页，位置发回即记录',
  },
  checkOut: {
    names: ['签退', '下班签退', '下班'],
    usage: '签退',
    description: '下班签退：打开定位页，位置发回即记录',
  },
  location: {
    names: ['定位', '位置', '拜访签到'],
    usage: '定位',
    description: '发送当前位置，再选择上班签到、拜访签到或下班签退',
  },
  myDay: {
    names: ['今日考勤', '今天考勤', '我的考勤'],
    usage: '今日考勤',
    description: '今天的打卡记录和状态',
  },
  myMonth: {
    names: ['考勤', '月度考勤'],
    usage: '考勤 本月',
    description: '本月（或 上月、2026-11）的出勤、迟到、缺卡汇总',
  },
  leave: {
    names: ['请假'],
    usage: '请假 11月25日-11月26日 年假 回老家',
    description: '提交请假申请（日期或区间、假期类型、事由）',
  },
  expense: {
    names: ['报销'],
    usage: '报销 268.5 交通费 拜访客户',
    description: '提交报销申请（金额、类别、说明）',
  },
  trip: {
    names: ['出差'],
    usage: '出差 广州 12月1日-12月3日 客户年会',
    description: '提交出差申请（目的地、日期、事由）',
  },
  myRequests: { names: ['我的申请'], usage: '我的申请', description: '我提交的申请和进度' },
  withdraw: { names: ['撤回'], usage: '撤回 12', description: '撤回审批中的申请' },
  pendingForMe: { names: ['待我审批', '待审批'], usage: '待我审批', description: '等我处理的申请' },
  approve: { names: ['同意'], usage: '同意 12', description: '同意一条申请（也可在卡片上点「同意」）' },
  reject: { names: ['驳回'], usage: '驳回 12 原因', description: '驳回一条申请并说明原因' },
  newCustomer: {
    names: ['新建客户'],
    usage: '新建客户 华为技术有限公司 深圳市龙岗区坂田 13800138000',
    description: '新建客户（名称、地址、电话可选），名称相近或电话相同时先提示可能重复',
  },
  findCustomer: {
    names: ['客户', '查客户'],
    usage: '客户 华为',
    description: '按名称或电话查找客户（最多5个，电话隐去中间四位）',
  },
  teamDay: {
    names: ['团队考勤'],
    usage: '团队考勤',
    description: '今天团队谁已签到、迟到、未签到、外勤',
    roles: MANAGERS,
  },
  setLocation: {
    names: ['设置考勤地点'],
    usage: '设置考勤地点 总部 22.5431,114.0579 300米',
    description: '新增或修改考勤地点',
    roles: ADMINS,
  },
  removeLocation: {
    names: ['删除考勤地点'],
    usage: '删除考勤地点 总部',
    description: '删除考勤地点',
    roles: ADMINS,
  },
  setHours: {
    names: ['设置上班时间'],
    usage: '设置上班时间 09:00-18:00',
    description: '固定班制的上下班时间',
    roles: ADMINS,
  },
  setMode: {
    names: ['设置考勤模式'],
    usage: '设置考勤模式 固定班制｜弹性工时｜自由工时',
    description: '切换考勤模式',
    roles: ADMINS,
  },
  showSettings: { names: ['考勤设置'], usage: '考勤设置', description: '查看当前考勤规则', roles: ADMINS },
  exportAttendance: {
    names: ['导出考勤'],
    usage: '导出考勤 本月',
    description: '下载本月（或 上月、2026-11）考勤，Excel/CSV，供核算工资',
    roles: ADMINS,
  },
  adminHelp: { names: ['管理'], usage: '管理 帮助', description: '列出所有管理员命令', roles: ADMINS },
  setRole: {
    names: ['设置角色'],
    usage: '设置角色 张三 主管',
    description: '按姓名或用户ID设置角色（销售｜主管｜审批人｜管理员），通讯录同步不再更改',
    roles: ADMINS,
  },
  recentAudit: {
    names: ['审计'],
    usage: '审计 最近 10',
    description: '最近的审计记录（最多50条），新的在前',
    roles: ADMINS,
  },
  deadLetters: {
    names: ['死信'],
    usage: '管理 死信 10',
    description: '投递失败、不再重试的消息（死信）：发给谁、什么内容、平台的原因，新的在前',
    roles: ADMINS,
  },
} as const satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;
