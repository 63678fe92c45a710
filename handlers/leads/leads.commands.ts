import { ADMINS, type CommandDeclaration } from '../command';
import { importLeadsHandler } from './import-leads.handler';
import { convertLeadHandler } from './convert-lead.handler';
import { leadsHandler } from './lead-views.handler';

export const leadCommands: readonly CommandDeclaration[] = [
  {
    key: 'leads',
    words: ['线索', '我的线索'],
    usage: '线索 新建 深圳云帆科技 联系人:王经理 13800138000 来源:展会',
    description:
      '线索：「线索」看我（团队）的线索，「线索 公海」看可领取的，「线索 12」看详情，「线索 新建 …」新建（先查重）；领取、分配、释放、跟进 写作「领取 线索12」',
    examples: ['线索', '线索 公海', '线索 12'],
    topic: '客户',
    handler: leadsHandler,
  },
  {
    key: 'convertLead',
    words: ['转化'],
    usage: '转化 线索12 5万',
    description: '把线索一步转为客户和商机（商机在第一阶段，金额可选）',
    examples: ['转化 线索12'],
    topic: '客户',
    handler: convertLeadHandler,
  },
  {
    key: 'importLeads',
    words: ['导入线索'],
    usage: '导入线索',
    description: '上传 Excel/CSV 批量导入线索（与客户、线索查重；无负责人的进入线索公海）',
    topic: '客户',
    roles: ADMINS,
    handler: importLeadsHandler,
  },
];
