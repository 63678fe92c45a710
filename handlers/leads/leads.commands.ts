import { ADMINS, type CommandDeclaration } from '../command';
import { importTableHandler } from '../import-table.handler';
import { convertLeadHandler } from './convert-lead.handler';
import { leadsHandler } from './lead-views.handler';

export const leadCommands: readonly CommandDeclaration[] = [
  {
    key: 'leads',
    words: ['线索', '我的线索'],
    usage: '线索 新建 深圳云帆科技 联系人:王经理 13800138000 来源:展会',
    description: '我的线索｜线索 公海｜线索 12 详情｜线索 新建（先查重）',
    examples: ['线索', '线索 公海', '线索 12'],
    topic: '客户',
    handler: leadsHandler,
  },
  {
    key: 'convertLead',
    words: ['转化'],
    usage: '转化 线索12 5万',
    description: '线索一步转为客户和第一阶段的商机',
    examples: ['转化 线索12'],
    topic: '客户',
    handler: convertLeadHandler,
  },
  {
    key: 'importLeads',
    words: ['导入线索'],
    usage: '导入线索',
    description: '上传 Excel/CSV 导入线索',
    topic: '客户',
    roles: ADMINS,
    handler: importTableHandler('leads'),
  },
];
