import { orLead } from '../leads/lead-reference';
import { followUpLead } from '../leads/lead-moves.handler';
import { opportunityHandler, opportunityMoveTextHandler } from './opportunity.handler';
import { followUpHandler, myOpportunitiesHandler } from './opportunity-lists.handler';
import { setStagesHandler, showStagesHandler } from './stage-settings.handler';
import { ADMINS, type CommandDeclaration } from '../command';

export const opportunityCommands: readonly CommandDeclaration[] = [
  {
    key: 'opportunity',
    words: ['商机'],
    usage: '商机 华为 50万 初步接洽',
    description: '新建商机；「商机 12」查看卡片',
    topic: '商机',
    handler: opportunityHandler,
  },
  {
    key: 'opportunityMove',
    words: ['推进', '赢单', '输单'],
    usage: '推进 12 方案报价｜赢单 12｜输单 12 原因',
    description: '改商机阶段',
    topic: '商机',
    handler: opportunityMoveTextHandler,
  },
  {
    key: 'myOpportunities',
    words: ['我的商机'],
    usage: '我的商机',
    description: '进行中的商机和加权金额',
    topic: '商机',
    handler: myOpportunitiesHandler,
  },
  {
    key: 'followUp',
    words: ['跟进'],
    usage: '跟进 华为 电话沟通报价',
    description: '记录客户、商机或线索（「跟进 线索12 …」）的跟进',
    examples: [
      '跟进 华为 电话沟通报价',
      '跟进 线索12 电话沟通，下周寄样品',
      '我今天拜访了华为，对方要报价（先确认再记录）',
    ],
    topic: '商机',
    handler: orLead(followUpLead, followUpHandler),
  },
  {
    key: 'opportunityStages',
    words: ['商机阶段'],
    usage: '商机阶段',
    description: '阶段和赢率',
    topic: '商机',
    handler: showStagesHandler,
  },
  {
    key: 'setOpportunityStages',
    words: ['设置商机阶段'],
    usage: '设置商机阶段 初步接洽20 需求确认40 …',
    description: '设置进行中的阶段和赢率',
    topic: '商机',
    roles: ADMINS,
    handler: setStagesHandler,
  },
];
