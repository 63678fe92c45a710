import { placeOrderHandler } from './place-order.handler';
import { submitOrderTextHandler } from './order-card.handler';
import {
  cancelOrderHandler,
  completeOrderHandler,
  myOrdersHandler,
  orderDetailHandler,
  shipOrderHandler,
} from './order-queries.handler';
import { paymentHandler } from './payment.handler';
import { overdueHandler, receivablesHandler } from './receivables.handler';
import { productHandler } from './product-admin.handler';
import { receiptHandler, RECEIPT_USAGE } from './receipt.handler';
import { returnHandler, RETURN_USAGE } from './return.handler';
import { reviseOrderHandler, REVISE_USAGE } from './revise-order.handler';
import { statementHandler, STATEMENT_USAGE } from './statement.handler';
import { creditLimitHandler, paymentTermHandler } from './credit-admin.handler';
import { stockHandler } from './stock-admin.handler';
import { FULFILMENT, type CommandDeclaration } from '../command';

export const orderCommands: readonly CommandDeclaration[] = [
  {
    key: 'placeOrder',
    words: ['下单'],
    usage: '下单 华为深圳 A100*10 B200*2 折扣 95折',
    description: '下单：客户、商品*数量（编码或名称），可加折扣 9折｜95折｜-500，确认卡片上提交',
    examples: ['下单 华为深圳 A100*10', '下单 华为深圳 路由器10台'],
    topic: '订单',
    // 路由器10台 as reps write it is 路由器*10.
    tidyArguments: (args) => args.replace(/(\S+?)(\d+)(?:台|个|件|套|箱|只|份)(?=\s|$)/gu, '$1*$2'),
    handler: placeOrderHandler,
  },
  {
    key: 'submitOrder',
    words: ['提交订单'],
    usage: '提交订单 12',
    description: '提交确认卡片上的订单（卡片没有按钮时使用）',
    topic: '订单',
    handler: submitOrderTextHandler,
  },
  {
    key: 'myOrders',
    words: ['我的订单'],
    usage: '我的订单',
    description: '我最近的订单、状态和待回款',
    topic: '订单',
    handler: myOrdersHandler,
  },
  {
    key: 'orderDetail',
    words: ['订单', '查订单'],
    usage: '订单 12',
    description: '查看一个订单的明细、回款和到期日',
    topic: '订单',
    handler: orderDetailHandler,
  },
  {
    key: 'cancelOrder',
    words: ['取消订单'],
    usage: '取消订单 12',
    description: '取消未发货的订单',
    topic: '订单',
    handler: cancelOrderHandler,
  },
  {
    key: 'reviseOrder',
    words: ['改单', '修改订单'],
    usage: REVISE_USAGE[1],
    description: '发货前修改订单的商品、数量或折扣；折扣超出权限需重新审批',
    examples: ['改单 12 A100*8 B200*2', '改单 12 A100*10 折扣 95折'],
    topic: '订单',
    handler: reviseOrderHandler,
  },
  {
    key: 'receipt',
    words: ['收货'],
    usage: RECEIPT_USAGE[1],
    description: '登记客户实收数量（不写商品即全部收到），订单完成',
    examples: ['收货 订单12', '收货 订单12 A100*8'],
    topic: '订单',
    handler: receiptHandler,
  },
  {
    key: 'orderReturn',
    words: ['退货'],
    usage: RETURN_USAGE[1],
    description: '已发货订单退货：商品*数量和原因，审批通过后冲减应收和业绩',
    examples: ['退货 订单12 A100*2 质量问题'],
    topic: '订单',
    handler: returnHandler,
  },
  {
    key: 'statement',
    words: ['对账单', '对账'],
    usage: STATEMENT_USAGE[1],
    description: '客户对账单：期初、订单、退货、回款、期末余额，图片加 Excel/CSV 下载',
    examples: ['对账单 华为深圳 本月', '对账单 华为深圳 上月'],
    topic: '订单',
    handler: statementHandler,
  },
  {
    key: 'payment',
    words: ['回款'],
    usage: '回款 华为深圳 50000 今天',
    description: '登记回款（客户或订单号、金额、日期可选），超出应收需确认',
    examples: ['回款 华为深圳 50000', '华为深圳回款5000（先确认再记录）'],
    topic: '订单',
    handler: paymentHandler,
  },
  {
    key: 'receivables',
    words: ['应收'],
    usage: '应收 华为深圳',
    description: '应收：不带客户时按客户汇总（含逾期），带客户时列出待回款订单、到期日和逾期天数',
    topic: '订单',
    handler: receivablesHandler,
  },
  {
    key: 'overdue',
    words: ['逾期', '逾期应收'],
    usage: '逾期',
    description: '逾期应收（发货后超过回款期限）按客户列出',
    topic: '订单',
    handler: overdueHandler,
  },
  {
    key: 'products',
    words: ['商品'],
    usage: '商品 路由器',
    description: '查找商品；管理员：商品 新增｜改价｜停用｜启用｜限量｜分类',
    topic: '订单',
    handler: productHandler,
  },
  {
    key: 'creditLimit',
    words: ['信用额度', '额度'],
    usage: '信用额度 华为深圳 50万',
    description: '信用额度：查看额度和欠款；管理员设置，超额或逾期的订单需审批',
    examples: ['信用额度 华为深圳', '信用额度 华为深圳 不限'],
    topic: '订单',
    handler: creditLimitHandler,
  },
  {
    key: 'paymentTerm',
    words: ['账期'],
    usage: '账期 华为深圳 60天',
    description: '账期（发货后几天回款）：按客户、A/B/C类或默认，管理员设置',
    examples: ['账期 A类 45天', '账期 默认 30天', '账期 华为深圳'],
    topic: '订单',
    handler: paymentTermHandler,
  },
  {
    key: 'stock',
    words: ['库存'],
    usage: '库存 A100 200',
    description: '库存：各仓现有和可用；管理员设置，超出时拒绝或审批',
    examples: ['库存 A100', '库存 A100 50 销售一部', '库存 超出 审批'],
    topic: '订单',
    handler: stockHandler,
  },
  {
    key: 'shipOrder',
    words: ['发货'],
    usage: '发货 12',
    description: '把已确认的订单标记为已发货',
    topic: '订单',
    roles: FULFILMENT,
    otherwise: '你可以发送「订单 <编号>」查看订单进度。',
    handler: shipOrderHandler,
  },
  {
    key: 'completeOrder',
    words: ['完成订单'],
    usage: '完成订单 12',
    description: '把已发货的订单标记为已完成',
    topic: '订单',
    roles: FULFILMENT,
    otherwise: '你可以发送「订单 <编号>」查看订单进度。',
    handler: completeOrderHandler,
  },
];
