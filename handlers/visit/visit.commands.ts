import { visitCommandHandler } from './visit-command.handler';
import { endVisitHandler, visitResultTextHandler } from './end-visit.handler';
import { planHandler } from './visit-plan.handler';
import { customerVisitsHandler, myVisitsTodayHandler, teamVisitsTodayHandler } from './visit-views.handler';
import { assignHandler, claimHandler, releaseHandler } from './pool.handler';
import { setVisitSettingHandler, showVisitSettingsHandler } from './visit-settings.handler';
import { ADMINS, MANAGERS, type CommandDeclaration } from '../command';

export const visitCommands: readonly CommandDeclaration[] = [
  {
    key: 'visit',
    words: ['拜访'],
    usage: '拜访 华为',
    description: '到客户处签到拜访（记录与客户的距离）；之后发的照片和文字记入这次拜访',
    topic: '拜访',
    handler: visitCommandHandler,
  },
  {
    key: 'endVisit',
    words: ['结束拜访'],
    usage: '结束拜访 客户有采购意向，下周报价',
    description: '结束当前拜访并填写备注，再在卡片上选结果和下次拜访时间',
    topic: '拜访',
    handler: endVisitHandler,
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
    description: '从公海领取客户到自己的私海',
    topic: '客户',
    handler: claimHandler,
  },
  {
    key: 'release',
    words: ['释放'],
    usage: '释放 华为',
    description: '把自己的客户释放回公海',
    topic: '客户',
    handler: releaseHandler,
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
      '修改拜访半径、异地拜访（允许｜禁止）、超时、私海上限、回收天数（可按A/B/C类）、预警天数、延期天数、成交期限、回收保护（商机保护｜成交保护 开启｜关闭）、领取冷却、每日领取上限、路线卡片时间',
    topic: '拜访',
    roles: ADMINS,
    handler: setVisitSettingHandler,
  },
  {
    key: 'assign',
    words: ['分配'],
    usage: '分配 公海便利店 张三',
    description: '把客户分配给团队成员',
    topic: '客户',
    roles: MANAGERS,
    otherwise: '你可以发送「领取 <客户>」从公海领取客户。',
    handler: assignHandler,
  },
];
