import { exportDataHandler } from './data-export.handler';
import { adminHelpHandler, recentAuditHandler } from './admin-queries.handler';
import { setRoleHandler } from './set-role.handler';
import { handoverHandler } from './handover.handler';
import { exportAuditHandler } from './audit-export.handler';
import { deadLettersHandler } from './dead-letters.handler';
import { ADMINS, type CommandDeclaration } from '../command';

export const adminCommands: readonly CommandDeclaration[] = [
  {
    key: 'adminHelp',
    words: ['管理'],
    usage: '管理 帮助',
    description: '列出所有管理员命令',
    topic: '管理',
    roles: ADMINS,
    // Called through a function: 管理 帮助 reads this registry, so the binding is not there yet at load time.
    handler: (event, ctx) => adminHelpHandler(event, ctx),
  },
  {
    key: 'setRole',
    words: ['设置角色'],
    usage: '设置角色 张三 主管',
    description: '按姓名或用户ID设置角色（销售｜主管｜审批人｜管理员），通讯录同步不再更改',
    topic: '管理',
    roles: ADMINS,
    handler: setRoleHandler,
  },
  {
    key: 'recentAudit',
    words: ['审计'],
    usage: '审计 最近 10',
    description: '最近的审计记录（最多50条），新的在前',
    topic: '管理',
    roles: ADMINS,
    handler: recentAuditHandler,
  },
  {
    key: 'handover',
    words: ['交接'],
    usage: '交接 张三 赵六',
    description: '离职交接客户和商机',
    topic: '客户',
    roles: ADMINS,
    handler: handoverHandler,
  },
  {
    key: 'auditExport',
    words: ['审计导出'],
    usage: '审计 导出 上月',
    description: '某月的审计记录，CSV 下载链接（1小时内有效）',
    topic: '管理',
    roles: ADMINS,
    handler: exportAuditHandler,
  },
  {
    key: 'exportData',
    words: ['导出'],
    usage: '导出 订单 本月',
    description: '财务导出：订单｜回款｜拜访 某月（本月、上月、2026-11），Excel/CSV 下载链接（1小时内有效）',
    examples: ['导出 回款 上月', '导出 拜访 2026-11'],
    topic: '管理',
    roles: ADMINS,
    handler: exportDataHandler,
  },
  {
    key: 'deadLetters',
    words: ['死信'],
    usage: '管理 死信 10',
    description: '投递失败、不再重试的消息（死信）：发给谁、什么内容、平台的原因，新的在前',
    topic: '管理',
    roles: ADMINS,
    handler: deadLettersHandler,
  },
];
