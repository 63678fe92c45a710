import type { InboundEventOf } from '../domain/messages/inbound-event';
import type { Role } from '../domain/org/user';
import type { HandlerContext, HandlerResult } from './context';

export const TOPICS = ['考勤', '拜访', '客户', '商机', '订单', '业绩', '审批', '日报', '管理'] as const;
export type Topic = (typeof TOPICS)[number];

/** What the router parsed from a typed command: the word that matched and what followed it. */
export interface CommandInput {
  /** The declared word the text started with (the canonical one when a synonym was typed). */
  word: string;
  /** The words after the command word, commas and colons normalised (handlers/command-args.ts). */
  args: string[];
}

export type CommandHandler = (
  event: InboundEventOf<'text'>,
  ctx: HandlerContext,
  input: CommandInput,
) => Promise<HandlerResult>;

/**
 * One command, declared once beside its handler: the router, the role check, 帮助, the did-you-mean
 * and docs/commands.md all read this.
 */
export interface CommandDeclaration {
  /** Stable identifier (docs anchors, tests). */
  key: string;
  /** Words that start the command; the first is the canonical one. A word may be two words (`管理 死信`). */
  words: readonly string[];
  usage: string;
  description: string;
  /** The 帮助 topic it is listed under; null for 帮助 itself. */
  topic: Topic | null;
  /** Who may use it (everyone when absent); the router refuses the others before the handler runs. */
  roles?: readonly Role[];
  /** For those without the role: what they can send instead. */
  otherwise?: string;
  handler: CommandHandler;
}

export const MANAGERS: readonly Role[] = ['manager', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
export const FULFILMENT: readonly Role[] = ['manager', 'approver', 'admin'];

export const mayUse = (command: Pick<CommandDeclaration, 'roles'>, role: Role): boolean =>
  !command.roles || command.roles.includes(role);
