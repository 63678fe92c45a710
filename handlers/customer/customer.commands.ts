import { newCustomerHandler } from './new-customer.handler';
import { customerCommandHandler } from './customer-command.handler';
import { importTableHandler } from '../import-table.handler';
import { ADMINS, type CommandDeclaration } from '../command';

export const customerCommands: readonly CommandDeclaration[] = [
  {
    key: 'newCustomer',
    words: ['新建客户'],
    usage: '新建客户 华为技术有限公司 深圳市龙岗区坂田 13800138000',
    description: '新建客户（名称、地址、电话可选），名称相近或电话相同时先提示可能重复',
    topic: '客户',
    handler: newCustomerHandler,
  },
  {
    key: 'findCustomer',
    words: ['客户', '查客户'],
    usage: '客户 华为',
    description:
      '按名称或电话查找客户；「客户 华为 动态｜资料｜设置 分类 A」；「客户 未拜访」按分类频率逾期未拜访的客户，「客户 未跟进 30天」',
    examples: ['客户 华为', '客户 未拜访', '客户 未跟进 30天'],
    topic: '客户',
    handler: customerCommandHandler,
  },
  {
    key: 'importCustomers',
    words: ['导入客户'],
    usage: '导入客户',
    description: '上传 Excel/CSV 批量导入客户',
    topic: '客户',
    roles: ADMINS,
    handler: importTableHandler('customers'),
  },
];
