import { adminCommands } from './admin/admin.commands';
import { approvalCommands } from './approval/approval.commands';
import { attendanceCommands } from './attendance/attendance.commands';
import type { CommandDeclaration } from './command';
import { customerCommands } from './customer/customer.commands';
import { generalCommands } from './general.commands';
import { leadCommands } from './leads/leads.commands';
import { opportunityCommands } from './opportunity/opportunity.commands';
import { orderCommands } from './order/order.commands';
import { reportsCommands } from './reports/reports.commands';
import { targetCommands } from './target/target.commands';
import { visitCommands } from './visit/visit.commands';

/** Every text command, gathered from the declarations beside the handlers. */
export const COMMANDS: readonly CommandDeclaration[] = [
  ...generalCommands,
  ...attendanceCommands,
  ...visitCommands,
  ...customerCommands,
  ...leadCommands,
  ...opportunityCommands,
  ...orderCommands,
  ...targetCommands,
  ...approvalCommands,
  ...reportsCommands,
  ...adminCommands,
];

const BY_WORD = new Map<string, CommandDeclaration>(
  COMMANDS.flatMap((command) => command.words.map((word) => [word.toLowerCase(), command] as const)),
);

/** The command a word starts, if any (case-insensitive, so `HELP` is `help`). */
export function commandForWord(word: string): CommandDeclaration | undefined {
  return BY_WORD.get(word.toLowerCase());
}

export function commandByKey(key: string): CommandDeclaration | undefined {
  return COMMANDS.find((command) => command.key === key);
}
