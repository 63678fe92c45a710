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
const FULFILMENT: readonly Role[] = ['manager', 'approver', 'admin'];

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
  resubmit: {
    names: ['重新提交'],
    usage: '重新提交 12 268.5 交通费 已补发票',
    description: '被驳回或撤回的申请再次提交，可附上修改后的内容',
  },
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
    description: '按名称或电话查找客户；「客户 华为 动态｜资料｜设置 分类 A」',
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
  approvalFlow: {
    names: ['审批流'],
    usage: '审批流 报销 直属主管 > 二级主管[金额>5000] > 角色:审批人 抄送 王五',
    description:
      '查看或设置审批流程（步骤用 > 分隔，可加(会签)、[金额>5000]、抄送；「审批流 报销 默认」恢复默认）',
    roles: ADMINS,
  },
  applyForm: {
    names: ['申请'],
    usage: '申请 采购申请',
    description: '填写自定义审批表单（逐项回答，最后确认提交）；只发「申请」查看可填的表单',
  },
  formAdmin: {
    names: ['表单'],
    usage: '表单 新建 采购申请 物品:文字* 金额:金额* 类别:选项(办公/IT/其他)* 凭证:照片',
    description: '查看、新建（同名即新版本）或删除自定义审批表单，*为必填',
    roles: ADMINS,
  },
  recentAudit: {
    names: ['审计'],
    usage: '审计 最近 10',
    description: '最近的审计记录（最多50条），新的在前',
    roles: ADMINS,
  },
  dailyReport: {
    names: ['日报', '写日报'],
    usage: '日报 计划 明天拜访华为深圳',
    description: '写今天的日报：自动汇总今天的工作，补充「日报 计划 …」「日报 问题 …」',
  },
  submitReport: { names: ['提交日报'], usage: '提交日报', description: '把今天的日报提交给主管' },
  comment: {
    names: ['点评'],
    usage: '点评 客户跟进及时，继续保持',
    description:
      '点评最近收到的日报（或「点评 12 内容」指定编号；「点评 拜访 7 内容」点评一次拜访），作者会收到通知',
    roles: MANAGERS,
  },
  reportStatus: {
    names: ['日报情况', '日报汇总'],
    usage: '日报情况',
    description: '今天团队谁已提交日报、谁还没有',
    roles: MANAGERS,
  },
  digestNow: {
    names: ['今日简报', '预览日报', '简报'],
    usage: '今日简报',
    description: '现在就收到团队简报（今日截至此刻与本月数据、需要处理的异常）',
    roles: MANAGERS,
  },
  teamRanking: {
    names: ['团队排行', '排行'],
    usage: '团队排行 上月',
    description: '团队排行（本月截至今日，或 上月、本季度、2026-11）',
    roles: MANAGERS,
  },
  weeklyReport: {
    names: ['周报'],
    usage: '周报 上周',
    description: '团队周报（本周截至今日，或 上周、某天所在的周）',
    roles: MANAGERS,
  },
  monthlyReport: {
    names: ['月报'],
    usage: '月报 2026-11',
    description: '团队月报（本月截至今日，或 上月、2026-11）',
    roles: MANAGERS,
  },
  funnel: {
    names: ['漏斗', '销售漏斗'],
    usage: '漏斗',
    description: '团队在途商机的漏斗和转化',
    roles: MANAGERS,
  },
  unsubscribe: {
    names: ['退订'],
    usage: '退订 日报',
    description: '不再接收某类推送（简报、周报、月报、日报提醒）',
  },
  subscribe: { names: ['订阅'], usage: '订阅 日报', description: '恢复接收某类推送' },
  showPushSettings: { names: ['推送设置'], usage: '推送设置', description: '查看推送时间和我的订阅' },
  pushHistory: {
    names: ['推送记录'],
    usage: '推送记录 20',
    description: '最近的定时推送：发给谁、哪一期、是否送达',
    roles: ADMINS,
  },
  setPushTime: {
    names: ['设置'],
    usage: '设置 推送时间 简报 08:30',
    description: '设置简报、周报、月报、日报提醒、日报汇总的推送时间',
    roles: ADMINS,
  },
  opportunity: {
    names: ['商机'],
    usage: '商机 华为 50万 初步接洽',
    description: '新建商机；「商机 12」查看卡片',
  },
  opportunityMove: {
    names: ['推进', '赢单', '输单'],
    usage: '推进 12 方案报价｜赢单 12｜输单 12 原因',
    description: '改商机阶段',
  },
  myOpportunities: { names: ['我的商机'], usage: '我的商机', description: '进行中的商机和加权金额' },
  followUp: { names: ['跟进'], usage: '跟进 华为 电话沟通报价', description: '记录客户或商机的跟进' },
  opportunityStages: { names: ['商机阶段'], usage: '商机阶段', description: '阶段和赢率' },
  setOpportunityStages: {
    names: ['设置商机阶段'],
    usage: '设置商机阶段 初步接洽20 需求确认40 …',
    description: '设置进行中的阶段和赢率',
    roles: ADMINS,
  },
  importCustomers: {
    names: ['导入客户'],
    usage: '导入客户',
    description: '上传 Excel/CSV 批量导入客户',
    roles: ADMINS,
  },
  handover: { names: ['交接'], usage: '交接 张三 赵六', description: '离职交接客户和商机', roles: ADMINS },
  placeOrder: {
    names: ['下单'],
    usage: '下单 华为深圳 A100*10 B200*2 折扣 95折',
    description: '下单：客户、商品*数量（编码或名称），可加折扣 9折｜95折｜-500，确认卡片上提交',
  },
  submitOrder: {
    names: ['提交订单'],
    usage: '提交订单 12',
    description: '提交确认卡片上的订单（卡片没有按钮时使用）',
  },
  myOrders: { names: ['我的订单'], usage: '我的订单', description: '我最近的订单、状态和待回款' },
  orderDetail: {
    names: ['订单', '查订单'],
    usage: '订单 12',
    description: '查看一个订单的明细、回款和到期日',
  },
  cancelOrder: { names: ['取消订单'], usage: '取消订单 12', description: '取消未发货的订单' },
  payment: {
    names: ['回款'],
    usage: '回款 华为深圳 50000 11月20日',
    description: '登记回款（客户或订单号、金额、日期可选），超出应收需确认',
  },
  receivables: {
    names: ['应收'],
    usage: '应收 华为深圳',
    description: '应收：不带客户时按客户汇总（含逾期），带客户时列出待回款订单、到期日和逾期天数',
  },
  overdue: {
    names: ['逾期', '逾期应收'],
    usage: '逾期',
    description: '逾期应收（发货后超过回款期限）按客户列出',
  },
  products: {
    names: ['商品'],
    usage: '商品 路由器',
    description: '查找商品；管理员：商品 新增｜改价｜停用｜启用｜限量',
  },
  myPerformance: {
    names: ['我的业绩', '业绩'],
    usage: '我的业绩 本月',
    description: '我的订单金额、回款金额等与目标对比、时间进度和团队排名',
  },
  shipOrder: {
    names: ['发货'],
    usage: '发货 12',
    description: '把已确认的订单标记为已发货',
    roles: FULFILMENT,
  },
  completeOrder: {
    names: ['完成订单'],
    usage: '完成订单 12',
    description: '把已发货的订单标记为已完成',
    roles: FULFILMENT,
  },
  teamPerformance: {
    names: ['团队业绩'],
    usage: '团队业绩 本月 回款金额',
    description: '团队每人的实际、目标、完成率和排名',
    roles: MANAGERS,
  },
  setTarget: {
    names: ['目标', '设置目标'],
    usage: '目标 2026-12 销售一部 500000 订单金额',
    description:
      '设置部门或成员的目标（期间：2026-12、2026-11~12、2026-Q4、2026；指标：订单金额｜回款金额｜新客户数｜拜访数）',
    roles: MANAGERS,
  },
  splitTarget: {
    names: ['分解目标'],
    usage: '分解目标 2026-12 销售一部 订单金额 张三+10%',
    description: '按上期贡献把部门目标分解到成员（可按人 ± 百分点调整）',
    roles: MANAGERS,
  },
  visit: {
    names: ['拜访'],
    usage: '拜访 华为',
    description: '到客户处签到拜访（记录与客户的距离）；之后发的照片和文字记入这次拜访',
  },
  endVisit: {
    names: ['结束拜访'],
    usage: '结束拜访 客户有采购意向，下周报价',
    description: '结束当前拜访并填写备注，再在卡片上选结果和下次拜访时间',
  },
  visitResult: {
    names: ['拜访结果'],
    usage: '拜访结果 有意向 11月30日',
    description: '填写刚结束的拜访的结果（有意向｜需再跟进｜已成交｜无意向）和下次拜访日期（也可在卡片上选）',
  },
  plan: {
    names: ['计划', '拜访计划'],
    usage: '计划 明天 拜访 华为, 中兴, 腾讯',
    description: '安排某天的拜访（按最近下一站排成路线）；主管可写「计划 张三 明天 拜访 …」',
  },
  myVisits: { names: ['今日拜访', '今天拜访'], usage: '今日拜访', description: '今天的拜访计划和完成情况' },
  customerVisits: { names: ['拜访记录'], usage: '拜访记录 华为', description: '某个客户最近的拜访' },
  claim: { names: ['领取'], usage: '领取 公海便利店', description: '从公海领取客户到自己的私海' },
  release: { names: ['释放'], usage: '释放 华为', description: '把自己的客户释放回公海' },
  teamVisits: {
    names: ['团队拜访'],
    usage: '团队拜访',
    description: '今天团队的拜访计划与完成情况',
    roles: MANAGERS,
  },
  showVisitSettings: {
    names: ['拜访设置'],
    usage: '拜访设置',
    description: '查看拜访与公海规则',
    roles: ADMINS,
  },
  setVisitSetting: {
    names: ['设置拜访'],
    usage: '设置拜访 半径 800米',
    description:
      '修改拜访半径、异地拜访（允许｜禁止）、超时、私海上限、回收天数（可按A/B/C类）、预警天数、延期天数、成交期限、回收保护（商机保护｜成交保护 开启｜关闭）、领取冷却、每日领取上限、路线卡片时间',
    roles: ADMINS,
  },
  assign: {
    names: ['分配'],
    usage: '分配 公海便利店 张三',
    description: '把客户分配给团队成员',
    roles: MANAGERS,
  },
  auditExport: {
    // `审计 导出 …` arrives through 审计 (recentAudit); 审计导出 is the same command written together.
    names: ['审计导出'],
    usage: '审计 导出 上月',
    description: '某月的审计记录，CSV 下载链接（1小时内有效）',
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
