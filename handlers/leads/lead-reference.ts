import { splitLeadReference } from '../../domain/leads/lead';
import { typedWords } from '../../domain/text/typed-words';
import type { CommandDeclaration } from '../command';
import type { LeadCommand } from './lead-moves.handler';

type CommandHandler = CommandDeclaration['handler'];

/**
 * A customer command (领取, 分配, 释放, 跟进) that hands `… 线索12 …` to the lead command instead: the same
 * words act on leads and on customers, told apart by the 线索 number.
 */
export function orLead(lead: LeadCommand, customer: CommandHandler): CommandHandler {
  return (event, ctx, input) => {
    const reference = splitLeadReference(input.args);
    if (!reference) return customer(event, ctx, input);
    // The words after the number as typed, so a follow-up keeps its full-width punctuation.
    const before = input.args.length - reference.rest.length;
    return lead(ctx, reference.id, typedWords(event.text).slice(1 + before), event.text);
  };
}
