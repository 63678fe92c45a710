import { addDays } from '../domain/attendance/calendar';
import { DomainError } from '../domain/errors';
import { typedWords } from '../domain/text/typed-words';
import { quoteUserText } from './quote';

/**
 * The words after the command word, with full-width commas and colons normalised for parsing. Free text
 * (notes, reasons, addresses) comes from `textAfterWords`/`typedWords` instead, as typed.
 */
export function argumentsOf(text: string): string[] {
  return typedWords(text)
    .slice(1)
    .map((word) => word.replace(/，/g, ',').replace(/：/g, ':'));
}

/** A value that reads right but cannot be: the reason first, then the right form. */
export function invalidValue(reason: string, usage: string, example: string): DomainError {
  return new DomainError('command.invalid_value', { reason, usage, example });
}

export function malformed(text: string, usage: string, example: string): DomainError {
  return new DomainError('command.malformed', { input: quoteUserText(text, 40), usage, example });
}

/** 本月 (default) / 上月 / YYYY-MM / YYYY年M月 → 'YYYY-MM'. */
export function parseMonthArgument(text: string, today: string): string {
  const [arg] = argumentsOf(text);
  if (!arg || arg === '本月') return today.slice(0, 7);
  if (arg === '上月') return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const m = /^(\d{4})(?:-|年)(\d{1,2})月?$/.exec(arg);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw malformed(text, '考勤 本月｜上月｜2026-11', '考勤 上月');
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}
