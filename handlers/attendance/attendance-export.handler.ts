import { buildAttendanceExportCard } from '../../cards/attendance-export.card';
import { localDateOf, monthDays } from '../../domain/attendance/calendar';
import { EXPORT_LINK_TTL_MINUTES, exportDatesOf, type ExportKind } from '../../domain/attendance/export';
import { DomainError } from '../../domain/errors';
import { cardIdFor } from '../card-ids';
import type { Handler } from '../context';
import { malformed, parseMonthArgument } from '../command-args';

const USAGE = ['导出考勤 本月｜上月｜2026-11', '导出考勤 上月'] as const;

/**
 * 导出考勤 [本月|上月|YYYY-MM] (admins): a card with download links for the month, for payroll. The files
 * are built when a link is opened, so they hold the data as of the download.
 */
export const exportAttendanceHandler: Handler<'text'> = async (event, ctx) => {
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  const month = parseExportMonth(event.text, today);
  const dates = exportDatesOf(month, today);
  const throughDate = dates[dates.length - 1];
  // A month that has not started has nothing to export.
  if (!throughDate) throw malformed(event.text, ...USAGE);
  const csvOf = (kind: ExportKind) => ctx.links.attendanceExport(month, { format: 'csv', kind });
  return {
    kind: 'card',
    card: buildAttendanceExportCard({
      cardId: cardIdFor('export', event),
      month,
      throughDate,
      isWholeMonth: throughDate === monthDays(month).at(-1),
      links: {
        xlsx: ctx.links.attendanceExport(month, { format: 'xlsx' }),
        csv: { daily: csvOf('daily'), raw: csvOf('raw'), summary: csvOf('summary') },
      },
      validMinutes: EXPORT_LINK_TTL_MINUTES,
    }),
  };
};

function parseExportMonth(text: string, today: string): string {
  try {
    return parseMonthArgument(text, today);
  } catch (error) {
    // parseMonthArgument speaks of 考勤; answer with this command's own form.
    if (error instanceof DomainError && error.code === 'command.malformed') throw malformed(text, ...USAGE);
    throw error;
  }
}
