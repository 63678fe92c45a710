import { orLead } from '../leads/lead-reference';
import { assignLead, claimLead, releaseLead } from '../leads/lead-moves.handler';
import { visitCommandHandler } from './visit-command.handler';
import { endVisitHandler, visitResultTextHandler } from './end-visit.handler';
import { planHandler } from './visit-plan.handler';
import { customerVisitsHandler, myVisitsTodayHandler, teamVisitsTodayHandler } from './visit-views.handler';
import { assignHandler, claimHandler, releaseHandler } from './pool.handler';
import { routeMapHandler } from './route-map.handler';
import { setVisitSettingHandler, showVisitSettingsHandler } from './visit-settings.handler';
import { ADMINS, MANAGERS, type CommandDeclaration } from '../command';
import { undoNoteHandler, visitNoteHandler } from './visit-note.handler';
import { visitKindHandler } from './visit-step.handler';
import { visitTemplateHandler } from './visit-template.handler';

export const visitCommands: readonly CommandDeclaration[] = [
  {
    key: 'visit',
    words: ['拜访'],
    usage: '拜访 华为 收款 原有',
    description: '到客户处签到拜访，可带访问目的和客户类别（未带的在卡片上选）；之后的照片和文字记入拜访',
    examples: ['拜访 华为', '拜访 华为 收款'],
    topic: '拜访',
    handler: visitCommandHandler,
  },
  {
    key: 'endVisit',
    words: ['结束拜访'],
    usage: '结束拜访 客户有采购意向，下周报价',
    description: '结束拜访并填写备注：补齐模板必填项、发送离开位置，再选结果和下次拜访',
    topic: '拜访',
    handler: endVisitHandler,
  },
  {
    key: 'visitKind',
    words: ['拜访目的'],
    usage: '拜访目的 收款 原有',
    description: '填写进行中拜访的目的和客户类别',
    topic: '拜访',
    handler: visitKindHandler,
  },
  {
    key: 'visitNote',
    words: ['备注'],
    usage: '备注 客户下周要报价',
    description: '给进行中的拜访记一条备注',
    topic: '拜访',
    handler: visitNoteHandler,
  },
  {
    key: 'undoNote',
    words: ['撤销'],
    usage: '撤销',
    description: '撤销刚发的拜访备注（发送后几分钟内）',
    topic: '拜访',
    handler: undoNoteHandler,
  },
  {
    key: 'visitTemplate',
    words: ['拜访模板'],
    usage: '拜访模板 收款 回款金额:金额* 联系人:文字* 分类:选项(A/B/C)',
    description: '按访问目的设置结束拜访前要填的内容（*必填；联系人、电话、分类、区域写入客户）',
    topic: '拜访',
    roles: ADMINS,
    handler: visitTemplateHandler,
  },
  {
    key: 'visitResult',
    words: ['拜访结果'],
    usage: '拜访结果 有意向 下周一',
    description: '填写刚结束的拜访的结果（有意向｜需再跟进｜已成交｜无意向）和下次拜访日期（也可在卡片上选）',
    examples: ['拜访结果 有意向 下周一', '拜访结果 需再跟进'],
    topic: '拜访',
    handler: visitResultTextHandler,
  },
  {
    key: 'plan',
    words: ['计划', '拜访计划'],
    usage: '计划 明天 拜访 华为, 中兴, 腾讯',
    description: '安排某天的拜访（按最近下一站排成路线）；主管可写「计划 张三 明天 拜访 …」',
    examples: ['计划 下周一 拜访 华为, 中兴', '明天上午去华为拜访（先确认再记录）'],
    topic: '拜访',
    handler: planHandler,
  },
  {
    key: 'myVisits',
    words: ['今日拜访', '今天拜访'],
    usage: '今日拜访',
    description: '今天的拜访计划和完成情况',
    topic: '拜访',
    handler: myVisitsTodayHandler,
  },
  {
    key: 'routeMap',
    words: ['轨迹', '拜访轨迹'],
    usage: '轨迹 张三 昨天',
    description: '某天的拜访轨迹图：先后顺序、到达时间、停留时长，异地签到标红；主管可看下属的',
    examples: ['轨迹', '轨迹 昨天', '轨迹 张三 昨天'],
    topic: '拜访',
    handler: routeMapHandler,
  },
  {
    key: 'customerVisits',
    words: ['拜访记录'],
    usage: '拜访记录 华为',
    description: '某个客户最近的拜访',
    topic: '拜访',
    handler: customerVisitsHandler,
  },
  {
    key: 'claim',
    words: ['领取'],
    usage: '领取 公海便利店',
    description: '从公海领取客户（或线索12）',
    examples: ['领取 线索12'],
    topic: '客户',
    handler: orLead(claimLead, claimHandler),
  },
  {
    key: 'release',
    words: ['释放'],
    usage: '释放 华为',
    description: '把客户（或线索12）释放回公海',
    topic: '客户',
    handler: orLead(releaseLead, releaseHandler),
  },
  {
    key: 'teamVisits',
    words: ['团队拜访'],
    usage: '团队拜访',
    description: '今天团队的拜访计划与完成情况',
    topic: '拜访',
    roles: MANAGERS,
    otherwise: '你可以发送「今日拜访」查看自己的拜访。',
    handler: teamVisitsTodayHandler,
  },
  {
    key: 'showVisitSettings',
    words: ['拜访设置'],
    usage: '拜访设置',
    description: '查看拜访与公海规则',
    topic: '拜访',
    roles: ADMINS,
    handler: showVisitSettingsHandler,
  },
  {
    key: 'setVisitSetting',
    words: ['设置拜访'],
    usage: '设置拜访 半径 800米',
    description:
      '修改拜访与公海规则：半径、异地拜访、超时、私海上限、回收与保护、领取、路线时间、访问目的、签退距离、选点、撤销、拜访频率、未跟进、诊断（「拜访设置」列出每一项和当前值）',
    topic: '拜访',
    roles: ADMINS,
    handler: setVisitSettingHandler,
  },
  {
    key: 'assign',
    words: ['分配'],
    usage: '分配 公海便利店 张三',
    description: '把客户（或线索12）分配给团队成员',
    examples: ['分配 线索12 张三'],
    topic: '客户',
    roles: MANAGERS,
    otherwise: '你可以发送「领取 <客户>」从公海领取客户。',
    handler: orLead(assignLead, assignHandler),
  },
];
