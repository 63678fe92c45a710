import { isApprovalActionKey } from '../cards/approval.card';
import { isCustomerActionKey } from '../cards/customer-duplicate.card';
import { isLocationActionKey } from '../cards/location-next-step.card';
import { myRequestsHandler, pendingForMeHandler } from './approval/approval-lists.handler';
import { approvalCardHandler, approvalTextHandler, withdrawHandler } from './approval/decide.handler';
import { expenseRequestHandler, leaveRequestHandler, tripRequestHandler } from './approval/submit.handler';
import { exportAttendanceHandler } from './attendance/attendance-export.handler';
import { myDayHandler, myMonthHandler, teamDayHandler } from './attendance/attendance-queries.handler';
import { customerDuplicateChoiceHandler } from './customer/customer-duplicate-choice.handler';
import { findCustomerHandler } from './customer/find-customer.handler';
import { newCustomerHandler } from './customer/new-customer.handler';
import { photoHandler } from './photo.handler';
import { adminHelpHandler, recentAuditHandler } from './admin/admin-queries.handler';
import { setRoleHandler } from './admin/set-role.handler';
import { deadLettersHandler } from './admin/dead-letters.handler';
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
import { unknownTextHandler, unsupportedHandler } from './fallback.handler';
import { enterHandler, helpHandler } from './help.handler';
import { locationChoiceHandler } from './location-choice.handler';
import { locationRequestHandler } from './location-request.handler';
import { locationHandler } from './location.handler';

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
  pendingForMe: pendingForMeHandler,
  approve: approvalTextHandler,
  reject: approvalTextHandler,
  newCustomer: newCustomerHandler,
  findCustomer: findCustomerHandler,
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
  deadLetters: deadLettersHandler,
};

const CARD_ACTIONS: Array<{ matches: (key: string) => boolean; handler: Handler<'card_action'> }> = [
  { matches: isLocationActionKey, handler: locationChoiceHandler },
  { matches: isApprovalActionKey, handler: approvalCardHandler },
  { matches: isCustomerActionKey, handler: customerDuplicateChoiceHandler },
];

const COMMAND_BY_WORD = new Map<string, CommandName>(
  (Object.entries(COMMANDS) as Array<[CommandName, { names: readonly string[] }]>).flatMap(([name, entry]) =>
    entry.names.map((word) => [word.toLowerCase(), name] as const),
  ),
);

function routeText(event: InboundEventOf<'text'>): Handler<'text'> {
  const firstWord = event.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const command = COMMAND_BY_WORD.get(firstWord);
  return command ? TEXT_COMMANDS[command] : unknownTextHandler;
}

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
