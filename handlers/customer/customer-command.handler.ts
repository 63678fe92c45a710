import type { InboundEventOf } from '../../domain/messages/inbound-event';
import { argumentsOf } from '../command-args';
import type { HandlerContext, HandlerResult } from '../context';
import { idleCustomersHandler, overdueVisitsHandler } from './coverage.handler';
import { customerFieldsHandler, customerProfileHandler } from './customer-fields.handler';
import { customerTimelineHandler } from './customer-timeline.handler';
import { findCustomerHandler } from './find-customer.handler';

/**
 * `客户 …` has a few forms; the word after the name says which:
 * `客户 <名称> 动态` (timeline), `客户 <名称> 资料` (fields and contacts),
 * `客户 <名称> 设置 分类 A` / `设置 区域 华南` / `设置 联系人 王经理 13800138000`, `客户 <名称> 删除 联系人 王经理`;
 * `客户 未拜访` (overdue for a visit by class), `客户 未跟进 [N天]` (no follow-up for N days);
 * anything else is a search (`客户 <关键词>`).
 */
export async function customerCommandHandler(
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const args = argumentsOf(event.text);
  if (args[0] === '未拜访') return overdueVisitsHandler(event, ctx);
  if (args[0] === '未跟进') return idleCustomersHandler(event, ctx);
  if (args.length >= 2 && args.at(-1) === '动态') return customerTimelineHandler(event, ctx);
  if (args.length >= 2 && args.at(-1) === '资料') return customerProfileHandler(event, ctx);
  if (args.slice(1).some((a) => a === '设置' || a === '删除')) return customerFieldsHandler(event, ctx);
  return findCustomerHandler(event, ctx);
}
