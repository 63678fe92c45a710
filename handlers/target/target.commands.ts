import { myPerformanceHandler, teamPerformanceHandler } from './performance.handler';
import { setTargetHandler } from './set-target.handler';
import { splitTargetHandler } from './split-target.handler';
import { MANAGERS, type CommandDeclaration } from '../command';

export const targetCommands: readonly CommandDeclaration[] = [
  {
    key: 'myPerformance',
    words: ['我的业绩', '业绩', '看看业绩', '查业绩'],
    usage: '我的业绩 本月',
    description: '我的订单金额、回款金额等与目标对比、时间进度和团队排名',
    examples: ['我的业绩', '看看业绩', '我的业绩 上月'],
    topic: '业绩',
    handler: myPerformanceHandler,
  },
  {
    key: 'teamPerformance',
    words: ['团队业绩'],
    usage: '团队业绩 本月 回款金额',
    description: '团队每人的实际、目标、完成率和排名；加「品类」或「区域」看全公司各品类、区域的目标完成',
    examples: ['团队业绩', '团队业绩 上月 回款金额', '团队业绩 本年 品类', '团队业绩 本季度 区域'],
    topic: '业绩',
    roles: MANAGERS,
    otherwise: '你可以发送「我的业绩」查看自己的业绩。',
    handler: teamPerformanceHandler,
  },
  {
    key: 'setTarget',
    words: ['目标', '设置目标'],
    usage: '目标 2026-12 销售一部 500000 订单金额',
    description:
      '设置部门、成员、品类或区域的目标（期间：2026-12、2026-11~12、2026-Q4、2026；指标：订单金额｜回款金额｜新客户数｜拜访数）；年度目标加「按去年分月」等先分解再确认',
    examples: [
      '目标 明年 销售部 1200万 按去年分月',
      '目标 明年 张三 300万 平均分季 上浮5%',
      '目标 2027 品类 饮料 300万 按去年分月',
      '目标 2027 区域 华南 500万 平均分季',
    ],
    topic: '业绩',
    roles: MANAGERS,
    otherwise: '你可以发送「我的业绩」查看自己的目标和完成情况。',
    handler: setTargetHandler,
  },
  {
    key: 'splitTarget',
    words: ['分解目标'],
    usage: '分解目标 2026-12 销售一部 订单金额 张三+10%',
    description: '按上期贡献把部门目标分解到成员（可按人 ± 百分点调整）',
    topic: '业绩',
    roles: MANAGERS,
    otherwise: '你可以发送「我的业绩」查看自己的目标和完成情况。',
    handler: splitTargetHandler,
  },
];
