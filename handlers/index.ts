import { isApprovalActionKey } from '../cards/approval.card';
import { isCustomerActionKey } from '../cards/customer-duplicate.card';
import { isLocationActionKey } from '../cards/location-next-step.card';
import { isOpportunityActionKey } from '../cards/opportunity.card';
import { handoverHandler } from './admin/handover.handler';
import { customerCommandHandler } from './customer/customer-command.handler';
import { customerChoiceHandler, withCustomerChoice } from './customer/customer-choice';
import { isCustomerChoiceActionKey } from '../cards/customer-choice.card';
import { importCustomersHandler } from './customer/import-customers.handler';
import { followUpHandler, myOpportunitiesHandler } from './opportunity/opportunity-lists.handler';
import {
  opportunityCardHandler,
  opportunityHandler,
  opportunityMoveTextHandler,
} from './opportunity/opportunity.handler';
import { setStagesHandler, showStagesHandler } from './opportunity/stage-settings.handler';
import { isOrderActionKey, isPaymentActionKey } from '../cards/order.card';
import { placeOrderHandler } from './order/place-order.handler';
import { orderCardHandler, submitOrderTextHandler } from './order/order-card.handler';
import {
  cancelOrderHandler,
  completeOrderHandler,
  myOrdersHandler,
  orderDetailHandler,
  shipOrderHandler,
} from './order/order-queries.handler';
import { paymentCardHandler, paymentHandler } from './order/payment.handler';
import { overdueHandler, receivablesHandler } from './order/receivables.handler';
import { productHandler } from './order/product-admin.handler';
import { myPerformanceHandler, teamPerformanceHandler } from './target/performance.handler';
import { setTargetHandler } from './target/set-target.handler';
import { splitTargetHandler } from './target/split-target.handler';
import { myRequestsHandler, pendingForMeHandler } from './approval/approval-lists.handler';
import { approvalFlowHandler } from './approval/flow-admin.handler';
import { resubmitHandler } from './approval/resubmit.handler';
import {
  answerFormText,
  applyFormHandler,
  formAdminHandler,
  formCardHandler,
} from './approval/custom-form.handler';
import { isFormActionKey } from '../cards/custom-form.card';
import { approvalCardHandler, approvalTextHandler, withdrawHandler } from './approval/decide.handler';
import { expenseRequestHandler, leaveRequestHandler, tripRequestHandler } from './approval/submit.handler';
import { exportAttendanceHandler } from './attendance/attendance-export.handler';
import { myDayHandler, myMonthHandler, teamDayHandler } from './attendance/attendance-queries.handler';
import { customerDuplicateChoiceHandler } from './customer/customer-duplicate-choice.handler';
import { newCustomerHandler } from './customer/new-customer.handler';
import { photoHandler } from './photo.handler';
import { adminHelpHandler, recentAuditHandler } from './admin/admin-queries.handler';
import { setRoleHandler } from './admin/set-role.handler';
import { exportAuditHandler } from './admin/audit-export.handler';
import { deadLettersHandler } from './admin/dead-letters.handler';
import {
  commentHandler,
  dailyReportHandler,
  reportStatusHandler,
  submitReportHandler,
} from './reports/daily-report.handler';
import { digestNowHandler, funnelHandler, teamRankingHandler } from './reports/manager-reports.handler';
import { monthlyReportHandler, weeklyReportHandler } from './reports/periodic-report.handler';
import {
  pushHistoryHandler,
  pushSettingsHandler,
  showPushSettingsHandler,
  subscribeHandler,
  unsubscribeHandler,
} from './reports/push-settings.handler';
import {
  removeLocationHandler,
  setHoursHandler,
  setLocationHandler,
  setModeHandler,
  showSettingsHandler,
} from './attendance/attendance-settings.handler';
import { DomainError } from '../domain/errors';
import type { InboundEvent, InboundEventOf } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import { COMMANDS, type CommandName } from './command-catalog';
import type { Handler, HandlerContext, HandlerResult } from './context';
import { describeError } from './error-messages';
import { unsupportedHandler } from './fallback.handler';
import { enterHandler, helpHandler } from './help.handler';
import { locationChoiceHandler } from './location-choice.handler';
import { locationRequestHandler } from './location-request.handler';
import { locationHandler } from './location.handler';
import { isRecycleActionKey } from '../cards/recycle-warning.card';
import { isVisitActionKey } from '../cards/visit.card';
import { endVisitHandler, visitCardHandler, visitResultTextHandler } from './visit/end-visit.handler';
import { assignHandler, claimHandler, releaseHandler } from './visit/pool.handler';
import { visitCommandHandler } from './visit/visit-command.handler';
import { visitNoteOrUnknownHandler } from './visit/visit-note.handler';
import { planHandler } from './visit/visit-plan.handler';
import { recycleWarningHandler } from './visit/recycle-warning.handler';
import { setVisitSettingHandler, showVisitSettingsHandler } from './visit/visit-settings.handler';
import {
  customerVisitsHandler,
  myVisitsTodayHandler,
  teamVisitsTodayHandler,
} from './visit/visit-views.handler';

/** The routing table: every text command and card action the bot understands, in one place. */
const TEXT_COMMANDS: Record<CommandName, Handler<'text'>> = {
  help: helpHandler,
  checkIn: locationRequestHandler('checkin_in'),
  checkOut: locationRequestHandler('checkin_out'),
  location: locationRequestHandler(),
  leave: leaveRequestHandler,
  expense: expenseRequestHandler,
  trip: tripRequestHandler,
  myRequests: myRequestsHandler,
  withdraw: withdrawHandler,
  resubmit: resubmitHandler,
  pendingForMe: pendingForMeHandler,
  approve: approvalTextHandler,
  reject: approvalTextHandler,
  newCustomer: newCustomerHandler,
  findCustomer: withCustomerChoice(customerCommandHandler),
  myDay: myDayHandler,
  myMonth: myMonthHandler,
  teamDay: teamDayHandler,
  setLocation: setLocationHandler,
  removeLocation: removeLocationHandler,
  setHours: setHoursHandler,
  setMode: setModeHandler,
  showSettings: showSettingsHandler,
  exportAttendance: exportAttendanceHandler,
  adminHelp: adminHelpHandler,
  setRole: setRoleHandler,
  recentAudit: recentAuditHandler,
  dailyReport: dailyReportHandler,
  submitReport: submitReportHandler,
  comment: commentHandler,
  reportStatus: reportStatusHandler,
  digestNow: digestNowHandler,
  teamRanking: teamRankingHandler,
  funnel: funnelHandler,
  weeklyReport: weeklyReportHandler,
  monthlyReport: monthlyReportHandler,
  unsubscribe: unsubscribeHandler,
  subscribe: subscribeHandler,
  showPushSettings: showPushSettingsHandler,
  setPushTime: pushSettingsHandler,
  pushHistory: pushHistoryHandler,
  placeOrder: placeOrderHandler,
  submitOrder: submitOrderTextHandler,
  myOrders: myOrdersHandler,
  orderDetail: orderDetailHandler,
  cancelOrder: cancelOrderHandler,
  payment: paymentHandler,
  receivables: receivablesHandler,
  overdue: overdueHandler,
  products: productHandler,
  myPerformance: myPerformanceHandler,
  shipOrder: shipOrderHandler,
  completeOrder: completeOrderHandler,
  teamPerformance: teamPerformanceHandler,
  setTarget: setTargetHandler,
  splitTarget: splitTargetHandler,
  approvalFlow: approvalFlowHandler,
  formAdmin: formAdminHandler,
  applyForm: applyFormHandler,
  opportunity: withCustomerChoice(opportunityHandler),
  opportunityMove: opportunityMoveTextHandler,
  myOpportunities: myOpportunitiesHandler,
  followUp: withCustomerChoice(followUpHandler),
  opportunityStages: showStagesHandler,
  setOpportunityStages: setStagesHandler,
  importCustomers: importCustomersHandler,
  handover: handoverHandler,
  visit: withCustomerChoice(visitCommandHandler),
  endVisit: endVisitHandler,
  visitResult: visitResultTextHandler,
  plan: planHandler,
  myVisits: myVisitsTodayHandler,
  customerVisits: withCustomerChoice(customerVisitsHandler),
  claim: withCustomerChoice(claimHandler),
  release: withCustomerChoice(releaseHandler),
  teamVisits: teamVisitsTodayHandler,
  assign: assignHandler,
  showVisitSettings: showVisitSettingsHandler,
  setVisitSetting: setVisitSettingHandler,
  auditExport: exportAuditHandler,
  deadLetters: deadLettersHandler,
};

const CARD_ACTIONS: Array<{ matches: (key: string) => boolean; handler: Handler<'card_action'> }> = [
  { matches: isLocationActionKey, handler: locationChoiceHandler },
  { matches: isApprovalActionKey, handler: approvalCardHandler },
  { matches: isCustomerActionKey, handler: customerDuplicateChoiceHandler },
  { matches: isOrderActionKey, handler: orderCardHandler },
  { matches: isPaymentActionKey, handler: paymentCardHandler },
  { matches: isFormActionKey, handler: formCardHandler },
  { matches: isOpportunityActionKey, handler: opportunityCardHandler },
  { matches: isCustomerChoiceActionKey, handler: customerChoiceHandler((e, ctx) => routeText(e)(e, ctx)) },
  { matches: isVisitActionKey, handler: visitCardHandler },
  { matches: isRecycleActionKey, handler: recycleWarningHandler },
];

const COMMAND_BY_WORD = new Map<string, CommandName>(
  (Object.entries(COMMANDS) as Array<[CommandName, { names: readonly string[] }]>).flatMap(([name, entry]) =>
    entry.names.map((word) => [word.toLowerCase(), name] as const),
  ),
);

function routeText(event: InboundEventOf<'text'>): Handler<'text'> {
  const firstWord = event.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const command = COMMAND_BY_WORD.get(firstWord);
  return command ? TEXT_COMMANDS[command] : freeTextHandler;
}

/**
 * Text that is not a command answers an open form dialogue, or else is a note on an open visit, or else
 * is not understood.
 */
const freeTextHandler: Handler<'text'> = async (event, ctx) =>
  (await answerFormText(event, ctx)) ?? visitNoteOrUnknownHandler(event, ctx);

function dispatch(event: InboundEvent, ctx: HandlerContext): Promise<HandlerResult> {
  switch (event.kind) {
    case 'text':
      return routeText(event)(event, ctx);
    case 'location':
      return locationHandler(event, ctx);
    case 'image':
      return photoHandler(event, ctx);
    case 'card_action': {
      const route = CARD_ACTIONS.find((r) => r.matches(event.actionKey));
      if (!route) throw new DomainError('card.unknown_action');
      return route.handler(event, ctx);
    }
    case 'enter':
      return enterHandler(event, ctx);
    case 'unsupported':
      return unsupportedHandler(event, ctx);
    case 'contact_change':
      // Applied by the dispatcher before any user context exists (bot/inbox/inbox-dispatcher.ts).
      return Promise.resolve(undefined);
  }
}

/**
 * Handles one event and returns the replies to queue. Business errors become the user's answer; any
 * other error propagates so the dispatcher can retry the event.
 */
export async function handleEvent(event: InboundEvent, ctx: HandlerContext): Promise<Reply[]> {
  if (!ctx.user.active)
    return event.kind === 'enter' ? [] : [{ kind: 'text', text: '你的账号已停用，如有疑问请联系管理员。' }];
  try {
    const result = await dispatch(event, ctx);
    return result === undefined ? [] : Array.isArray(result) ? result : [result];
  } catch (error) {
    if (error instanceof DomainError) {
      ctx.log.info({ code: error.code }, 'business rule declined the request');
      return [{ kind: 'text', text: describeError(error) }];
    }
    throw error;
  }
}
